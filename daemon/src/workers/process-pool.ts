import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VanthuError, deserializeError } from '@vanthu/shared/errors/index';
import type { JobMessage, JobReply } from './protocol.js';

/** Limits of one pool's processes. */
export interface ProcessLimits {
  /** Processes working at the same time; further jobs queue. */
  workers: number;
  /** Old-generation heap of one process (--max-old-space-size). */
  maxHeapMb: number;
  /**
   * Resident memory of one process, heap and buffers together (typed arrays live outside the V8
   * heap, so --max-old-space-size alone does not bound a decoder). Watched on Linux only.
   */
  maxRssMb: number;
  /** Wall-clock time one job may take before its process is killed. */
  timeoutSeconds: number;
}

export interface PoolOptions {
  /** The worker module, as a URL without extension (.js next to compiled code, .ts under tsx). */
  entry: URL;
  /** What the processes do, for messages: "reading the document's text". */
  task: string;
  /**
   * Large plain-JS modules (file URLs) the worker uses. Under tsx (tests, development) they are
   * imported before tsx's loader is registered, so they load as plain Node would load them: tsx's
   * hooks on a 2 MB module like pdf.js cost seconds of start-up.
   */
  plainModules?: readonly string[];
}

interface Pending<J, R> {
  id: number;
  job: J;
  resolve(result: R): void;
  reject(error: VanthuError): void;
}

interface Slot<J, R> {
  worker: ChildProcess;
  /** The end of its stderr: V8 reports running out of heap there. */
  stderr: string;
  /** Modules loaded: the time limit counts from here, not from start-up. */
  ready: boolean;
  busy: (Pending<J, R> & { timer?: NodeJS.Timeout; watch?: NodeJS.Timeout }) | undefined;
}

const RSS_POLL_MS = 100;

/**
 * Runs jobs on untrusted input in child processes with a heap cap, a memory watch and a time
 * limit, so input that would exhaust memory or run forever costs one process (PDF_MALFORMED for
 * that job), never the caller. Processes are kept between jobs and replaced when one dies; idle
 * ones do not hold the caller's event loop open. A process, not a worker thread: a thread
 * overshooting its resourceLimits can abort the whole process.
 */
export class ProcessPool<J, R> {
  private readonly slots: Slot<J, R>[] = [];
  private readonly queue: Pending<J, R>[] = [];
  private nextId = 1;
  private closed = false;
  /** Processes started so far. */
  processesStarted = 0;

  constructor(
    private readonly options: PoolOptions,
    private readonly limits: () => ProcessLimits,
  ) {}

  run(job: J): Promise<R> {
    if (this.closed)
      return Promise.reject(new VanthuError('INTERNAL', `the pool ${this.options.task} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every process; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new VanthuError('INTERNAL', `the pool ${this.options.task} was closed`);
    for (const p of this.queue.splice(0)) p.reject(stopped);
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.busy) {
          clearTimers(slot);
          slot.busy.reject(stopped);
        }
        return stop(slot.worker);
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const limits = this.limits();
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < limits.workers) slot = this.spawn(limits);
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.busy = next;
      if (slot.ready) this.startClock(slot, limits);
      idle(slot.worker, false);
      slot.worker.send({ id: next.id, job: next.job } satisfies JobMessage<J>);
    }
  }

  private spawn(limits: ProcessLimits): Slot<J, R> {
    const worker = startProcess(this.options, limits.maxHeapMb);
    this.processesStarted++;
    const slot: Slot<J, R> = { worker, stderr: '', ready: false, busy: undefined };
    idle(worker, true);
    worker.stderr?.setEncoding('utf8');
    worker.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-4096);
    });
    (worker.stderr as { unref?: () => void } | null)?.unref?.();
    worker.on('message', (reply: JobReply<R> | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.busy) this.startClock(slot, limits);
        return;
      }
      const busy = slot.busy;
      if (!busy || busy.id !== reply.id) return;
      clearTimers(slot);
      slot.busy = undefined;
      idle(worker, true);
      if (reply.ok) busy.resolve(reply.result);
      else busy.reject(deserializeError(reply.error));
      this.dispatch();
    });
    worker.on('error', (error) =>
      this.fail(
        slot,
        new VanthuError('INTERNAL', `${this.options.task}: process failed: ${error.message}`, undefined, {
          cause: error,
        }),
      ),
    );
    worker.on('exit', (code, signal) =>
      this.fail(
        slot,
        /heap out of memory|Allocation failed|invalid size error/.test(slot.stderr)
          ? this.tooMuchMemory(limits.maxHeapMb)
          : new VanthuError('INTERNAL', `${this.options.task}: process exited (${signal ?? code})`),
      ),
    );
    this.slots.push(slot);
    return slot;
  }

  /** Time limit and memory watch of the running job, from the moment the process is ready. */
  private startClock(slot: Slot<J, R>, limits: ProcessLimits): void {
    const busy = slot.busy;
    if (!busy || busy.timer !== undefined) return;
    busy.timer = setTimeout(
      () =>
        this.fail(
          slot,
          new VanthuError(
            'PDF_MALFORMED',
            `${this.options.task} took longer than ${limits.timeoutSeconds} s; stopped`,
          ),
        ),
      limits.timeoutSeconds * 1000,
    );
    const pid = slot.worker.pid;
    if (process.platform === 'linux' && pid !== undefined) {
      busy.watch = setInterval(() => {
        const rss = residentMb(pid);
        if (rss !== undefined && rss > limits.maxRssMb) this.fail(slot, this.tooMuchMemory(limits.maxRssMb));
      }, RSS_POLL_MS);
      busy.watch.unref();
    }
  }

  private tooMuchMemory(mb: number): VanthuError {
    return new VanthuError(
      'PDF_MALFORMED',
      `${this.options.task} needs more than ${mb} MB of memory; stopped`,
    );
  }

  /** Ends a process and its job with `error`; the queue goes on in a fresh process. */
  private fail(slot: Slot<J, R>, error: VanthuError): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const busy = slot.busy;
    clearTimers(slot);
    slot.busy = undefined;
    busy?.reject(error);
    void stop(slot.worker);
    if (!this.closed) this.dispatch();
  }
}

/** Starts a worker from the compiled .js, or from the .ts sources (tests) through tsx. */
function startProcess(options: PoolOptions, maxHeapMb: number): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(`${options.entry.href}.${fromSource ? 'ts' : 'js'}`);
  const execArgv = [`--max-old-space-size=${maxHeapMb}`];
  if (fromSource) {
    for (const url of options.plainModules ?? []) execArgv.push('--import', url);
    // tsx's loader (package "exports" "." → dist/loader.mjs); only development and tests run this path.
    const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    execArgv.push('--import', pathToFileURL(join(tsxDir, 'dist/loader.mjs')).href);
  }
  return fork(file, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** VmRSS of a process in MB, or undefined when it cannot be read (the process is gone). */
function residentMb(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function clearTimers<J, R>(slot: Slot<J, R>): void {
  clearTimeout(slot.busy?.timer);
  clearInterval(slot.busy?.watch);
}

/** Keeps a process from holding the caller's event loop open while it waits for work. */
function idle(child: ChildProcess, isIdle: boolean): void {
  const channel = child.channel as { ref(): void; unref(): void } | null | undefined;
  if (isIdle) {
    child.unref();
    channel?.unref();
  } else {
    child.ref();
    channel?.ref();
  }
}

/** Kills a process and waits until it is gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // An idle process is unreferenced: referenced again, its exit is waited for, not lost with the loop.
    child.ref();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
