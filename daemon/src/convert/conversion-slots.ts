import { VanthuError } from '@vanthu/shared/errors/index';

/**
 * Conversions one at a time, with a short waiting line: each is a LibreOffice process of a few
 * hundred MB, so pages asking for many at once must not start many at once. Beyond the waiting line
 * the request is refused (BUSY) instead of queueing without bound; a request cancelled while it
 * waits leaves the line without running.
 */
export class ConversionSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrent = 1,
    private readonly maxWaiting = 4,
  ) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.maxWaiting)
        throw new VanthuError(
          'BUSY',
          `${this.running} conversion(s) running and ${this.waiting.length} waiting`,
        );
      await this.waitForTurn(signal);
    }
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private waitForTurn(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal?.removeEventListener('abort', cancel);
        resolve();
      };
      const cancel = () => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new VanthuError('USER_CANCELLED', 'conversion cancelled while waiting for its turn'));
      };
      if (signal?.aborted) return cancel();
      signal?.addEventListener('abort', cancel, { once: true });
      this.waiting.push(turn);
    });
  }
}
