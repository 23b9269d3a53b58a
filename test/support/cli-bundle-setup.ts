import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global set-up: the tests run the `vanthu` bin, which is the bundle of daemon/dist. After a
 * `tsc -b` alone the bundle would be older than the code under test, so it is rebuilt when stale.
 */
export default function bundleCurrent(): void {
  const script = fileURLToPath(new URL('../../scripts/bundle-cli.mjs', import.meta.url));
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}
