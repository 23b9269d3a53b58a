import { join } from 'node:path';
import { FileSecretStore } from '../../pairing/secret-store.js';
import type { SecretStore } from './secret-store.js';

/**
 * Axis credentials as 0600 files, one per `secretRef`, in `<config dir>/axis-secrets/` (the name
 * URI-encoded, so "vanthu/axis/vdxp" stays one file): for machines whose secrets live in files
 * (`pairing.store: "file"`, or no usable keychain), as the pairing secret does.
 */
export class FileAxisSecrets implements SecretStore {
  constructor(readonly dir: string) {}

  /** The file holding credential `name`. */
  file(name: string): string {
    return join(this.dir, `${encodeURIComponent(name)}.secret`);
  }

  async get(name: string): Promise<string | undefined> {
    return new FileSecretStore(this.file(name)).get() || undefined;
  }

  async set(name: string, value: string): Promise<void> {
    new FileSecretStore(this.file(name)).set(value);
  }

  async delete(name: string): Promise<void> {
    new FileSecretStore(this.file(name)).delete();
  }
}
