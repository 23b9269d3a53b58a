/**
 * Where axis credentials live. The daemon passes its OS-keychain store; tests use the in-memory one.
 * Config files only name the secret (`secretRef`), never hold it.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  async get(name: string) {
    return this.values.get(name);
  }

  async set(name: string, value: string) {
    this.values.set(name, value);
  }

  async delete(name: string) {
    this.values.delete(name);
  }
}
