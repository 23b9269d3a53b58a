import { KeychainSecretStore } from '../../pairing/secret-store.js';
import type { SecretStore } from './secret-store.js';

/**
 * Axis credentials in the OS keychain, service "vanthu", one account per `secretRef` of the config
 * (the same keychain module as the pairing secret). Values never pass through config or logs.
 */
export class KeychainAxisSecrets implements SecretStore {
  async get(name: string): Promise<string | undefined> {
    return new KeychainSecretStore(name).get();
  }

  async set(name: string, value: string): Promise<void> {
    new KeychainSecretStore(name).set(value);
  }

  async delete(name: string): Promise<void> {
    new KeychainSecretStore(name).delete();
  }
}
