import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const prop = (path: string, name: string, value: string) =>
  `<item oor:path="${path}"><prop oor:name="${name}" oor:op="fuse"><value>${value}</value></prop></item>`;

const SCRIPTING = '/org.openoffice.Office.Common/Security/Scripting';

/**
 * The settings LibreOffice reads from a fresh profile. The DOCX comes from a web page, so nothing it
 * names outside itself is loaded: linked images (r:link, TargetMode="External") from http:// or
 * file:// would otherwise be fetched by the daemon and drawn into the PDF (BlockUntrustedRefererLinks
 * refuses every link of a document outside the trusted locations, and there are none). No macro
 * runs either.
 */
const LOCKED_SETTINGS =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">' +
  prop(SCRIPTING, 'BlockUntrustedRefererLinks', 'true') +
  prop(SCRIPTING, 'MacroSecurityLevel', '3') +
  prop(SCRIPTING, 'DisableMacrosExecution', 'true') +
  '</oor:items>';

/** Writes a LibreOffice user profile at `dir` that loads nothing from outside the document. */
export async function writeLockedProfile(dir: string): Promise<void> {
  const user = join(dir, 'user');
  await mkdir(user, { recursive: true, mode: 0o700 });
  await writeFile(join(user, 'registrymodifications.xcu'), LOCKED_SETTINGS, { mode: 0o600 });
}
