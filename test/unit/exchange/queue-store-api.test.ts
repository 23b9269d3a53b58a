import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryState } from '../../../daemon/src/exchange/queue/states.js';
import { type EnqueueInput, QueueStore } from '../../../daemon/src/exchange/queue/store.js';

/**
 * The queue store's own contract, method by method, on real SQLite files: what the connection is
 * opened with, what enqueue stores, which deliveries each clerk action and each receiver status
 * touches, and what the read side (lists, counts, look-ups) returns. The state machine itself and
 * concurrent claims are in queue-transitions.test.ts.
 */

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-queue-api-'));
  dirs.push(dir);
  return dir;
}

const xml = new TextEncoder().encode('<edXML/>');
const T0 = 1_700_000_000_000;

/** A store on a clock the test moves. */
function clocked(start = T0) {
  const clock = { now: start };
  const store = new QueueStore(join(tempDir(), 'exchange.sqlite'), { now: () => clock.now });
  return { store, clock };
}

function edoc(over: Partial<EnqueueInput> = {}): EnqueueInput {
  return { messageType: 'edoc', from: 'A', recipients: ['B'], xml, documentId: 'DOC', ...over };
}

/** Puts a delivery directly into a state (setup only; the moves under test go through the store). */
function force(store: QueueStore, id: number, state: DeliveryState) {
  store.db.prepare('UPDATE deliveries SET state = ? WHERE id = ?').run(state, id);
}

describe('opening the store', () => {
  it('opens in WAL mode, fsyncs every commit unless told `normal`, and enforces foreign keys', () => {
    const full = new QueueStore(join(tempDir(), 'a.sqlite'));
    expect(full.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(full.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(full.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(full.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      full.db
        .prepare(
          "INSERT INTO deliveries (package_id, recipient, state, next_attempt_at, idempotency_key, created_at, updated_at) VALUES ('nope', 'B', 'queued', 0, 'k', 0, 0)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    full.close();
    const normal = new QueueStore(join(tempDir(), 'b.sqlite'), { synchronous: 'normal' });
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    normal.close();
  });

  it('creates its private directory and a 0600 file; an in-memory store touches no file', () => {
    const file = join(tempDir(), 'nested', 'deeper', 'exchange.sqlite');
    const store = new QueueStore(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    store.close();
    const before = existsSync(':memory:');
    const memory = new QueueStore(':memory:');
    memory.enqueue(edoc());
    expect(memory.countByState().queued).toBe(1);
    memory.close();
    const created = !before && existsSync(':memory:');
    if (created) rmSync(':memory:');
    expect(created).toBe(false);
  });

  it('close() releases the database', () => {
    const store = new QueueStore(join(tempDir(), 'exchange.sqlite'));
    store.close();
    expect(store.db.open).toBe(false);
    expect(() => store.enqueue(edoc())).toThrow(/not open/);
  });

  it('stamps rows with the real clock when none is injected', () => {
    const before = Date.now();
    const store = new QueueStore(join(tempDir(), 'exchange.sqlite'));
    const id = store.enqueue(edoc());
    const after = Date.now();
    const [d] = store.deliveriesOf(id);
    expect(d!.createdAt).toBeGreaterThanOrEqual(before);
    expect(d!.createdAt).toBeLessThanOrEqual(after);
    store.close();
  });
});

describe('enqueue', () => {
  it('refuses a package without recipients and stores nothing', () => {
    const { store } = clocked();
    expect(() => store.enqueue(edoc({ recipients: [] }))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining('no recipient') }),
    );
    expect(store.list()).toEqual([]);
  });

  it('stores the package fields, one queued delivery per distinct recipient, each with a history line', () => {
    const { store } = clocked();
    const id = store.enqueue({
      messageType: 'status',
      from: 'ORG-A',
      recipients: ['B', 'C', 'B'],
      xml,
      documentId: 'DOC-1',
      subject: 'Công văn',
      statusCode: '03',
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.getPackage(id)).toEqual({
      id,
      messageType: 'status',
      from: 'ORG-A',
      documentId: 'DOC-1',
      subject: 'Công văn',
      statusCode: '03',
      createdAt: T0,
      frozen: false,
    });
    expect(store.packageXml(id)).toEqual(xml);
    const deliveries = store.deliveriesOf(id);
    expect(deliveries.map((d) => [d.recipient, d.state, d.attempts, d.nextAttemptAt])).toEqual([
      ['B', 'queued', 0, T0],
      ['C', 'queued', 0, T0],
    ]);
    expect(deliveries[0]).toMatchObject({
      axisDocId: null,
      lastErrorCode: null,
      lastError: null,
      deadReason: null,
      outcomeUnknown: false,
      receiverStatus: null,
      receiverStatusDescription: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(store.transitionsOf(id)).toEqual(
      deliveries.map((d) => ({ deliveryId: d.id, from: null, to: 'queued', at: T0, reason: null })),
    );
    // The idempotency key: the first 40 hex digits of SHA-256(package id, NUL, recipient).
    expect(deliveries[0]!.idempotencyKey).toBe(
      createHash('sha256').update(`${id}\u0000B`).digest('hex').slice(0, 40),
    );
  });

  it('leaves optional fields empty, and gives every package a fresh id', () => {
    const { store } = clocked();
    const a = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml });
    const b = store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B'], xml });
    expect(a).not.toBe(b);
    expect(store.getPackage(a)).toMatchObject({ documentId: null, subject: null, statusCode: null });
  });
});

describe('claims and crash recovery', () => {
  it('claims due queued and failed deliveries, oldest due first, up to the limit, with their package', () => {
    const { store, clock } = clocked();
    const late = store.enqueue(edoc({ recipients: ['LATE'] }));
    clock.now = T0 - 10;
    const early = store.enqueue(edoc({ from: 'ORG-X', recipients: ['EARLY'] }));
    clock.now = T0 + 100;
    const future = store.enqueue(edoc({ recipients: ['FUTURE'] }));
    const failedId = store.deliveriesOf(future)[0]!.id;
    // Failed with a retry time still ahead: not due.
    force(store, failedId, 'sending');
    store.markFailed(failedId, { code: 'AXIS_UNREACHABLE', message: 'x', outcomeUnknown: false }, T0 + 500);
    const first = store.claimDue(1);
    expect(first.map((d) => d.recipient)).toEqual(['EARLY']);
    expect(first[0]).toMatchObject({ from: 'ORG-X', messageType: 'edoc', state: 'sending', attempts: 1 });
    expect(first[0]!.xml).toEqual(xml);
    expect(store.claimDue(10).map((d) => d.recipient)).toEqual(['LATE']);
    expect(store.claimDue(10)).toEqual([]);
    clock.now = T0 + 500;
    expect(store.claimDue(10).map((d) => [d.recipient, d.attempts])).toEqual([['FUTURE', 1]]);
    expect(store.deliveriesOf(late)[0]).toMatchObject({ state: 'sending', updatedAt: T0 + 100 });
    expect(store.deliveriesOf(early)[0]!.attempts).toBe(1);
  });

  it('puts deliveries left sending back in the queue, due now, outcome unknown, and says why', () => {
    const { store, clock } = clocked();
    const id = store.enqueue(edoc({ recipients: ['B', 'C'] }));
    store.claimDue(1);
    clock.now = T0 + 7000;
    expect(store.recoverInFlight()).toBe(1);
    const [b, c] = store.deliveriesOf(id);
    expect(b).toMatchObject({
      state: 'queued',
      outcomeUnknown: true,
      nextAttemptAt: T0 + 7000,
      updatedAt: T0 + 7000,
    });
    expect(c).toMatchObject({ state: 'queued', outcomeUnknown: false, nextAttemptAt: T0 });
    expect(store.transitionsOf(id).at(-1)).toEqual({
      deliveryId: b!.id,
      from: 'sending',
      to: 'queued',
      at: T0 + 7000,
      reason: 'interrupted while sending',
    });
    expect(store.recoverInFlight()).toBe(0);
  });
});

describe('outcomes of a send', () => {
  it('sent clears the last error and the unknown outcome, and records the axis id', () => {
    const { store, clock } = clocked();
    const id = store.enqueue(edoc());
    const [d] = store.claimDue(1);
    store.markFailed(d!.id, { code: 'AXIS_TIMEOUT', message: 'timeout', outcomeUnknown: true }, T0);
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'failed',
      lastErrorCode: 'AXIS_TIMEOUT',
      lastError: 'timeout',
      outcomeUnknown: true,
    });
    store.claimDue(1);
    clock.now = T0 + 1;
    store.markSent(d!.id, 'ax-9');
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      state: 'sent',
      axisDocId: 'ax-9',
      lastErrorCode: null,
      lastError: null,
      outcomeUnknown: false,
      updatedAt: T0 + 1,
    });
    expect(store.transitionsOf(id).at(-1)).toMatchObject({
      from: 'sending',
      to: 'sent',
      reason: 'axis doc ax-9',
    });
  });

  it('a failure whose outcome is known is recorded as such', () => {
    const { store } = clocked();
    const id = store.enqueue(edoc());
    const [d] = store.claimDue(1);
    store.markFailed(d!.id, { code: 'AXIS_REJECTED', message: 'busy', outcomeUnknown: false }, T0 + 9);
    expect(store.deliveriesOf(id)[0]).toMatchObject({ outcomeUnknown: false, nextAttemptAt: T0 + 9 });
  });
});

describe('receiver statuses', () => {
  function sentTo(store: QueueStore, recipients: string[], documentId = 'DOC') {
    const id = store.enqueue(edoc({ recipients, documentId }));
    for (const d of store.claimDue(recipients.length)) store.markSent(d.id, `ax-${d.id}`);
    return id;
  }

  it('touches only the edoc deliveries of that document to that recipient, and returns what changed', () => {
    const { store, clock } = clocked();
    const id = sentTo(store, ['B', 'C']);
    const other = sentTo(store, ['B'], 'OTHER');
    // A status package about the same document is not an outgoing document.
    const status = store.enqueue({
      messageType: 'status',
      from: 'A',
      recipients: ['B'],
      xml,
      documentId: 'DOC',
    });
    clock.now = T0 + 50;
    const changed = store.recordReceiverStatus('DOC', 'B', '01', 'đã nhận');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({
      recipient: 'B',
      packageId: id,
      state: 'delivered',
      receiverStatus: '01',
      receiverStatusDescription: 'đã nhận',
    });
    expect(store.deliveriesOf(id).map((d) => d.state)).toEqual(['delivered', 'sent']);
    expect(store.deliveriesOf(id)[0]).toMatchObject({
      receiverStatusDescription: 'đã nhận',
      updatedAt: T0 + 50,
    });
    expect(store.deliveriesOf(other)[0]!.state).toBe('sent');
    expect(store.deliveriesOf(status)[0]!.state).toBe('queued');
    expect(store.transitionsOf(id).at(-1)).toMatchObject({
      from: 'sent',
      to: 'delivered',
      at: T0 + 50,
      reason: 'status 01: đã nhận',
    });
  });

  it('a repeated 01 changes nothing; a status without description records the bare code', () => {
    const { store } = clocked();
    const id = sentTo(store, ['B']);
    expect(store.recordReceiverStatus('DOC', 'B', '01')).toHaveLength(1);
    expect(store.recordReceiverStatus('DOC', 'B', '01')).toEqual([]);
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'delivered', receiverStatusDescription: null });
    expect(store.transitionsOf(id).at(-1)).toMatchObject({ to: 'delivered', reason: 'status 01' });
    // 03 then 05: acknowledged moves on to the newer status.
    store.recordReceiverStatus('DOC', 'B', '03');
    const later = store.recordReceiverStatus('DOC', 'B', '05', 'hoàn thành');
    expect(later[0]).toMatchObject({ state: 'acknowledged', receiverStatus: '05' });
  });

  it('a late 01 after an acknowledgement, or any status while sending or cancelled, is history only', () => {
    const { store } = clocked();
    const id = sentTo(store, ['B']);
    store.recordReceiverStatus('DOC', 'B', '03');
    expect(store.recordReceiverStatus('DOC', 'B', '01', 'late')).toEqual([]);
    expect(store.deliveriesOf(id)[0]).toMatchObject({ state: 'acknowledged', receiverStatus: '03' });
    expect(store.transitionsOf(id).at(-1)).toMatchObject({
      from: 'acknowledged',
      to: 'acknowledged',
      reason: 'status 01: late',
    });

    const cancelled = store.enqueue(edoc({ documentId: 'DOC-C' }));
    store.cancel(cancelled);
    expect(store.recordReceiverStatus('DOC-C', 'B', '03')).toEqual([]);
    expect(store.deliveriesOf(cancelled)[0]).toMatchObject({ state: 'cancelled', receiverStatus: null });
    expect(store.transitionsOf(cancelled).at(-1)).toMatchObject({
      from: 'cancelled',
      to: 'cancelled',
      reason: 'status 03',
    });

    const sending = store.enqueue(edoc({ documentId: 'DOC-S' }));
    store.claimDue(1);
    expect(store.recordReceiverStatus('DOC-S', 'B', '01')).toEqual([]);
    expect(store.deliveriesOf(sending)[0]!.state).toBe('sending');
    expect(store.transitionsOf(sending).at(-1)).toMatchObject({ from: 'sending', to: 'sending' });
  });

  it('a status for a queued delivery proves delivery: sent first, then the status', () => {
    const { store } = clocked();
    const id = store.enqueue(edoc());
    const changed = store.recordReceiverStatus('DOC', 'B', '01');
    expect(changed[0]).toMatchObject({ state: 'delivered', outcomeUnknown: false });
    expect(store.transitionsOf(id).map((t) => [t.from, t.to, t.reason])).toEqual([
      [null, 'queued', null],
      ['queued', 'sent', 'receiver status proves delivery'],
      ['sent', 'delivered', 'status 01'],
    ]);
  });
});

describe('clerk actions', () => {
  /** One package to B, C and D, with B dead, C failed and D sent. */
  function mixed(clock: { now: number }, store: QueueStore) {
    const id = store.enqueue(edoc({ recipients: ['B', 'C', 'D'] }));
    const [b, c, d] = store.claimDue(3);
    store.markDead(b!.id, 'rejected', 'AXIS_REJECTED');
    store.markFailed(
      c!.id,
      { code: 'AXIS_UNREACHABLE', message: 'down', outcomeUnknown: false },
      T0 + 60_000,
    );
    store.markSent(d!.id, 'ax');
    clock.now = T0 + 1000;
    return id;
  }

  it('retry puts dead and failed deliveries back now with fresh attempts, and leaves sent ones', () => {
    const { store, clock } = clocked();
    const id = mixed(clock, store);
    expect(store.retry(id)).toBe(2);
    const [b, c, d] = store.deliveriesOf(id);
    for (const x of [b, c])
      expect(x).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0 + 1000, deadReason: null });
    expect(d!.state).toBe('sent');
    expect(store.transitionsOf(id).at(-1)).toMatchObject({ to: 'queued', reason: 'retry requested' });
    expect(() => store.retry(id)).toThrow(
      expect.objectContaining({ code: 'QUEUE_STATE', message: expect.stringContaining(id) }),
    );
  });

  it('retry and cancel of one recipient touch that recipient only', () => {
    const { store, clock } = clocked();
    const id = mixed(clock, store);
    expect(store.retry(id, 'C')).toBe(1);
    expect(store.deliveriesOf(id).map((d) => d.state)).toEqual(['dead', 'queued', 'sent']);
    expect(store.cancel(id, 'B')).toBe(1);
    expect(store.deliveriesOf(id).map((d) => d.state)).toEqual(['cancelled', 'queued', 'sent']);
    expect(() => store.retry(id, 'D')).toThrow(expect.objectContaining({ code: 'QUEUE_STATE' }));
    expect(() => store.cancel(id, 'D')).toThrow(
      expect.objectContaining({ code: 'QUEUE_STATE', message: expect.stringContaining(id) }),
    );
  });

  it('cancel stops queued, failed and dead deliveries, never sent ones', () => {
    const { store, clock } = clocked();
    const id = mixed(clock, store);
    const queued = store.enqueue(edoc({ recipients: ['E'] }));
    expect(store.cancel(id)).toBe(2);
    expect(store.deliveriesOf(id).map((d) => d.state)).toEqual(['cancelled', 'cancelled', 'sent']);
    expect(store.transitionsOf(id).at(-1)).toMatchObject({
      to: 'cancelled',
      reason: 'cancelled by the clerk',
    });
    expect(store.cancel(queued)).toBe(1);
  });

  it('a recall freezes the local copies of that document only', () => {
    const { store } = clocked();
    const a = store.enqueue(edoc({ documentId: 'R' }));
    const b = store.enqueue(edoc({ documentId: 'R', recipients: ['C'] }));
    const status = store.enqueue({
      messageType: 'status',
      from: 'A',
      recipients: ['B'],
      xml,
      documentId: 'R',
    });
    const other = store.enqueue(edoc({ documentId: 'S' }));
    expect(store.freezePackagesOf('R')).toBe(2);
    expect([a, b, status, other].map((id) => store.getPackage(id)!.frozen)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('look-ups and lists', () => {
  it('resolves a package by its id or by an unambiguous prefix of six characters or more', () => {
    const { store } = clocked();
    store.enqueue(edoc({ packageId: 'abcdef-1' }));
    store.enqueue(edoc({ packageId: 'abcdef-2' }));
    store.enqueue(edoc({ packageId: 'xyzuvw-1' }));
    store.enqueue(edoc({ packageId: 'short' }));
    expect(store.resolvePackageId('abcdef-1')).toBe('abcdef-1');
    expect(store.resolvePackageId('short')).toBe('short');
    expect(store.resolvePackageId('xyzuvw')).toBe('xyzuvw-1');
    expect(() => store.resolvePackageId('xyzuv')).toThrow(
      expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }),
    );
    expect(() => store.resolvePackageId('abcdef')).toThrow(
      expect.objectContaining({ code: 'QUEUE_NOT_FOUND', message: expect.stringContaining('abcdef') }),
    );
    // LIKE wildcards in the prefix are dropped, not honoured.
    expect(() => store.resolvePackageId('xyz%%%')).toThrow(
      expect.objectContaining({ code: 'QUEUE_NOT_FOUND' }),
    );
    expect(store.resolvePackageId('xyz_uvw')).toBe('xyzuvw-1');
  });

  it('an unknown package has no row and no XML', () => {
    const { store } = clocked();
    expect(store.getPackage('nope')).toBeUndefined();
    expect(store.packageXml('nope')).toBeUndefined();
    expect(store.deliveriesOf('nope')).toEqual([]);
  });

  it('lists packages newest first, filtered on any delivery state, up to a limit', () => {
    const { store, clock } = clocked();
    const first = store.enqueue(edoc({ recipients: ['B', 'C'] }));
    clock.now = T0 + 1;
    const second = store.enqueue(edoc());
    clock.now = T0 + 2;
    const third = store.enqueue(edoc());
    const same = store.enqueue(edoc()); // same created_at as third: insertion order decides
    const [b] = store.claimDue(1);
    store.markDead(b!.id, 'gave up', 'AXIS_REJECTED');
    expect(store.list().map((p) => p.id)).toEqual([same, third, second, first]);
    expect(store.list({ limit: 2 }).map((p) => p.id)).toEqual([same, third]);
    const dead = store.list({ state: 'dead' });
    expect(dead.map((p) => p.id)).toEqual([first]);
    expect(dead[0]!.deliveries.map((d) => d.state)).toEqual(['dead', 'queued']);
    expect(store.list({ state: 'queued', limit: 3 }).map((p) => p.id)).toEqual([same, third, second]);
    expect(store.list({ state: 'sent' })).toEqual([]);
    expect(Array.from({ length: 101 }, () => store.enqueue(edoc())).length).toBe(101);
    expect(store.list()).toHaveLength(100);
  });

  it('finds the outgoing packages of a document, oldest first', () => {
    const { store, clock } = clocked();
    clock.now = T0 + 5;
    const later = store.enqueue(edoc({ documentId: 'D1' }));
    clock.now = T0;
    const earlier = store.enqueue(edoc({ documentId: 'D1', recipients: ['C'] }));
    store.enqueue({ messageType: 'status', from: 'A', recipients: ['B'], xml, documentId: 'D1' });
    store.enqueue(edoc({ documentId: 'D2' }));
    const found = store.packagesOfDocument('D1');
    expect(found.map((p) => p.id)).toEqual([earlier, later]);
    expect(found[0]!.deliveries.map((d) => d.recipient)).toEqual(['C']);
  });

  it('lists dead letters most recent first, counts by state, and says when the worker is done', () => {
    const { store, clock } = clocked();
    expect(store.isDrained()).toBe(true);
    expect(store.nextDueAt()).toBeUndefined();
    const id = store.enqueue(edoc({ recipients: ['B', 'C', 'D'] }));
    expect(store.nextDueAt()).toBe(T0);
    expect(store.isDrained()).toBe(false);
    const [b, c, d] = store.claimDue(3);
    expect(store.isDrained()).toBe(false); // sending
    store.markDead(b!.id, 'first', 'X');
    clock.now = T0 + 10;
    store.markDead(c!.id, 'second', 'X');
    store.markFailed(d!.id, { code: 'X', message: 'x', outcomeUnknown: false }, T0 + 99);
    expect(store.deadLetters().map((x) => x.deadReason)).toEqual(['second', 'first']);
    expect(store.nextDueAt()).toBe(T0 + 99);
    expect(store.isDrained()).toBe(false); // failed
    expect(store.countByState()).toEqual({
      queued: 0,
      sending: 0,
      sent: 0,
      delivered: 0,
      acknowledged: 0,
      failed: 1,
      dead: 2,
      cancelled: 0,
    });
    store.cancel(id);
    expect(store.isDrained()).toBe(true);
    expect(store.nextDueAt()).toBeUndefined();
  });
});
