import { join } from 'node:path';
import type { LoadedConfig } from '../config/loader.js';
import { resolvePaths } from '../config/paths.js';
import {
  FileSecretStore,
  KeychainSecretStore,
  type SecretStore,
  type SecretStoreMode,
} from './secret-store.js';

/** Opens the store of one named secret (e.g. `backup-key`, `audit-key`). */
export type SecretOpener = (name: string) => SecretStore;

const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

function readable(store: SecretStore): boolean {
  try {
    store.get();
    // Stryker disable BlockStatement: an empty catch returns undefined, which the one caller's `&&` reads as false (restored in the catch)
    return true;
  } catch {
    // Stryker restore BlockStatement
    return false;
  }
}

/**
 * Secrets other than the pairing secret live where the pairing secret does (config `pairing.store`):
 * the OS keychain, service "vanthu", account `name`; or the 0600 file `<configDir>/<name>.secret`.
 * `auto` chooses as the pairing secret's store does (no session bus on Linux: the file).
 */
export function secretOpener(
  mode: SecretStoreMode,
  configDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SecretOpener {
  return (name) => {
    if (!NAME_RE.test(name)) throw new Error(`invalid secret name ${JSON.stringify(name)}`);
    const file = new FileSecretStore(join(configDir, `${name}.secret`));
    if (mode === 'file') return file;
    const keychain = new KeychainSecretStore(name);
    if (mode === 'keychain') return keychain;
    if (process.platform === 'linux' && !env['DBUS_SESSION_BUS_ADDRESS']) return file;
    return keychain.usable() && readable(keychain) ? keychain : file;
  };
}

/** Every named secret as a 0600 file in `dir` (tests, and machines configured `pairing.store: file`). */
export function fileSecretOpener(dir: string): SecretOpener {
  return secretOpener('file', dir);
}

/** The opener for this user as configured (`pairing.store`, per-user config directory). */
export function configuredSecretOpener(
  loaded: LoadedConfig,
  env: NodeJS.ProcessEnv = process.env,
): SecretOpener {
  return secretOpener(loaded.config.pairing.store, resolvePaths(env).userConfigDir, env);
}
