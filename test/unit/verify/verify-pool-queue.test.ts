import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFY_LIMITS,
  type VerifyLimits,
  VerifyPool,
} from '../../../daemon/src/verify/worker/pool.js';

/**
 * The pool's bookkeeping, seen without waiting for a verification: processes are counted when
 * started, and close() settles every document at once. (Verifications themselves:
 * verify-pool-rules.test.ts.)
 */
const pools: VerifyPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(limits: Partial<VerifyLimits> = {}): VerifyPool {
  const all: VerifyLimits = { ...DEFAULT_VERIFY_LIMITS, workers: 1, ...limits };
  const p = new VerifyPool(() => all, '/nonexistent/vanthu-config.json');
  pools.push(p);
  return p;
}

const DOCUMENT = new TextEncoder().encode('%PDF-1.7');
const outcome = (run: Promise<unknown>) =>
  run.then(
    () => 'verified',
    (e: { code: string; details?: { detail?: string } }) => `${e.code}: ${e.details?.detail}`,
  );
const CLOSED = 'INTERNAL: the verification pool was closed';

/** The verification processes of this process, from /proc (Linux). */
function verifyProcesses(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    const children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ');
    for (const pid of children.filter((c) => c !== '').map(Number)) {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('verify-worker')) pids.push(pid);
    }
  }
  return pids;
}

describe('VerifyPool: processes and queue', () => {
  it('starts one process per document up to `workers`, and queues the rest', () => {
    const two = pool({ workers: 2 });
    for (let i = 0; i < 4; i++) void outcome(two.verify(DOCUMENT, {}));
    expect(two.processesStarted).toBe(2);
    const one = pool({ workers: 1 });
    for (let i = 0; i < 3; i++) void outcome(one.verify(DOCUMENT, {}));
    expect(one.processesStarted).toBe(1);
  });

  it('close() fails the running and the queued documents alike', async () => {
    const p = pool({ workers: 1 });
    const running = outcome(p.verify(DOCUMENT, {}));
    const queued = outcome(p.verify(DOCUMENT, {}));
    await p.close();
    expect([await running, await queued]).toEqual([CLOSED, CLOSED]);
  });

  it.runIf(process.platform === 'linux')('close() ends its processes before it resolves', async () => {
    const p = pool({ workers: 2 });
    void outcome(p.verify(DOCUMENT, {}));
    p.warm();
    void outcome(p.verify(DOCUMENT, {}));
    expect(verifyProcesses()).toHaveLength(2);
    await p.close();
    expect(verifyProcesses()).toEqual([]);
  });

  it('refuses documents once closed, and starts no process', async () => {
    const p = pool();
    await p.close();
    expect(await outcome(p.verify(DOCUMENT, {}))).toBe('INTERNAL: the verification pool is closed');
    p.warm();
    expect(p.processesStarted).toBe(0);
  });

  it('warm() starts one process ahead of the first document, and the document uses it', () => {
    const p = pool({ workers: 2 });
    p.warm();
    p.warm();
    expect(p.processesStarted).toBe(1);
    void outcome(p.verify(DOCUMENT, {}));
    expect(p.processesStarted).toBe(1);
  });
});
