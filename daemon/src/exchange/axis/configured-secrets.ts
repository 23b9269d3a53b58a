import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStoreMode } from '../../pairing/secret-store.js';
import { FileAxisSecrets } from './file-secrets.js';
import { KeychainAxisSecrets } from './keychain-secrets.js';
import type { SecretStore } from './secret-store.js';

/**
 * Where this user's axis credentials live, following `pairing.store`: `file` reads the files of
 * `<config dir>/axis-secrets/`, `keychain` the OS keychain; `auto` reads a credential's file when it
 * exists and the keychain otherwise (so a keychain set-up keeps working unchanged).
 */
export function configuredAxisSecrets(mode: SecretStoreMode, configDir: string): SecretStore {
  const files = new FileAxisSecrets(join(configDir, 'axis-secrets'));
  const keychain = new KeychainAxisSecrets();
  if (mode === 'file') return files;
  if (mode === 'keychain') return keychain;
  const pick = (name: string): SecretStore => (existsSync(files.file(name)) ? files : keychain);
  return {
    get: (name) => pick(name).get(name),
    set: (name, value) => pick(name).set(name, value),
    delete: (name) => pick(name).delete(name),
  };
}
