import { VanthuError } from '@vanthu/shared/errors/index';
import { serveJobs } from '../../daemon/src/workers/serve-jobs.js';

/**
 * A ProcessPool worker for tests: each job misbehaves in one way. The growing jobs stop by
 * themselves at `stopMb`, so a pool without the limit under test answers instead of taking the
 * machine's memory.
 */
export type PoolTestJob =
  | { kind: 'echo'; value: string }
  | { kind: 'fail' }
  | { kind: 'spin' }
  | { kind: 'heap'; stopMb: number }
  | { kind: 'buffers'; stopMb: number };

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

serveJobs<PoolTestJob, string>(async (job) => {
  switch (job.kind) {
    case 'echo':
      return job.value;
    case 'fail':
      throw new VanthuError('USAGE', 'refused by the test worker');
    case 'spin':
      for (;;) await tick();
    case 'heap': {
      // Small objects: old-generation heap, what --max-old-space-size bounds.
      const kept: object[][] = [];
      for (let mb = 0; mb < job.stopMb; mb++) {
        kept.push(Array.from({ length: 16_000 }, (_, i) => ({ i })));
        await tick();
      }
      return `kept ${kept.length} MB of objects`;
    }
    case 'buffers': {
      // Buffers live outside the V8 heap: only the pool's memory watch bounds them.
      const kept: Buffer[] = [];
      for (let mb = 0; mb < job.stopMb; mb += 16) {
        kept.push(Buffer.alloc(16 * 1024 * 1024, 1));
        await tick();
      }
      return `kept ${kept.length * 16} MB of buffers`;
    }
  }
});
