import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_VERIFY_LIMITS,
  type VerifyLimits,
  VerifyPool,
} from '../../../daemon/src/verify/worker/pool.js';
import { xrefEntryHeavy } from '../../support/hostile-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-verify-pool-');
/** An empty config: the processes read no trust section from the engineer's home. */
const configPath = join(tmp.dir, 'config.json');
let document: Uint8Array;
beforeAll(async () => {
  writeFileSync(configPath, '{}');
  document = await makeVanBan();
});
afterAll(() => tmp.cleanup());

const pools: VerifyPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(limits: Partial<VerifyLimits> = {}): VerifyPool {
  const all: VerifyLimits = { ...DEFAULT_VERIFY_LIMITS, workers: 1, timeoutSeconds: 30, ...limits };
  const p = new VerifyPool(() => all, configPath);
  pools.push(p);
  return p;
}

const NOT_A_PDF = new TextEncoder().encode('not a PDF at all');
const verify = (p: VerifyPool, bytes: Uint8Array) => p.verify(bytes, {});
const outcome = (run: Promise<unknown>) =>
  run.then(
    (result) => ({ code: 'OK', message: (result as { indication: string }).indication }),
    (e: { code: string; message: string; details?: { detail?: string } }) => ({
      code: e.code,
      message: e.details?.detail ?? e.message,
    }),
  );

/** This process's verification processes, from /proc (Linux). */
function verifyProcesses(): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    const children = readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ');
    for (const pid of children.filter((c) => c !== '').map(Number)) {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('verify-worker')) pids.push(pid);
    }
  }
  return pids;
}

describe('VerifyPool: documents verified in its processes', () => {
  it('verifies documents one after another in the same process', async () => {
    const p = pool();
    expect(await outcome(verify(p, document))).toEqual({ code: 'OK', message: 'INDETERMINATE' });
    expect(await outcome(verify(p, document))).toEqual({ code: 'OK', message: 'INDETERMINATE' });
    expect(p.processesStarted).toBe(1);
  }, 120_000);

  it('answers a document the verifier refuses with the verifier’s typed error, and serves the next', async () => {
    const p = pool();
    const refused = await outcome(verify(p, NOT_A_PDF));
    expect(refused.code).toBe('PDF_MALFORMED');
    expect(refused.message).not.toMatch(/verification process|longer than|MB of memory/);
    expect(await outcome(verify(p, document))).toMatchObject({ code: 'OK' });
    expect(p.processesStarted).toBe(1);
  }, 120_000);

  it('queues documents beyond `workers` for the first free process, losing none', async () => {
    const p = pool({ workers: 2 });
    const all = await Promise.all([1, 2, 3, 4].map(() => outcome(verify(p, document))));
    expect(all.map((o) => o.code)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(p.processesStarted).toBe(2);
  }, 120_000);

  it('kills a document past the time limit (PDF_MALFORMED) and verifies the one queued behind it in a fresh process', async () => {
    const p = pool({ timeoutSeconds: 1 });
    // A warm process: the limit measures the document, not the start-up.
    expect((await outcome(verify(p, document))).code).toBe('OK');
    const heavy = xrefEntryHeavy(6_000_000);
    const started = Date.now();
    const [slow, next] = await Promise.all([
      outcome(verify(p, heavy)).then((o) => ({ ...o, after: Date.now() - started })),
      outcome(verify(p, document)),
    ]);
    expect(slow).toMatchObject({
      code: 'PDF_MALFORMED',
      message: 'verifying the document took longer than 1 s; verification stopped',
    });
    expect(slow.after).toBeLessThan(10_000);
    expect(next.code).toBe('OK');
    expect(p.processesStarted).toBe(2);
  }, 120_000);

  it('starts the clock of a fresh process’s first document when the process is ready', async () => {
    // Start-up (tsx, the verification modules) is not counted: the document after the killed one
    // gets a fresh process and is verified within the same limit.
    const p = pool({ timeoutSeconds: 1 });
    const [slow, next] = await Promise.all([
      outcome(verify(p, xrefEntryHeavy(6_000_000))),
      outcome(verify(p, document)),
    ]);
    expect(slow).toEqual({
      code: 'PDF_MALFORMED',
      message: 'verifying the document took longer than 1 s; verification stopped',
    });
    expect(next.code).toBe('OK');
  }, 120_000);

  it('a document exhausting the heap cap is PDF_MALFORMED naming the cap; the pool serves the next', async () => {
    const p = pool({ maxHeapMb: 64 });
    const heavy = await outcome(verify(p, xrefEntryHeavy(2_000_000)));
    expect(heavy).toEqual({
      code: 'PDF_MALFORMED',
      message: 'verifying the document needs more than 64 MB of memory; verification stopped',
    });
    expect((await outcome(verify(p, document))).code).toBe('OK');
  }, 120_000);

  it.runIf(process.platform === 'linux')(
    'a process that dies mid-document fails that document (INTERNAL), and the queued one is verified',
    async () => {
      const p = pool({ timeoutSeconds: 60 });
      expect((await outcome(verify(p, document))).code).toBe('OK');
      const slow = outcome(verify(p, xrefEntryHeavy(6_000_000)));
      const next = outcome(verify(p, document));
      const [pid] = verifyProcesses();
      process.kill(pid!, 'SIGKILL');
      expect(await slow).toEqual({ code: 'INTERNAL', message: 'verification process exited (SIGKILL)' });
      expect((await next).code).toBe('OK');
      expect(p.processesStarted).toBe(2);
    },
    120_000,
  );
});
