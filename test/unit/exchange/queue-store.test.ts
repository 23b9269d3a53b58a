import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AxisError } from '../../../daemon/src/exchange/axis/errors.js';
import type { AxisAdapter, OutgoingMessage } from '../../../daemon/src/exchange/axis/types.js';
import { backoffDelay } from '../../../daemon/src/exchange/queue/backoff.js';
import { canTransition } from '../../../daemon/src/exchange/queue/states.js';
import { QueueStore, idempotencyKeyFor } from '../../../daemon/src/exchange/queue/store.js';
import { QueueWorker } from '../../../daemon/src/exchange/queue/worker.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-queue-'));
  dirs.push(dir);
  return join(dir, 'exchange.sqlite');
}

/** An adapter whose send answers from a script: each entry is an error to throw or 'ok'. */
function scripted(script: Array<'ok' | Error>) {
  const sent: OutgoingMessage[] = [];
  const adapter: AxisAdapter = {
    kind: 'vdxp',
    async send(m) {
      sent.push(m);
      const next = script.shift() ?? 'ok';
      if (next !== 'ok') throw next;
      return { docId: `doc-${sent.length}` };
    },
    listReceived: async () => [],
    fetch: async () => new Uint8Array(),
    ack: async () => {},
    listAgencies: async () => [],
  };
  return { adapter, sent };
}

const xml = new TextEncoder().encode('<edXML/>');
const retryable = () =>
  new AxisError('AXIS_UNREACHABLE', 'HTTP 500', { retryable: true, outcomeUnknown: true });

describe('queue state machine', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('queued', 'sending')).toBe(true);
    expect(canTransition('queued', 'delivered')).toBe(false);
    expect(canTransition('acknowledged', 'sending')).toBe(false);
    expect(canTransition('sent', 'queued')).toBe(false);
    expect(canTransition('cancelled', 'queued')).toBe(false);
    expect(canTransition('dead', 'queued')).toBe(true);
  });

  it('backs off exponentially with bounded jitter', () => {
    const p = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, p, () => 0)).toBe(500);
    expect(backoffDelay(1, p, () => 1)).toBe(1000);
    expect(backoffDelay(3, p, () => 0.5)).toBe(3000);
    expect(backoffDelay(20, p, () => 1)).toBe(60_000);
  });

  it('retries retryable errors with backoff on an injected clock, then delivers once', async () => {
    let now = 1_000_000;
    const store = new QueueStore(tempDb(), { now: () => now });
    const { adapter, sent } = scripted([retryable(), retryable(), 'ok']);
    const worker = new QueueWorker(store, adapter, {
      now: () => now,
      random: () => 0,
      backoff: { baseMs: 1000, maxMs: 10_000 },
    });
    const id = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml, documentId: 'D' });
    expect(await worker.runOnce()).toBe(1);
    let d = store.deliveriesOf(id)[0]!;
    expect(d).toMatchObject({
      state: 'failed',
      attempts: 1,
      nextAttemptAt: now + 500,
      lastErrorCode: 'AXIS_UNREACHABLE',
    });
    expect(await worker.runOnce()).toBe(0); // not due yet
    now += 500;
    await worker.runOnce();
    d = store.deliveriesOf(id)[0]!;
    expect(d).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: now + 1000 });
    now += 1000;
    await worker.runOnce();
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'sent', axisDocId: 'doc-3', attempts: 3 });
    expect(new Set(sent.map((m) => m.idempotencyKey))).toEqual(new Set([idempotencyKeyFor(id, 'B')]));
    expect(store.transitionsOf(id).map((t) => t.to)).toEqual([
      'queued',
      'sending',
      'failed',
      'sending',
      'failed',
      'sending',
      'sent',
    ]);
    store.close();
  });

  it('sends permanent errors and exhausted retries to the dead-letter list with the reason', async () => {
    const store = new QueueStore(tempDb());
    const { adapter } = scripted([
      new AxisError('AXIS_REJECTED', 'HTTP 400: bad package', { retryable: false }),
      retryable(),
      retryable(),
    ]);
    const worker = new QueueWorker(store, adapter, { maxAttempts: 2, backoff: { baseMs: 0, maxMs: 0 } });
    const a = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml });
    await worker.runOnce();
    const b = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['C'], xml });
    await worker.runOnce();
    await worker.runOnce();
    expect(store.deliveriesOf(a)[0]).toMatchObject({
      state: 'dead',
      deadReason: expect.stringContaining('bad package'),
    });
    expect(store.deliveriesOf(b)[0]).toMatchObject({
      state: 'dead',
      deadReason: expect.stringContaining('gave up after 2 attempts'),
    });
    expect(store.deadLetters()).toHaveLength(2);
    // The clerk's retry puts it back with fresh attempts; cancel stops it.
    expect(store.retry(a)).toBe(1);
    expect(store.deliveriesOf(a)[0]).toMatchObject({ state: 'queued', attempts: 0 });
    expect(store.cancel(a)).toBe(1);
    expect(() => store.cancel(a)).toThrow(expect.objectContaining({ code: 'QUEUE_STATE' }));
    expect(() => store.retry('nope-not-there')).toThrow();
    store.close();
  });

  it('recovers deliveries interrupted while sending, keeping their key', async () => {
    const file = tempDb();
    const store = new QueueStore(file);
    const id = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B', 'C'], xml });
    store.claimDue(10);
    store.close(); // the process "dies" here
    const reopened = new QueueStore(file);
    const { adapter, sent } = scripted([]);
    const worker = new QueueWorker(reopened, adapter);
    expect(worker.recover()).toBe(2);
    expect(reopened.deliveriesOf(id).every((d) => d.state === 'queued' && d.outcomeUnknown)).toBe(true);
    await worker.runOnce();
    expect(sent.map((m) => m.idempotencyKey).sort()).toEqual(
      [idempotencyKeyFor(id, 'B'), idempotencyKeyFor(id, 'C')].sort(),
    );
    expect(reopened.countByState().sent).toBe(2);
    reopened.close();
  });

  it('is idempotent on the package id and moves receiver statuses forward only', () => {
    const store = new QueueStore(tempDb());
    const id = store.enqueue({
      packageId: 'p1',
      messageType: 'edoc',
      from: 'A',
      recipients: ['B'],
      xml,
      documentId: 'DOC',
    });
    expect(
      store.enqueue({
        packageId: 'p1',
        messageType: 'edoc',
        from: 'A',
        recipients: ['B'],
        xml,
        documentId: 'DOC',
      }),
    ).toBe(id);
    expect(store.deliveriesOf(id)).toHaveLength(1);
    const [d] = store.claimDue(1);
    store.markSent(d!.id, 'ax-1');
    store.recordReceiverStatus('DOC', 'B', '01');
    expect(store.deliveriesOf(id)[0]!.state).toBe('delivered');
    store.recordReceiverStatus('DOC', 'B', '03');
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'acknowledged', receiverStatus: '03' });
    store.recordReceiverStatus('DOC', 'B', '01');
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'acknowledged', receiverStatus: '03' });
    store.close();
  });
});

describe('receiver statuses overtaking the sender', () => {
  it('a status for a failed or dead delivery proves delivery; a late worker outcome does not undo it', async () => {
    const store = new QueueStore(tempDb());
    const a = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml, documentId: 'DOC-A' });
    const [d] = store.claimDue(1);
    store.markFailed(
      d!.id,
      { code: 'AXIS_UNREACHABLE', message: 'reply lost', outcomeUnknown: true },
      Date.now() + 60_000,
    );
    store.recordReceiverStatus('DOC-A', 'B', '01');
    expect(store.deliveriesOf(a)[0]).toMatchObject({
      state: 'delivered',
      receiverStatus: '01',
      outcomeUnknown: false,
    });
    const b = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml, documentId: 'DOC-B' });
    const [e] = store.claimDue(1);
    store.markDead(e!.id, 'gave up', 'AXIS_UNREACHABLE');
    store.recordReceiverStatus('DOC-B', 'B', '03');
    expect(store.deliveriesOf(b)[0]).toMatchObject({
      state: 'acknowledged',
      receiverStatus: '03',
      deadReason: null,
    });
    expect(store.deadLetters()).toHaveLength(0);
    // The worker finishing a stale attempt after the status: the newer state stands.
    const c = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml, documentId: 'DOC-C' });
    let release: () => void = () => {};
    const adapter: AxisAdapter = {
      kind: 'vdxp',
      send: () =>
        new Promise((_resolve, reject) => {
          release = () =>
            reject(new AxisError('AXIS_UNREACHABLE', 'timeout', { retryable: true, outcomeUnknown: true }));
        }),
      listReceived: async () => [],
      fetch: async () => new Uint8Array(),
      ack: async () => {},
      listAgencies: async () => [],
    };
    const worker = new QueueWorker(store, adapter);
    const round = worker.runOnce();
    await new Promise((r) => setTimeout(r, 10));
    store.recordReceiverStatus('DOC-C', 'B', '01'); // while sending: history only
    expect(store.deliveriesOf(c)[0]!.state).toBe('sending');
    release();
    await round;
    expect(store.deliveriesOf(c)[0]!.state).toBe('failed');
    store.recordReceiverStatus('DOC-C', 'B', '01');
    expect(store.deliveriesOf(c)[0]!.state).toBe('delivered');
    store.close();
  });
});
