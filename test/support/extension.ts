import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const EXTENSION_BUILD_DIR = fileURLToPath(new URL('../../extension/build', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the extension (Vite, a couple of seconds) so the browser tests always load current code. */
export async function buildExtension(): Promise<string> {
  await promisify(execFile)('npm', ['run', 'build', '-w', 'extension'], { cwd: ROOT, maxBuffer: 16 << 20 });
  if (!existsSync(`${EXTENSION_BUILD_DIR}/manifest.json`))
    throw new Error('extension build has no manifest.json');
  return EXTENSION_BUILD_DIR;
}
