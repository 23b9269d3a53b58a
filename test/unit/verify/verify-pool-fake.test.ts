import type { ForkOptions } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VerifyJob } from '../../../daemon/src/verify/worker/protocol.js';

/**
 * The pool's rules, each against stand-in processes: `fork` gives a scripted child that the test
 * makes ready, answer, write to stderr, fail or exit, with fake timers for the time limit. Real
 * verification processes: verify-pool-rules.test.ts.
 */
interface Referable {
  referenced: boolean;
  ref(): void;
  unref(): void;
}

interface FakeStderr extends EventEmitter, Referable {
  encoding: string | undefined;
  setEncoding(encoding: string): void;
  /** Writes as a pipe does: text once an encoding is set, bytes before. */
  write(text: string): void;
}

interface FakeChild extends EventEmitter, Referable {
  exitCode: number | null;
  signalCode: string | null;
  channel: Referable | null;
  stderr: FakeStderr;
  sent: VerifyJob[];
  /** Each kill, with whether the process was referenced then (its exit is waited for). */
  kills: Array<{ signal: string; referenced: boolean }>;
  send(message: VerifyJob): boolean;
  kill(signal: string): boolean;
  /** The process ends (Node sets exitCode or signalCode, then emits 'exit'). */
  die(code: number | null, signal: string | null): void;
}

const forks = vi.hoisted(() => ({
  calls: [] as Array<{ entry: string; args: string[]; options: ForkOptions; child: FakeChild }>,
  /** The next process starts without an IPC channel handle (as after a disconnect). */
  withoutChannel: false,
  /** Killed processes exit only when the test says so (die()). */
  slowToExit: false,
  /** The next spawn fails as under EMFILE: Node returns a child without stderr or channel. */
  cannotStart: false,
}));

vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  const { EventEmitter } = await import('node:events');
  const referable = (): Referable => ({
    referenced: true,
    ref() {
      this.referenced = true;
    },
    unref() {
      this.referenced = false;
    },
  });
  class Stderr extends EventEmitter {
    encoding: string | undefined;
    referenced = true;
    ref() {
      this.referenced = true;
    }
    unref() {
      this.referenced = false;
    }
    setEncoding(encoding: string) {
      this.encoding = encoding;
    }
    write(text: string) {
      this.emit('data', this.encoding === undefined ? Buffer.from(text) : text);
    }
  }
  class Child extends EventEmitter {
    exitCode: number | null = null;
    signalCode: string | null = null;
    referenced = true;
    channel = forks.cannotStart ? undefined : forks.withoutChannel ? null : referable();
    stderr = forks.cannotStart ? undefined : new Stderr();
    sent: VerifyJob[] = [];
    kills: Array<{ signal: string; referenced: boolean }> = [];
    ref() {
      this.referenced = true;
    }
    unref() {
      this.referenced = false;
    }
    send(message: VerifyJob) {
      this.sent.push(message);
      return true;
    }
    kill(signal: string) {
      this.kills.push({ signal, referenced: this.referenced });
      if (this.exitCode !== null || this.signalCode !== null) return false;
      if (!forks.slowToExit) queueMicrotask(() => this.die(null, signal));
      return true;
    }
    die(code: number | null, signal: string | null) {
      this.exitCode = code;
      this.signalCode = signal;
      this.emit('exit', code, signal);
    }
  }
  return {
    ...actual,
    fork: (entry: string, args: string[], options: ForkOptions) => {
      const child = new Child() as unknown as FakeChild;
      forks.calls.push({ entry, args, options, child });
      return child;
    },
  };
});

const { VerifyPool } = await import('../../../daemon/src/verify/worker/pool.js');
type Pool = InstanceType<typeof VerifyPool>;

const LIMITS = { workers: 1, maxHeapMb: 384, timeoutSeconds: 5 };
const LIMIT_MS = LIMITS.timeoutSeconds * 1000;
const CONFIG = '/etc/vanthu/test-config.json';
const DOCUMENT = new TextEncoder().encode('%PDF-1.7');
const RESULT = { signatures: [] };

const pools: Pool[] = [];
beforeEach(() => {
  forks.calls.length = 0;
  forks.withoutChannel = false;
  forks.slowToExit = false;
  forks.cannotStart = false;
  vi.useFakeTimers();
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  vi.useRealTimers();
});

function pool(limits: Partial<typeof LIMITS> = {}): Pool {
  const p = new VerifyPool(() => ({ ...LIMITS, ...limits }), CONFIG);
  pools.push(p);
  return p;
}

const child = (i: number): FakeChild => {
  const call = forks.calls[i];
  if (!call) throw new Error(`no process ${i}`);
  return call.child;
};

/** A document's outcome as it stands: pending, verified, or `CODE: detail`. */
function track(run: Promise<unknown>): { state: string } {
  const seen = { state: 'pending' };
  run.then(
    () => {
      seen.state = 'verified';
    },
    (e: { code: string; details?: { detail?: string } }) => {
      seen.state = `${e.code}: ${e.details?.detail}`;
    },
  );
  return seen;
}
/** Lets settled promises run their callbacks (microtasks only; fake timers do not move). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const ready = (c: FakeChild) => c.emit('message', { ready: true });
const answer = (c: FakeChild, id: number) => c.emit('message', { id, ok: true, result: RESULT });

const TIMED_OUT = 'PDF_MALFORMED: verifying the document took longer than 5 s; verification stopped';
const HEAP = 'PDF_MALFORMED: verifying the document needs more than 384 MB of memory; verification stopped';

describe('VerifyPool: starting processes', () => {
  it('starts the .ts worker through tsx, heap-capped, with advanced serialization and stderr piped', () => {
    pool({ maxHeapMb: 384 }).warm();
    const [call] = forks.calls;
    expect(call?.entry).toBe(
      fileURLToPath(new URL('../../../daemon/src/verify/worker/verify-worker.ts', import.meta.url)),
    );
    expect(call?.args).toEqual([]);
    const [heap, flag, loader, ...rest] = call?.options.execArgv ?? [];
    expect([heap, flag, rest]).toEqual(['--max-old-space-size=384', '--import', []]);
    expect(loader).toMatch(/^file:\/\/.*\/tsx\/dist\/loader\.mjs$/);
    expect(existsSync(fileURLToPath(loader ?? ''))).toBe(true);
    expect(call?.options.serialization).toBe('advanced');
    expect(call?.options.stdio).toEqual(['ignore', 'ignore', 'pipe', 'ipc']);
  });

  it('starts up to `workers` processes, read at each dispatch, and queues the rest', () => {
    let workers = 2;
    const p = new VerifyPool(() => ({ ...LIMITS, workers }), CONFIG);
    pools.push(p);
    for (let i = 0; i < 3; i++) track(p.verify(DOCUMENT, {}));
    expect(forks.calls).toHaveLength(2);
    expect(p.processesStarted).toBe(2);
    workers = 3;
    track(p.verify(DOCUMENT, {}));
    expect(forks.calls).toHaveLength(3);
  });

  it('sends each document with its own id, its options and the config path, in order', () => {
    const p = pool({ workers: 2 });
    const second = new TextEncoder().encode('%PDF-2.0');
    track(p.verify(DOCUMENT, { policy: 'strict' }));
    track(p.verify(second, {}));
    track(p.verify(DOCUMENT, {}));
    expect(child(0).sent).toEqual([
      { id: 1, document: DOCUMENT, options: { policy: 'strict' }, configPath: CONFIG },
    ]);
    expect(child(1).sent).toEqual([{ id: 2, document: second, options: {}, configPath: CONFIG }]);
    answer(child(1), 2);
    expect(child(1).sent.map((j) => j.id)).toEqual([2, 3]);
  });

  it('warm() starts one process once, the first document uses it, and a closed pool starts none', async () => {
    const p = pool({ workers: 2 });
    p.warm();
    p.warm();
    expect(forks.calls).toHaveLength(1);
    track(p.verify(DOCUMENT, {}));
    expect(forks.calls).toHaveLength(1);
    expect(child(0).sent).toHaveLength(1);
    await p.close();
    p.warm();
    expect(forks.calls).toHaveLength(1);
  });
});

describe('VerifyPool: replies', () => {
  it("resolves a document with its process's result, and serves the queued one next", async () => {
    const p = pool();
    const first = p.verify(DOCUMENT, {});
    const second = track(p.verify(DOCUMENT, {}));
    ready(child(0));
    expect(child(0).sent.map((j) => j.id)).toEqual([1]);
    answer(child(0), 1);
    expect(await first).toBe(RESULT);
    expect(child(0).sent.map((j) => j.id)).toEqual([1, 2]);
    answer(child(0), 2);
    await settle();
    expect(second.state).toBe('verified');
    expect(forks.calls).toHaveLength(1);
  });

  it("rejects a document with the verifier's typed error, and keeps the process", async () => {
    const p = pool();
    const run = track(p.verify(DOCUMENT, {}));
    child(0).emit('message', {
      id: 1,
      ok: false,
      error: { code: 'PDF_ENCRYPTED', message: 'x', details: { detail: 'the file is encrypted' } },
    });
    await settle();
    expect(run.state).toBe('PDF_ENCRYPTED: the file is encrypted');
    track(p.verify(DOCUMENT, {}));
    expect(child(0).sent.map((j) => j.id)).toEqual([1, 2]);
    expect(forks.calls).toHaveLength(1);
  });

  it('ignores a reply for another document, and one that comes while the process is idle', async () => {
    const p = pool();
    p.warm();
    answer(child(0), 7);
    const run = track(p.verify(DOCUMENT, {}));
    answer(child(0), 2);
    await settle();
    expect(run.state).toBe('pending');
    answer(child(0), 1);
    await settle();
    expect(run.state).toBe('verified');
  });
});

describe('VerifyPool: the time limit', () => {
  it('counts from the ready message, not from start-up', async () => {
    const p = pool();
    const run = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(LIMIT_MS * 3);
    expect(run.state).toBe('pending');
    ready(child(0));
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 1);
    expect(run.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(run.state).toBe(TIMED_OUT);
  });

  it('counts from dispatch on a process that is ready already', async () => {
    const p = pool();
    p.warm();
    ready(child(0));
    await vi.advanceTimersByTimeAsync(LIMIT_MS * 3);
    const run = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 1);
    expect(run.state).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(run.state).toBe(TIMED_OUT);
  });

  it('kills the process past the limit, fails that document only, and serves the next in a new one', async () => {
    const p = pool();
    const late = track(p.verify(DOCUMENT, {}));
    const next = p.verify(DOCUMENT, {});
    ready(child(0));
    await vi.advanceTimersByTimeAsync(LIMIT_MS);
    expect(late.state).toBe(TIMED_OUT);
    expect(child(0).kills).toEqual([{ signal: 'SIGKILL', referenced: true }]);
    expect(forks.calls).toHaveLength(2);
    expect(child(1).sent.map((j) => j.id)).toEqual([2]);
    answer(child(1), 2);
    expect(await next).toBe(RESULT);
  });

  it("stops a document's clock when it is answered: the next document gets its own full time", async () => {
    const p = pool();
    p.warm();
    ready(child(0));
    const first = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 10);
    answer(child(0), 1);
    const second = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 1);
    expect([first.state, second.state]).toEqual(['verified', 'pending']);
    expect(child(0).kills).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.state).toBe(TIMED_OUT);
  });

  it('starts the clock once per document: a second ready message neither restarts nor adds one', async () => {
    const p = pool();
    p.warm();
    ready(child(0));
    const first = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(LIMIT_MS - 10);
    ready(child(0));
    answer(child(0), 1);
    const second = track(p.verify(DOCUMENT, {}));
    await vi.advanceTimersByTimeAsync(20);
    expect([first.state, second.state]).toEqual(['verified', 'pending']);
    expect(vi.getTimerCount()).toBe(1);
  });
});

describe('VerifyPool: processes that end', () => {
  it('reads V8 running out of heap on stderr as PDF_MALFORMED, for each of its messages', async () => {
    const p = pool();
    const messages = ['heap out of memory', 'Allocation failed', 'invalid size error'];
    const runs = messages.map(() => track(p.verify(DOCUMENT, {})));
    for (const [i, message] of messages.entries()) {
      child(i).stderr.write(`FATAL ERROR: ${message}\n`);
      child(i).die(134, null);
    }
    await settle();
    expect(runs.map((r) => r.state)).toEqual([HEAP, HEAP, HEAP]);
  });

  it('reads stderr as UTF-8 text across chunks, keeping its last 4096 characters', async () => {
    const p = pool();
    const split = track(p.verify(DOCUMENT, {}));
    const kept = track(p.verify(DOCUMENT, {}));
    const pushedOut = track(p.verify(DOCUMENT, {}));
    expect(child(0).stderr.encoding).toBe('utf8');
    child(0).stderr.write('JavaScript heap out');
    child(0).stderr.write(' of memory');
    child(0).die(134, null);
    child(1).stderr.write('heap out of memory');
    child(1).stderr.write('.'.repeat(4096 - 'heap out of memory'.length));
    child(1).die(134, null);
    child(2).stderr.write('heap out of memory');
    child(2).stderr.write('.'.repeat(4096 - 'heap out of memor'.length));
    child(2).die(134, null);
    await settle();
    expect([split.state, kept.state, pushedOut.state]).toEqual([
      HEAP,
      HEAP,
      'INTERNAL: verification process exited (134)',
    ]);
  });

  it('fails the document of a process that exits mid-document with INTERNAL, and goes on in a new process', async () => {
    const p = pool({ workers: 2 });
    const crashed = track(p.verify(DOCUMENT, {}));
    const other = track(p.verify(DOCUMENT, {}));
    const queued = track(p.verify(DOCUMENT, {}));
    child(0).stderr.write('Segmentation fault\n');
    child(0).die(null, 'SIGSEGV');
    await settle();
    expect(crashed.state).toBe('INTERNAL: verification process exited (SIGSEGV)');
    expect(child(0).kills).toEqual([]);
    expect(forks.calls).toHaveLength(3);
    expect(child(2).sent.map((j) => j.id)).toEqual([3]);
    answer(child(1), 2);
    answer(child(2), 3);
    await settle();
    expect([other.state, queued.state]).toEqual(['verified', 'verified']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails the document of a process that emits 'error' with INTERNAL and its cause, and kills it", async () => {
    const p = pool({ workers: 2 });
    const failed = p.verify(DOCUMENT, {});
    const other = p.verify(DOCUMENT, {});
    const cause = new Error('channel closed');
    ready(child(0));
    child(0).emit('error', cause);
    await expect(failed).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { detail: 'verification process failed: channel closed' },
      cause,
    });
    expect(child(0).kills.map((k) => k.signal)).toEqual(['SIGKILL']);
    expect(vi.getTimerCount()).toBe(0);
    // Its exit, after the error, changes nothing: the other process keeps its document.
    await settle();
    answer(child(1), 2);
    expect(await other).toBe(RESULT);
    await p.close();
    expect(child(1).kills.map((k) => k.signal)).toEqual(['SIGKILL']);
  });

  it('fails the document with INTERNAL when a process cannot start (no stderr, no channel)', async () => {
    forks.cannotStart = true;
    const p = pool();
    const run = p.verify(DOCUMENT, {});
    // As Node reports a failed spawn: exitCode set to the errno, then 'error' (no 'exit').
    child(0).exitCode = -24;
    child(0).emit('error', new Error('spawn /usr/bin/node EMFILE'));
    await expect(run).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { detail: 'verification process failed: spawn /usr/bin/node EMFILE' },
    });
    expect(child(0).kills).toEqual([]);
  });

  it('replaces a process that dies idle without failing anything, and does not signal it', async () => {
    const p = pool();
    p.warm();
    child(0).die(1, null);
    expect(child(0).kills).toEqual([]);
    expect(forks.calls).toHaveLength(1);
    const run = track(p.verify(DOCUMENT, {}));
    expect(forks.calls).toHaveLength(2);
    expect(child(1).sent.map((j) => j.id)).toEqual([1]);
    answer(child(1), 1);
    await settle();
    expect(run.state).toBe('verified');
  });
});

describe('VerifyPool: the event loop', () => {
  it('unreferences an idle process, its channel and its stderr; references a busy one', () => {
    const p = pool();
    p.warm();
    const c = child(0);
    const refs = () => [c.referenced, c.channel?.referenced, c.stderr.referenced];
    expect(refs()).toEqual([false, false, false]);
    track(p.verify(DOCUMENT, {}));
    expect(refs()).toEqual([true, true, false]);
    answer(c, 1);
    expect(refs()).toEqual([false, false, false]);
  });

  it('works with a process whose channel handle is gone', async () => {
    forks.withoutChannel = true;
    const p = pool();
    const run = track(p.verify(DOCUMENT, {}));
    answer(child(0), 1);
    await settle();
    expect(run.state).toBe('verified');
  });
});

describe('VerifyPool: close()', () => {
  const CLOSED = 'INTERNAL: the verification pool was closed';

  it('fails running and queued documents and kills every process', async () => {
    const p = pool({ workers: 2 });
    p.warm();
    ready(child(0));
    const running = track(p.verify(DOCUMENT, {}));
    const queued = [track(p.verify(DOCUMENT, {})), track(p.verify(DOCUMENT, {}))];
    await p.close();
    expect([running.state, ...queued.map((q) => q.state)]).toEqual([CLOSED, CLOSED, CLOSED]);
    expect(child(0).kills).toEqual([{ signal: 'SIGKILL', referenced: true }]);
    expect(child(1).kills).toEqual([{ signal: 'SIGKILL', referenced: true }]);
    expect([child(0).signalCode, child(1).signalCode]).toEqual(['SIGKILL', 'SIGKILL']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves only once every process has exited', async () => {
    forks.slowToExit = true;
    const p = pool({ workers: 2 });
    track(p.verify(DOCUMENT, {}));
    track(p.verify(DOCUMENT, {}));
    let closed = false;
    const closing = p.close().then(() => {
      closed = true;
    });
    child(0).die(null, 'SIGKILL');
    await settle();
    expect(closed).toBe(false);
    child(1).die(null, 'SIGKILL');
    await closing;
  });

  it('references an idle process again so that its exit is waited for', async () => {
    const p = pool();
    p.warm();
    await p.close();
    expect(child(0).kills).toEqual([{ signal: 'SIGKILL', referenced: true }]);
  });

  it('refuses later documents and starts nothing', async () => {
    const p = pool();
    await p.close();
    const run = track(p.verify(DOCUMENT, {}));
    await settle();
    expect(run.state).toBe('INTERNAL: the verification pool is closed');
    expect(forks.calls).toHaveLength(0);
  });
});
