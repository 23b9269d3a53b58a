import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The daemon package's directory (daemon/), where the files shipped beside the code live: fonts,
 * package.json, the bin. This module sits one level below it however it runs: compiled
 * (daemon/dist/daemon-dir.js), bundled (a chunk of daemon/bundle/, which is flat: see
 * scripts/bundle-cli.mjs) or from source (daemon/src/daemon-dir.ts). Code deeper in the tree asks
 * here rather than climbing from its own `import.meta.url`, which a bundle moves.
 */
const DAEMON_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Absolute path of a file of the daemon package, given relative to daemon/. */
export function daemonFile(...segments: string[]): string {
  return join(DAEMON_DIR, ...segments);
}
