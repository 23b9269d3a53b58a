/** Faults the local axis can inject, per operation (path) or for every operation ('*'). */
export type Fault =
  /** Answer HTTP 500 without doing anything. */
  | { kind: 'status500' }
  /** Never answer (the client's timeout fires). */
  | { kind: 'timeout' }
  /** Drop the connection before doing anything. */
  | { kind: 'reset' }
  /** Do the work (store the package), then drop the connection: the reply is lost. */
  | { kind: 'lostResponse' }
  /** Store the package, and hand it to the receiver twice. */
  | { kind: 'duplicate' }
  /** Answer normally after a delay. */
  | { kind: 'slow'; ms: number };

export interface RandomFaults {
  lostResponseRate?: number;
  resetRate?: number;
  status500Rate?: number;
  /** Deterministic random source (seeded by the test). */
  random: () => number;
}

export class FaultPlan {
  private readonly queued = new Map<string, Fault[]>();
  randomFaults: RandomFaults | undefined;
  /** Faults actually injected, for assertions. */
  readonly injected: Array<{ op: string; kind: Fault['kind'] }> = [];

  /** Inject `fault` on the next `times` calls of `op` (a path such as '/sendEdoc', or '*'). */
  inject(op: string, fault: Fault, times = 1): this {
    const list = this.queued.get(op) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.queued.set(op, list);
    return this;
  }

  clear(): void {
    this.queued.clear();
    this.randomFaults = undefined;
  }

  next(op: string): Fault | undefined {
    for (const key of [op, '*']) {
      const list = this.queued.get(key);
      if (list && list.length > 0) {
        const f = list.shift()!;
        this.injected.push({ op, kind: f.kind });
        return f;
      }
    }
    const r = this.randomFaults;
    if (r && op.endsWith('sendEdoc')) {
      const x = r.random();
      let f: Fault | undefined;
      if (x < (r.lostResponseRate ?? 0)) f = { kind: 'lostResponse' };
      else if (x < (r.lostResponseRate ?? 0) + (r.resetRate ?? 0)) f = { kind: 'reset' };
      else if (x < (r.lostResponseRate ?? 0) + (r.resetRate ?? 0) + (r.status500Rate ?? 0))
        f = { kind: 'status500' };
      if (f) this.injected.push({ op, kind: f.kind });
      return f;
    }
    return undefined;
  }
}

/** Small deterministic PRNG (mulberry32) for reproducible fault schedules. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
