import type { Command } from '../command.js';
import { versionCommand } from './version.js';

/** Every `vanthu` sub-command, in the order `vanthu --help` lists them. */
export const COMMANDS: readonly Command[] = [versionCommand];
