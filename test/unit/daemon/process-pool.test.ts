import { afterEach, describe, expect, it } from 'vitest';
import { type ProcessLimits, ProcessPool } from '../../../daemon/src/workers/process-pool.js';
import type { PoolTestJob } from '../../support/pool-test-worker.js';

const pools: ProcessPool<PoolTestJob, string>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(limits: Partial<ProcessLimits>): ProcessPool<PoolTestJob, string> {
  const all: ProcessLimits = { workers: 1, maxHeapMb: 64, maxRssMb: 4096, timeoutSeconds: 30, ...limits };
  const p = new ProcessPool<PoolTestJob, string>(
    { entry: new URL('../../support/pool-test-worker', import.meta.url), task: 'the test job' },
    () => all,
  );
  pools.push(p);
  return p;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ code: 'none', message: String(value) }),
    (e: { code: string; message: string }) => e,
  );

describe('ProcessPool', () => {
  it('answers jobs in one reused process, with the worker’s typed errors', async () => {
    const p = pool({});
    expect(await p.run({ kind: 'echo', value: 'một' })).toBe('một');
    expect(await failure(p.run({ kind: 'fail' }))).toMatchObject({ code: 'USAGE' });
    expect(await p.run({ kind: 'echo', value: 'hai' })).toBe('hai');
    expect(p.processesStarted).toBe(1);
  }, 60_000);

  it('a job past the time limit is PDF_MALFORMED; the next job runs in a fresh process', async () => {
    const p = pool({ timeoutSeconds: 1 });
    expect(await p.run({ kind: 'echo', value: 'warm' })).toBe('warm');
    const e = await failure(p.run({ kind: 'spin' }));
    expect(e).toMatchObject({ code: 'PDF_MALFORMED' });
    expect(e.message).toContain('the test job took longer than 1 s');
    expect(await p.run({ kind: 'echo', value: 'after' })).toBe('after');
    expect(p.processesStarted).toBe(2);
  }, 60_000);

  it('a job exhausting the heap cap is PDF_MALFORMED', async () => {
    const p = pool({ maxHeapMb: 64 });
    const e = await failure(p.run({ kind: 'heap', stopMb: 400 }));
    expect(e).toMatchObject({ code: 'PDF_MALFORMED' });
    expect(e.message).toContain('needs more than 64 MB of memory');
    expect(await p.run({ kind: 'echo', value: 'after' })).toBe('after');
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    'a job holding buffers (outside the heap) past maxRssMb is PDF_MALFORMED',
    async () => {
      const p = pool({ maxHeapMb: 64, maxRssMb: 256 });
      const e = await failure(p.run({ kind: 'buffers', stopMb: 768 }));
      expect(e).toMatchObject({ code: 'PDF_MALFORMED' });
      expect(e.message).toContain('needs more than 256 MB of memory');
      expect(await p.run({ kind: 'echo', value: 'after' })).toBe('after');
    },
    60_000,
  );
});
