import type { Command } from '../command.js';
import { versionCommand } from './version.js';
import { registryCommand } from './registry.js';
import { recordsCommand } from './records.js';
import { reportCommand } from './report.js';
import { backupCommand, restoreCommand } from './backup.js';
import { edxmlCommand } from './edxml.js';
import { queueCommand } from './queue.js';
import { inboxCommand } from './inbox.js';
import { signCommand } from './sign.js';
import { tokensCommand } from './tokens.js';
import { doctorCommand } from './doctor.js';
import { demoCommand } from './demo.js';
import { verifyCommand } from './verify.js';
import { startCommand } from './start.js';
import { nativeHostCommand } from './native-host.js';
import { pairCommand } from './pair.js';
import { serviceCommand } from './service.js';
import { configCommand } from './config.js';
import { auditCommand } from './audit.js';

/** Every `vanthu` sub-command, in the order `vanthu --help` lists them. */
export const COMMANDS: readonly Command[] = [
  versionCommand,
  registryCommand,
  recordsCommand,
  reportCommand,
  backupCommand,
  restoreCommand,
  edxmlCommand,
  queueCommand,
  inboxCommand,
  signCommand,
  tokensCommand,
  doctorCommand,
  demoCommand,
  verifyCommand,
  startCommand,
  nativeHostCommand,
  pairCommand,
  serviceCommand,
  configCommand,
  auditCommand,
];
