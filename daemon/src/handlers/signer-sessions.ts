import type { Signer } from '../token/signer.js';
import type { KeyProvider } from './services.js';

/**
 * The PIN session policy. By default every sign request logs in and out (the signer is closed at
 * the end). With an admin batch window and the user's explicit batch consent, the logged-in
 * signer is kept for that many seconds after its last use, so a batch needs one PIN entry.
 */
export class SignerSessions {
  private readonly open = new Map<string, { signer: Signer; timer: NodeJS.Timeout }>();

  constructor(
    private readonly keys: KeyProvider,
    private readonly windowSeconds: number,
  ) {}

  /** A signer for `keyUri` and how to release it after the operation. */
  async acquire(
    keyUri: string,
    pin: string | undefined,
    batch: boolean,
  ): Promise<{ signer: Signer; release(): Promise<void> }> {
    const keep = batch && this.windowSeconds > 0;
    const held = keep ? this.open.get(keyUri) : undefined;
    if (held) {
      clearTimeout(held.timer);
      return { signer: held.signer, release: async () => this.park(keyUri, held.signer) };
    }
    const signer = await this.keys.openSigner(keyUri, pin);
    if (!keep) return { signer, release: () => signer.close() };
    return { signer, release: async () => this.park(keyUri, signer) };
  }

  private park(keyUri: string, signer: Signer): void {
    const timer = setTimeout(() => {
      this.open.delete(keyUri);
      void signer.close();
    }, this.windowSeconds * 1000);
    timer.unref();
    this.open.set(keyUri, { signer, timer });
  }

  /** Logs every kept session out (shutdown, token removal). */
  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const s of all) clearTimeout(s.timer);
    await Promise.all(all.map((s) => s.signer.close()));
  }
}
