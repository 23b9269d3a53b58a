import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where LibreOffice installs its program outside PATH (Windows and macOS installers). */
const INSTALL_PLACES: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  win32: [
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
  ],
  darwin: ['/Applications/LibreOffice.app/Contents/MacOS/soffice'],
};

function runnable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The LibreOffice program: the configured one if it can be run (a configured path is never replaced
 * by another), else `soffice`/`libreoffice` on PATH, else the installer's usual place. Undefined when
 * none is found.
 */
export function findSoffice(configured: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (configured !== undefined) return runnable(configured) ? configured : undefined;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) for (const name of names) if (runnable(join(dir, name))) return join(dir, name);
  return (INSTALL_PLACES[process.platform] ?? []).find(runnable);
}
