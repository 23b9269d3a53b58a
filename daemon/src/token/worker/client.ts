import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VanthuError } from '@vanthu/shared/errors/index';
import { failureToError } from '../ckr.js';
import type { WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResults } from './protocol.js';

/** One operation's start or end inside the worker, as `trace` events report it. */
export interface TraceEvent {
  token: string;
  op: string;
  phase: 'start' | 'end';
  at: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: VanthuError): void;
}

/** Starts the worker from the compiled .js, or from the .ts sources (tests) through tsx. */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./pkcs11-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry);
  // tsx's ESM entry (package "exports" ./esm/api → import); only development and tests run this path.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * The main-thread side of the PKCS#11 worker: typed requests, replies matched by id, CKR failures
 * turned into VanthuErrors. The worker keeps the process alive only while a request is pending.
 * Emits `trace` (TraceEvent) for every queued token operation.
 */
export class Pkcs11Client extends EventEmitter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  request<R extends WorkerRequest>(request: R): Promise<WorkerResults[R['op']]> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const envelope: WorkerEnvelope = { id, request };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage(envelope);
    });
  }

  /** Stops the worker (modules are finalised with the thread). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', (msg: WorkerReply) => {
      if (msg.kind === 'trace') {
        this.emit('trace', {
          token: msg.token,
          op: msg.op,
          phase: msg.phase,
          at: msg.at,
        } satisfies TraceEvent);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.ok) p.resolve(msg.result);
      else p.reject(failureToError(msg.error));
    });
    const fail = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(failureToError({ message: `PKCS#11 worker ${why}` }));
      this.pending.clear();
    };
    worker.on('error', (error) => fail(`failed: ${error.message}`));
    worker.on('exit', (code) => fail(`exited (${code})`));
    this.worker = worker;
    return worker;
  }
}

let shared: Pkcs11Client | undefined;

/** The process-wide client: one worker owns every loaded module. */
export function sharedPkcs11Client(): Pkcs11Client {
  shared ??= new Pkcs11Client();
  return shared;
}
