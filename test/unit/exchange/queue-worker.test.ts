import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterEach, describe, expect, it } from 'vitest';
import { AxisError } from '../../../daemon/src/exchange/axis/errors.js';
import type { AxisAdapter, OutgoingMessage, SentItem } from '../../../daemon/src/exchange/axis/types.js';
import { QueueStore, idempotencyKeyFor } from '../../../daemon/src/exchange/queue/store.js';
import { QueueWorker, type WorkerEvent } from '../../../daemon/src/exchange/queue/worker.js';

/**
 * The worker's own rules, one per test: how many it claims, when it gives up, how it reconciles a
 * send whose reply was lost (the axis' sent list), which failures keep "outcome unknown", which
 * recording errors it reports, and how its loop claims, sleeps, wakes and stops.
 */

const xml = new TextEncoder().encode('<edXML/>');
const NOW = 1_700_000_000_000;

const dirs: string[] = [];
const stores: QueueStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function openStore(now?: () => number): QueueStore {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-queue-'));
  dirs.push(dir);
  const store = new QueueStore(join(dir, 'exchange.sqlite'), now ? { now } : {});
  stores.push(store);
  return store;
}

/** An adapter whose send is `send` (default: stored as doc-N) and whose sent list is `sentList`. */
function axis(
  options: {
    send?: (m: OutgoingMessage) => Promise<{ docId: string }>;
    sentList?: () => Promise<SentItem[]>;
  } = {},
) {
  const sent: OutgoingMessage[] = [];
  let listed = 0;
  const adapter: AxisAdapter = {
    kind: 'vdxp',
    async send(m) {
      sent.push(m);
      return options.send ? options.send(m) : { docId: `doc-${sent.length}` };
    },
    listReceived: async () => [],
    fetch: async () => new Uint8Array(),
    ack: async () => {},
    listAgencies: async () => [],
  };
  if (options.sentList) {
    const list = options.sentList;
    adapter.listSent = () => {
      listed += 1;
      return list();
    };
  }
  return { adapter, sent, listed: () => listed };
}

function enqueue(store: QueueStore, recipients: string[], documentId = 'D') {
  return store.enqueue({ messageType: 'edoc', from: 'A', recipients, xml, documentId });
}

const unreachable = (outcomeUnknown: boolean) =>
  new AxisError('AXIS_UNREACHABLE', 'HTTP 503', { retryable: true, outcomeUnknown });

/** Deliveries whose last send timed out, due again now (what a lost reply leaves behind). */
function lostReplies(store: QueueStore, to: string[]) {
  const packageId = enqueue(store, to);
  for (const d of store.claimDue(to.length)) {
    store.markFailed(d.id, { code: 'AXIS_UNREACHABLE', message: 'timed out', outcomeUnknown: true }, NOW);
  }
  return packageId;
}
function lostReply(store: QueueStore) {
  const packageId = lostReplies(store, ['B']);
  return { packageId, id: store.deliveriesOf(packageId)[0]!.id, key: idempotencyKeyFor(packageId, 'B') };
}

const recipients = (n: number) => Array.from({ length: n }, (_, i) => `R${i}`);

describe('claiming', () => {
  it('one round claims 4 deliveries by default', async () => {
    const store = openStore(() => NOW);
    enqueue(store, recipients(12));
    expect(await new QueueWorker(store, axis().adapter, { now: () => NOW }).runOnce()).toBe(4);
  });

  it('concurrency is at most 10 (the axis allows 10 connections) and at least 1', async () => {
    const store = openStore(() => NOW);
    enqueue(store, recipients(12));
    expect(await new QueueWorker(store, axis().adapter, { concurrency: 50 }).runOnce()).toBe(10);
    expect(await new QueueWorker(store, axis().adapter, { concurrency: 0 }).runOnce()).toBe(1);
    expect(await new QueueWorker(store, axis().adapter, { concurrency: 1 }).runOnce()).toBe(1);
  });
});

describe('giving up', () => {
  it('a retryable failure is retried until the 8th attempt by default, which ends dead', async () => {
    const store = openStore(() => NOW);
    const id = enqueue(store, ['B']);
    const events: WorkerEvent[] = [];
    const worker = new QueueWorker(
      store,
      axis({ send: async () => Promise.reject(unreachable(false)) }).adapter,
      { now: () => NOW, backoff: { baseMs: 0, maxMs: 0 }, onEvent: (e) => events.push(e) },
    );
    for (let round = 1; round <= 7; round++) await worker.runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'failed', attempts: 7 });
    await worker.runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'dead',
      attempts: 8,
      lastErrorCode: 'AXIS_UNREACHABLE',
      deadReason: `gave up after 8 attempts: ${unreachable(false).message}`,
    });
    expect(events.at(-1)).toMatchObject({
      type: 'dead',
      reason: `gave up after 8 attempts: ${unreachable(false).message}`,
    });
  });

  it('a permanent failure is dead at once, with its code and message', async () => {
    const store = openStore(() => NOW);
    const id = enqueue(store, ['B']);
    const events: WorkerEvent[] = [];
    const rejected = new AxisError('AXIS_REJECTED', 'HTTP 400: bad package', { retryable: false });
    await new QueueWorker(store, axis({ send: () => Promise.reject(rejected) }).adapter, {
      onEvent: (e) => events.push(e),
    }).runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastErrorCode: 'AXIS_REJECTED',
      deadReason: rejected.message,
    });
    expect(events).toEqual([expect.objectContaining({ type: 'dead', reason: rejected.message })]);
  });
});

describe('retrying', () => {
  it('a failure that says the axis did not store the package keeps outcome unknown off', async () => {
    const store = openStore(() => NOW);
    const id = enqueue(store, ['B']);
    const events: WorkerEvent[] = [];
    await new QueueWorker(store, axis({ send: () => Promise.reject(unreachable(false)) }).adapter, {
      now: () => NOW,
      random: () => 0,
      backoff: { baseMs: 1000, maxMs: 10_000 },
      onEvent: (e) => events.push(e),
    }).runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'failed',
      outcomeUnknown: false,
      nextAttemptAt: NOW + 500,
    });
    expect(events).toEqual([
      expect.objectContaining({ type: 'failed', error: unreachable(false).message, retryAt: NOW + 500 }),
    ]);
  });

  it('an untyped failure is retried with the outcome unknown (it may have reached the axis)', async () => {
    const store = openStore(() => NOW);
    const id = enqueue(store, ['B']);
    await new QueueWorker(store, axis({ send: () => Promise.reject(new Error('socket hang up')) }).adapter, {
      now: () => NOW,
    }).runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'failed',
      outcomeUnknown: true,
      lastErrorCode: 'INTERNAL',
      lastError: expect.stringContaining('socket hang up'),
    });
  });
});

describe('reconciling a lost reply with the axis sent list', () => {
  it('a delivery the sent list shows (same key, same recipient) is marked sent without a re-send', async () => {
    const store = openStore(() => NOW);
    const { id, key, packageId } = lostReply(store);
    const events: WorkerEvent[] = [];
    const ax = axis({ sentList: async () => [{ docId: 'ax-9', to: 'B', idempotencyKey: key }] });
    await new QueueWorker(store, ax.adapter, { now: () => NOW, onEvent: (e) => events.push(e) }).runOnce();
    expect(ax.sent).toHaveLength(0);
    expect(store.deliveriesOf(packageId)[0]).toMatchObject({ id, state: 'sent', axisDocId: 'ax-9' });
    expect(events).toEqual([expect.objectContaining({ type: 'sent', docId: 'ax-9', reconciled: true })]);
  });

  it('the same key sent to another recipient does not count; the delivery is re-sent', async () => {
    const store = openStore(() => NOW);
    const { key, packageId } = lostReply(store);
    const events: WorkerEvent[] = [];
    const ax = axis({ sentList: async () => [{ docId: 'ax-9', to: 'C', idempotencyKey: key }] });
    await new QueueWorker(store, ax.adapter, { now: () => NOW, onEvent: (e) => events.push(e) }).runOnce();
    expect(ax.sent).toEqual([expect.objectContaining({ idempotencyKey: key, from: 'A', to: ['B'] })]);
    expect(store.deliveriesOf(packageId)[0]).toMatchObject({ state: 'sent', axisDocId: 'doc-1' });
    expect(events).toEqual([expect.objectContaining({ type: 'sent', docId: 'doc-1', reconciled: false })]);
  });

  it('another package sent to the same recipient does not count; the delivery is re-sent', async () => {
    const store = openStore(() => NOW);
    const { packageId } = lostReply(store);
    const ax = axis({ sentList: async () => [{ docId: 'ax-9', to: 'B', idempotencyKey: 'other-key' }] });
    await new QueueWorker(store, ax.adapter, { now: () => NOW }).runOnce();
    expect(ax.sent).toHaveLength(1);
    expect(store.deliveriesOf(packageId)[0]).toMatchObject({ state: 'sent', axisDocId: 'doc-1' });
  });

  it('a delivery whose outcome is known is sent without asking the list', async () => {
    const store = openStore(() => NOW);
    enqueue(store, ['B']);
    const ax = axis({ sentList: async () => [] });
    await new QueueWorker(store, ax.adapter, { now: () => NOW }).runOnce();
    expect(ax.listed()).toBe(0);
    expect(ax.sent).toHaveLength(1);
  });

  it('a sent list that fails is only a missed shortcut: the delivery is re-sent with its key', async () => {
    const store = openStore(() => NOW);
    const { key, packageId } = lostReply(store);
    const ax = axis({ sentList: () => Promise.reject(unreachable(true)) });
    await new QueueWorker(store, ax.adapter, { now: () => NOW }).runOnce();
    expect(ax.sent.map((m) => m.idempotencyKey)).toEqual([key]);
    expect(store.deliveriesOf(packageId)[0]!.state).toBe('sent');
  });

  it('an axis without a sent list gets the re-send', async () => {
    const store = openStore(() => NOW);
    const { packageId } = lostReply(store);
    const ax = axis();
    await new QueueWorker(store, ax.adapter, { now: () => NOW }).runOnce();
    expect(ax.sent).toHaveLength(1);
    expect(store.deliveriesOf(packageId)[0]!.state).toBe('sent');
  });

  it('the list is fetched once a second at most, and again after that second', async () => {
    let now = NOW;
    const store = openStore(() => now);
    const ax = axis({ sentList: async () => [] });
    const worker = new QueueWorker(store, ax.adapter, { now: () => now, concurrency: 1 });
    lostReplies(store, ['B', 'C', 'E']);
    await worker.runOnce();
    expect(ax.listed()).toBe(1);
    now += 1_000;
    await worker.runOnce();
    expect(ax.listed()).toBe(1);
    now += 1;
    await worker.runOnce();
    expect(ax.listed()).toBe(2);
  });
});

describe('recording an outcome', () => {
  it('an outcome the state machine refuses (a status got there first) leaves the newer state, no error', async () => {
    const store = openStore(() => NOW);
    const packageId = enqueue(store, ['B']);
    const events: WorkerEvent[] = [];
    const ax = axis({
      send: async () => {
        store.db.prepare("UPDATE deliveries SET state = 'acknowledged'").run();
        return { docId: 'late' };
      },
    });
    await new QueueWorker(store, ax.adapter, { now: () => NOW, onEvent: (e) => events.push(e) }).runOnce();
    expect(store.deliveriesOf(packageId)[0]).toMatchObject({ state: 'acknowledged', axisDocId: null });
    expect(events.map((e) => e.type)).toEqual(['sent']);
  });

  it('any other recording error is reported as an error event, typed', async () => {
    const store = openStore(() => NOW);
    enqueue(store, ['B']);
    const events: WorkerEvent[] = [];
    const ax = axis({
      send: async () => {
        store.db.prepare('DELETE FROM deliveries').run();
        return { docId: 'gone' };
      },
    });
    await new QueueWorker(store, ax.adapter, { now: () => NOW, onEvent: (e) => events.push(e) }).runOnce();
    expect(events).toEqual([{ type: 'error', delivery: expect.anything(), error: expect.any(VanthuError) }]);
    expect((events[0] as { error: VanthuError }).error.code).toBe('QUEUE_NOT_FOUND');
  });

  it('without a listener a recording error does not fail the round', async () => {
    const store = openStore(() => NOW);
    enqueue(store, ['B']);
    const ax = axis({
      send: async () => {
        store.db.prepare('DELETE FROM deliveries').run();
        return { docId: 'gone' };
      },
    });
    await expect(new QueueWorker(store, ax.adapter, { now: () => NOW }).runOnce()).resolves.toBe(1);
  });
});

/** Resolves once `check` holds (polling), or fails the test after `ms`. */
async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A send that waits for release(); counts how many are waiting at once. */
function gated() {
  const waiting: Array<() => void> = [];
  let peak = 0;
  const ax = axis({
    send: () =>
      new Promise((resolve) => {
        waiting.push(() => resolve({ docId: 'gated' }));
        peak = Math.max(peak, waiting.length);
      }),
  });
  const releaseAll = () => {
    for (const r of waiting.splice(0)) r();
  };
  return { ...ax, waiting, peak: () => peak, releaseAll };
}

describe('the running loop', () => {
  it('re-queues what a dead process left in sending, then delivers it', async () => {
    const store = openStore();
    const packageId = enqueue(store, ['B']);
    store.claimDue(1);
    const ax = axis();
    const worker = new QueueWorker(store, ax.adapter, { idleMs: 20 });
    worker.start();
    await until(() => store.deliveriesOf(packageId)[0]!.state === 'sent');
    await worker.stop();
    expect(ax.sent).toHaveLength(1);
  });

  it('keeps at most `concurrency` sends in flight and claims the next as soon as one ends', async () => {
    const store = openStore();
    const packageId = enqueue(store, recipients(5));
    const ax = gated();
    const worker = new QueueWorker(store, ax.adapter, { concurrency: 2, idleMs: 60_000 });
    worker.start();
    await until(() => ax.waiting.length === 2);
    await new Promise((r) => setTimeout(r, 30));
    expect(ax.sent).toHaveLength(2);
    while (ax.sent.length < 5) {
      const sentBefore = ax.sent.length;
      ax.waiting.shift()!();
      await until(() => ax.sent.length > sentBefore);
    }
    ax.releaseAll();
    await until(() => store.deliveriesOf(packageId).every((d) => d.state === 'sent'));
    await worker.stop();
    expect(ax.peak()).toBe(2);
  });

  it('starting twice runs one loop (a second start does not re-send what is in flight)', async () => {
    const store = openStore();
    const packageId = enqueue(store, ['B']);
    const ax = gated();
    const worker = new QueueWorker(store, ax.adapter, { idleMs: 20 });
    worker.start();
    await until(() => ax.waiting.length === 1);
    worker.start();
    await new Promise((r) => setTimeout(r, 60));
    ax.releaseAll();
    await until(() => store.deliveriesOf(packageId)[0]!.state === 'sent');
    await worker.stop();
    expect(ax.sent).toHaveLength(1);
  });

  it('sleeps until the next retry is due, not for the whole idle time', async () => {
    const store = openStore();
    const packageId = enqueue(store, ['B']);
    let first = true;
    const ax = axis({
      send: async () => {
        if (!first) return { docId: 'retried' };
        first = false;
        throw unreachable(false);
      },
    });
    const worker = new QueueWorker(store, ax.adapter, {
      idleMs: 60_000,
      random: () => 0,
      backoff: { baseMs: 100, maxMs: 100 },
    });
    worker.start();
    await until(() => store.deliveriesOf(packageId)[0]!.state === 'sent');
    await worker.stop();
    expect(ax.sent).toHaveLength(2);
  });

  it('notify() wakes an idle loop for a new package', async () => {
    const store = openStore();
    const ax = axis();
    const worker = new QueueWorker(store, ax.adapter, { idleMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 30));
    const packageId = enqueue(store, ['B']);
    worker.notify();
    await until(() => store.deliveriesOf(packageId)[0]!.state === 'sent');
    await worker.stop();
  });

  it('stop() waits for the sends in flight and claims nothing more', async () => {
    const store = openStore();
    const first = enqueue(store, ['B'], 'D1');
    const ax = gated();
    const worker = new QueueWorker(store, ax.adapter, { idleMs: 20 });
    worker.start();
    await until(() => ax.waiting.length === 1);
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(stopped).toBe(false);
    ax.releaseAll();
    await stopping;
    expect(store.deliveriesOf(first)[0]!.state).toBe('sent');
    const later = enqueue(store, ['C'], 'D2');
    worker.notify();
    await new Promise((r) => setTimeout(r, 60));
    expect(store.deliveriesOf(later)[0]!.state).toBe('queued');
  });

  it('stop() before start() resolves', async () => {
    await expect(new QueueWorker(openStore(), axis().adapter).stop()).resolves.toBeUndefined();
  });

  it('an idle loop polls once per idle period, not in a spin', async () => {
    const store = openStore();
    const polls = countPolls(store);
    const worker = new QueueWorker(store, axis().adapter, { idleMs: 50 });
    worker.start();
    await new Promise((r) => setTimeout(r, 150));
    await worker.stop();
    expect(polls()).toBeGreaterThanOrEqual(2);
    expect(polls()).toBeLessThanOrEqual(10);
  });

  it('a retry due later is slept on until its time, not polled for', async () => {
    const store = openStore();
    const packageId = enqueue(store, ['B']);
    const [d] = store.claimDue(1);
    store.markFailed(
      d!.id,
      { code: 'AXIS_UNREACHABLE', message: 'x', outcomeUnknown: false },
      Date.now() + 5_000,
    );
    const polls = countPolls(store);
    const worker = new QueueWorker(store, axis().adapter, { idleMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    await worker.stop();
    expect(polls()).toBeLessThanOrEqual(3);
    expect(store.deliveriesOf(packageId)[0]!.state).toBe('failed');
  });

  it('a package enqueued without notify() is found at the next idle poll', async () => {
    const store = openStore();
    const ax = axis();
    const worker = new QueueWorker(store, ax.adapter, { idleMs: 20 });
    worker.start();
    await new Promise((r) => setTimeout(r, 30));
    const packageId = enqueue(store, ['B']);
    await until(() => store.deliveriesOf(packageId)[0]!.state === 'sent', 800);
    await worker.stop();
  });

  it('with every slot busy and more due, it waits for a send to end instead of polling', async () => {
    const store = openStore();
    const polls = countPolls(store);
    enqueue(store, ['B', 'C']);
    const ax = gated();
    const worker = new QueueWorker(store, ax.adapter, { concurrency: 1, idleMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(ax.sent).toHaveLength(1);
    expect(polls()).toBeLessThanOrEqual(3);
    ax.releaseAll();
    await until(() => ax.waiting.length === 1);
    ax.releaseAll();
    await worker.stop();
  });

  it('a slot-full wake-up by the idle timer claims nothing', async () => {
    const store = openStore();
    enqueue(store, ['B', 'C']);
    const ax = gated();
    const worker = new QueueWorker(store, ax.adapter, { concurrency: 1, idleMs: 10 });
    worker.start();
    await new Promise((r) => setTimeout(r, 80));
    expect(ax.sent).toHaveLength(1);
    ax.releaseAll();
    await until(() => ax.waiting.length === 1);
    ax.releaseAll();
    await worker.stop();
  });

  it('a worker clock ahead of the store clock keeps yielding to other work (never blocks the process)', async () => {
    const store = openStore();
    const packageId = enqueue(store, ['B']);
    const [d] = store.claimDue(1);
    store.markFailed(
      d!.id,
      { code: 'AXIS_UNREACHABLE', message: 'x', outcomeUnknown: false },
      Date.now() + 5_000,
    );
    const worker = new QueueWorker(store, axis().adapter, { idleMs: 60_000, now: () => Date.now() + 10_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 50));
    await worker.stop();
    expect(store.deliveriesOf(packageId)[0]!.state).toBe('failed');
  });
});

/** Counts the loop's polls for the next due time. */
function countPolls(store: QueueStore): () => number {
  let n = 0;
  const nextDueAt = store.nextDueAt.bind(store);
  store.nextDueAt = () => {
    n += 1;
    return nextDueAt();
  };
  return () => n;
}
