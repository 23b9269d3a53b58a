import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';

/** Where Debian's Chromium reads its configuration and, under policies/managed, admin policy. */
const CHROMIUM_ETC = '/etc/chromium';

/**
 * Chromium on Linux reads admin policy (and so the extension's storage.managed) only from
 * /etc/chromium/policies/managed — there is no per-profile policy directory. Writing that file would
 * reach every browser on the machine, including other test runs; instead one browser gets a private
 * mount namespace in which a copy of /etc/chromium with the policy is bind-mounted over the real one.
 * That needs root (CAP_SYS_ADMIN) and unshare(1), which CI has.
 */
export function managedPolicySupported(): boolean {
  if (process.getuid?.() !== 0 || !existsSync(CHROMIUM_ETC)) return false;
  return spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']).status === 0;
}

/**
 * Writes, under `dir`, a copy of /etc/chromium whose policies/managed/vanthu.json gives the extension
 * `policy` as its storage.managed, and a launcher that runs /usr/bin/chromium with that copy mounted
 * over /etc/chromium for this browser only. Returns the launcher (an executablePath for Playwright).
 */
export function chromiumWithManagedPolicy(
  dir: string,
  policy: Record<string, unknown>,
  chromium: string,
): string {
  const etc = join(dir, 'etc-chromium');
  cpSync(CHROMIUM_ETC, etc, { recursive: true });
  mkdirSync(join(etc, 'policies', 'managed'), { recursive: true });
  writeFileSync(
    join(etc, 'policies', 'managed', 'vanthu.json'),
    JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }),
  );
  const launcher = join(dir, 'chromium-with-policy.sh');
  writeFileSync(
    launcher,
    `#!/bin/sh\nexec unshare --mount --propagation private /bin/sh -c 'mount --bind "$0" ${CHROMIUM_ETC} && b="$1" && shift && exec "$b" "$@"' '${etc}' '${chromium}' "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  return launcher;
}
