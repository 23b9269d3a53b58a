/**
 * One FIFO queue per key: a task starts only after the previous task with the same key has settled,
 * while tasks with different keys run concurrently. The worker keys token work by module + slot, so
 * one operation per token runs at a time and several tokens work in parallel.
 */
export class SerialQueues {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Number of keys with queued or running work. */
  get busy(): number {
    return this.tails.size;
  }
}
