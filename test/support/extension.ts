import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const EXTENSION_BUILD_DIR = fileURLToPath(new URL('../../extension/build', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the extension (Vite, a couple of seconds) so the browser tests always load current code, into
 * a directory of this process (removed when it exits): a build started by another test run can
 * never empty the directory a running browser loaded the extension from. `demo: true` is the demo
 * build (`npm start`): the demo portal's profile and loopback host permissions, which the production
 * build does not have.
 */
export async function buildExtension(options: { demo: boolean }): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'vanthu-extension-'));
  process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  const { VANTHU_DEMO: _inherited, ...env } = process.env;
  await promisify(execFile)('npm', ['run', 'build', '-w', 'extension'], {
    cwd: ROOT,
    maxBuffer: 16 << 20,
    env: { ...env, VANTHU_EXTENSION_OUT: out, ...(options.demo ? { VANTHU_DEMO: '1' } : {}) },
  });
  if (!existsSync(`${out}/manifest.json`)) throw new Error('extension build has no manifest.json');
  return out;
}
