import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { VanthuError, deserializeError } from '@vanthu/shared/errors/index';
import type { VerifyPayload, VerifyResult } from '@vanthu/shared/protocol/index';
import type { VerifyJob, VerifyJobReply } from './protocol.js';

/** Limits of the verification processes (config section `verify`). */
export interface VerifyLimits {
  /** Processes verifying at the same time; further documents queue. */
  workers: number;
  /** Old-generation heap of one process (--max-old-space-size). */
  maxHeapMb: number;
  /** Wall-clock time one document may take before its process is killed. */
  timeoutSeconds: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = { workers: 2, maxHeapMb: 512, timeoutSeconds: 120 };

interface Pending {
  job: VerifyJob;
  resolve(result: VerifyResult): void;
  reject(error: VanthuError): void;
}

interface Slot {
  worker: ChildProcess;
  /** The end of its stderr: V8 reports running out of heap there. */
  stderr: string;
  /** Modules loaded: the time limit counts from here, not from start-up. */
  ready: boolean;
  busy: (Pending & { timer: NodeJS.Timeout | undefined }) | undefined;
}

/**
 * Starts a verification process from the compiled .js, or from the .ts sources (tests) through tsx.
 * A process, not a worker thread: when one allocation overshoots a thread's resourceLimits by more
 * than the few MB V8 grants for unwinding, Node aborts the whole process — the daemon included.
 * A child's --max-old-space-size ends only the child.
 */
function startProcess(maxHeapMb: number): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./verify-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const execArgv = [`--max-old-space-size=${maxHeapMb}`];
  if (fromSource) {
    // tsx's loader (package "exports" "." → dist/loader.mjs); only development and tests run this path.
    const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    execArgv.push('--import', pathToFileURL(join(tsxDir, 'dist/loader.mjs')).href);
  }
  return fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
}

/** Keeps a process from holding the daemon's event loop open while it waits for work. */
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

/**
 * Verifies untrusted documents in worker processes with a heap cap and a time limit, so a document
 * that would exhaust memory or run forever costs one process (PDF_MALFORMED for that document),
 * never the daemon. Processes are kept between documents (start-up is paid once) and replaced when
 * one dies.
 */
export class VerifyPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Processes started so far (one per slot, plus one for every process a document ended). */
  processesStarted = 0;

  constructor(
    private readonly limits: () => VerifyLimits,
    private readonly configPath?: string,
  ) {}

  verify(document: Uint8Array, options: Omit<VerifyPayload, 'document'>): Promise<VerifyResult> {
    if (this.closed) return Promise.reject(new VanthuError('INTERNAL', 'the verification pool is closed'));
    const job: VerifyJob = { id: this.nextId++, document, options, configPath: this.configPath };
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts one process ahead of the first document, unless one is running already. */
  warm(): void {
    if (this.closed || this.slots.length > 0) return;
    this.spawn(this.limits());
  }

  /** Stops every process; queued and running documents fail. */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = new VanthuError('INTERNAL', 'the verification pool was closed');
    for (const p of this.queue.splice(0)) p.reject(stopped);
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.busy) {
          clearTimeout(slot.busy.timer);
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
      slot.busy = { ...next, timer: undefined };
      if (slot.ready) this.startClock(slot, limits);
      idle(slot.worker, false);
      slot.worker.send(next.job);
    }
  }

  private spawn(limits: VerifyLimits): Slot {
    const worker = startProcess(limits.maxHeapMb);
    this.processesStarted++;
    // Stryker disable next-line StringLiteral: the mutant's start text ("Stryker was here!") neither holds nor begins a heap message: stderr's test reads the same
    const slot: Slot = { worker, stderr: '', ready: false, busy: undefined };
    idle(worker, true);
    worker.stderr?.setEncoding('utf8');
    worker.stderr?.on('data', (chunk: string) => {
      slot.stderr = (slot.stderr + chunk).slice(-4096);
    });
    (worker.stderr as { unref?: () => void } | null)?.unref?.();
    worker.on('message', (reply: VerifyJobReply | { ready: true }) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.busy) this.startClock(slot, limits);
        return;
      }
      const busy = slot.busy;
      if (!busy || busy.job.id !== reply.id) return;
      clearTimeout(busy.timer);
      slot.busy = undefined;
      idle(worker, true);
      if (reply.ok) busy.resolve(reply.result);
      else busy.reject(deserializeError(reply.error));
      this.dispatch();
    });
    worker.on('error', (error) =>
      this.fail(
        slot,
        new VanthuError('INTERNAL', `verification process failed: ${error.message}`, undefined, {
          cause: error,
        }),
      ),
    );
    worker.on('exit', (code, signal) =>
      this.fail(
        slot,
        /heap out of memory|Allocation failed|invalid size error/.test(slot.stderr)
          ? new VanthuError(
              'PDF_MALFORMED',
              `verifying the document needs more than ${limits.maxHeapMb} MB of memory; verification stopped`,
            )
          : new VanthuError('INTERNAL', `verification process exited (${signal ?? code})`),
      ),
    );
    this.slots.push(slot);
    return slot;
  }

  private startClock(slot: Slot, limits: VerifyLimits): void {
    const busy = slot.busy;
    if (busy && busy.timer === undefined)
      busy.timer = setTimeout(() => this.fail(slot, timeoutError(limits)), limits.timeoutSeconds * 1000);
  }

  /** Ends a process and its document with `error`; the queue goes on in a fresh process. */
  private fail(slot: Slot, error: VanthuError): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const busy = slot.busy;
    slot.busy = undefined;
    if (busy) {
      clearTimeout(busy.timer);
      busy.reject(error);
    }
    void stop(slot.worker);
    if (!this.closed) this.dispatch();
  }
}

function timeoutError(limits: VerifyLimits): VanthuError {
  return new VanthuError(
    'PDF_MALFORMED',
    `verifying the document took longer than ${limits.timeoutSeconds} s; verification stopped`,
  );
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
