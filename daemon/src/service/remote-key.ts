import { realpathSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { discoverModules, parseKeyUri } from '../token/index.js';
import type { DiscoverOptions } from '../token/modules.js';

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * A key URI that reaches the daemon over the socket may name only a PKCS#11 module that the
 * configuration or the known-module table already lists: the service never loads a library, nor opens
 * a PKCS#12 file, at a path a client chose (PKCS#12 keys are for the CLI). Throws POLICY_DENIED.
 */
export function checkRemoteKeyUri(keyUri: string, opts: DiscoverOptions = {}): void {
  const key = parseKeyUri(keyUri);
  if (key.scheme === 'p12') {
    throw new VanthuError(
      'POLICY_DENIED',
      'PKCS#12 files are opened by the vanthu CLI only, not by the service',
    );
  }
  if (key.modulePath === undefined) return;
  const wanted = canonical(key.modulePath);
  const listed = discoverModules(opts).some((m) => m.present && canonical(m.path) === wanted);
  if (!listed) {
    throw new VanthuError(
      'POLICY_DENIED',
      `module-path ${key.modulePath} is neither in pkcs11.modules nor a known module`,
    );
  }
}
