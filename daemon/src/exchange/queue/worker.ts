import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import { AxisError, isRetryable } from '../axis/errors.js';
import type { AxisAdapter, SentItem } from '../axis/types.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff.js';
import type { Delivery, QueueStore } from './store.js';

export interface WorkerOptions {
  /** Deliveries sent in parallel (the national axis allows at most 10 connections). */
  concurrency?: number;
  /** Attempts before a retryable failure becomes dead (default 8). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  random?: () => number;
  /** Idle wait between polls when nothing is due (ms). */
  idleMs?: number;
  onEvent?: (event: WorkerEvent) => void;
}

export type WorkerEvent =
  | { type: 'sent'; delivery: Delivery; docId: string; reconciled: boolean }
  | { type: 'failed'; delivery: Delivery; error: string; retryAt: number }
  | { type: 'dead'; delivery: Delivery; reason: string }
  /** The outcome could not be recorded (database error); the delivery is recovered at the next start. */
  | { type: 'error'; delivery: Delivery; error: unknown };

type Claimed = ReturnType<QueueStore['claimDue']>[number];

/**
 * Drives the queue: claims due deliveries, sends each with its idempotency key, and records the outcome
 * in one transaction. Typed errors decide: retryable → failed with backoff; permanent → dead.
 */
export class QueueWorker {
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly now: () => number;
  private readonly random: () => number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private sentCache: { at: number; items: SentItem[] } | undefined;

  constructor(
    private readonly store: QueueStore,
    private readonly adapter: AxisAdapter,
    private readonly options: WorkerOptions = {},
  ) {
    this.concurrency = Math.min(10, Math.max(1, options.concurrency ?? 4));
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Re-queues what a previous process left in `sending`; call once at start-up. */
  recover(): number {
    return this.store.recoverInFlight();
  }

  /** One round: claim up to `concurrency` due deliveries and settle them. Returns how many were handled. */
  async runOnce(): Promise<number> {
    const claimed = this.store.claimDue(this.concurrency);
    await Promise.all(claimed.map((d) => this.deliver(d)));
    return claimed.length;
  }

  /** Was a package whose reply we never saw stored after all? Asks the axis' sent list (if it has one). */
  private async alreadyOnAxis(d: Claimed): Promise<string | undefined> {
    if (!d.outcomeUnknown || !this.adapter.listSent) return undefined;
    try {
      if (!this.sentCache || this.now() - this.sentCache.at > 1_000) {
        this.sentCache = { at: this.now(), items: await this.adapter.listSent() };
      }
      return (
        // Stryker disable next-line OptionalChaining: a TypeError from no match lands in the catch below, which answers undefined too
        this.sentCache.items.find((s) => s.idempotencyKey === d.idempotencyKey && s.to === d.recipient)?.docId
      );
      // Stryker disable next-line BlockStatement: an empty catch makes the async function answer undefined, as this one does
    } catch {
      // The list is a shortcut only: the re-send below carries the same key.
      return undefined;
    }
  }

  /**
   * Records an outcome; if the delivery moved on meanwhile (a receiver's status already proved it
   * delivered), the state machine refuses the stale transition and the newer state stands.
   */
  private record(fn: () => void): boolean {
    try {
      fn();
      // Stryker disable next-line BooleanLiteral: no caller reads the result; it documents the outcome only
      return true;
    } catch (error) {
      // Stryker disable next-line BooleanLiteral: no caller reads the result; it documents the outcome only
      if (error instanceof VanthuError && error.code === 'QUEUE_STATE') return false;
      throw error;
    }
  }

  private async deliver(d: Claimed): Promise<void> {
    try {
      const known = await this.alreadyOnAxis(d);
      if (known) {
        this.record(() => this.store.markSent(d.id, known));
        // Stryker disable next-line OptionalChaining: without a listener the TypeError lands in deliver's catch, whose late markFailed/markDead the state machine refuses (the outcome is already recorded) and whose listener is absent too
        this.options.onEvent?.({ type: 'sent', delivery: d, docId: known, reconciled: true });
        return;
      }
      const { docId } = await this.adapter.send({
        messageType: d.messageType,
        from: d.from,
        to: [d.recipient],
        xml: d.xml,
        idempotencyKey: d.idempotencyKey,
      });
      this.record(() => this.store.markSent(d.id, docId));
      // Stryker disable next-line OptionalChaining: without a listener the TypeError lands in deliver's catch, whose late markFailed/markDead the state machine refuses (the outcome is already recorded) and whose listener is absent too
      this.options.onEvent?.({ type: 'sent', delivery: d, docId, reconciled: false });
    } catch (error) {
      try {
        this.settleFailure(d, error);
      } catch (recordError) {
        this.options.onEvent?.({ type: 'error', delivery: d, error: recordError });
      }
    }
  }

  private settleFailure(d: Claimed, error: unknown) {
    const retryable = isRetryable(error);
    const ve = toVanthuError(error);
    const message = ve.message;
    if (!retryable) {
      this.record(() => this.store.markDead(d.id, message, ve.code));
      // Stryker disable next-line OptionalChaining: without a listener the TypeError comes after the outcome is recorded and lands in deliver's catch, whose listener is absent too
      this.options.onEvent?.({ type: 'dead', delivery: d, reason: message });
      return;
    }
    if (d.attempts >= this.maxAttempts) {
      const reason = `gave up after ${d.attempts} attempts: ${message}`;
      this.record(() => this.store.markDead(d.id, reason, ve.code));
      // Stryker disable next-line OptionalChaining: without a listener the TypeError comes after the outcome is recorded and lands in deliver's catch, whose listener is absent too
      this.options.onEvent?.({ type: 'dead', delivery: d, reason });
      return;
    }
    const retryAt = this.now() + backoffDelay(d.attempts, this.backoff, this.random);
    const outcomeUnknown = error instanceof AxisError ? error.outcomeUnknown : true;
    this.record(() => this.store.markFailed(d.id, { code: ve.code, message, outcomeUnknown }, retryAt));
    // Stryker disable next-line OptionalChaining: without a listener the TypeError comes after the outcome is recorded and lands in deliver's catch, whose listener is absent too
    this.options.onEvent?.({ type: 'failed', delivery: d, error: message, retryAt });
  }

  /**
   * Runs until stop(): keeps up to `concurrency` deliveries in flight, claiming a new one as soon as a
   * slot frees; when nothing is due it sleeps until the next due time (at most idleMs) or notify().
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.recover();
    const idle = this.options.idleMs ?? 1_000;
    const inflight = new Set<Promise<void>>();
    this.loop = (async () => {
      while (this.running) {
        const free = this.concurrency - inflight.size;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: claimDue(0) claims nothing (LIMIT 0), as the [] does
        const claimed = free > 0 ? this.store.claimDue(free) : [];
        for (const d of claimed) {
          const p: Promise<void> = this.deliver(d).finally(() => inflight.delete(p));
          inflight.add(p);
        }
        // Stryker disable next-line ConditionalExpression,EqualityOperator: one claim round more or less: claimDue already took every due delivery the free slots allow, and what falls due meanwhile makes wait 0, which re-claims below
        if (claimed.length > 0 && inflight.size < this.concurrency) continue;
        const next = this.store.nextDueAt();
        const wait = next === undefined ? idle : Math.max(0, Math.min(idle, next - this.now()));
        if (wait === 0 && inflight.size < this.concurrency && claimed.length > 0) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, inflight.size > 0 ? idle : wait);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
          for (const p of inflight) void p.then(() => this.wake?.());
        });
        this.wake = undefined;
      }
      await Promise.all(inflight);
    })();
  }

  /** Wake the loop after an enqueue. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }
}
