import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DELIVERY_STATES,
  type DeliveryState,
  canTransition,
} from '../../../daemon/src/exchange/queue/states.js';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';

/**
 * The delivery state machine as the store enforces it: every move the table forbids is refused by
 * the store (not only by its callers' filters), and a due delivery is claimed by one claimer only,
 * even when two processes claim from the same file at once.
 */

/** The documented life cycle (states.ts), written out again so that a change to either is noticed. */
const ALLOWED: Record<DeliveryState, readonly DeliveryState[]> = {
  queued: ['sending', 'cancelled', 'sent'],
  sending: ['sent', 'failed', 'dead', 'queued'],
  sent: ['delivered', 'acknowledged'],
  delivered: ['acknowledged'],
  acknowledged: ['acknowledged'],
  failed: ['sending', 'queued', 'dead', 'cancelled', 'sent'],
  dead: ['queued', 'cancelled', 'sent'],
  cancelled: [],
};
const allowed = (from: DeliveryState, to: DeliveryState) => ALLOWED[from].includes(to);

const CLAIMER = fileURLToPath(new URL('../../support/axis/queue-claimer-child.ts', import.meta.url));
const xml = new TextEncoder().encode('<edXML/>');
const NOW = 1_700_000_000_000;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-queue-'));
  dirs.push(dir);
  return join(dir, 'exchange.sqlite');
}

/** A store holding one due delivery, put directly into `state` (setup only; the moves under test go through the store). */
function deliveryIn(state: DeliveryState) {
  const store = new QueueStore(tempDb(), { now: () => NOW });
  const packageId = store.enqueue({
    messageType: 'edoc',
    from: 'A',
    recipients: ['B'],
    xml,
    documentId: 'D',
  });
  const id = store.deliveriesOf(packageId)[0]!.id;
  store.db.prepare('UPDATE deliveries SET state = ? WHERE id = ?').run(state, id);
  const row = () => store.db.prepare('SELECT * FROM deliveries WHERE id = ?').get(id);
  return { store, packageId, id, row };
}

const pairs = DELIVERY_STATES.flatMap((from) => DELIVERY_STATES.map((to) => [from, to] as const));

describe('the transition table', () => {
  it.each(pairs)('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed(from, to));
  });
});

describe('the store refuses every forbidden move', () => {
  const moves = {
    sent: (s: QueueStore, id: number) => s.markSent(id, 'doc-1'),
    failed: (s: QueueStore, id: number) =>
      s.markFailed(id, { code: 'AXIS_UNREACHABLE', message: 'HTTP 500', outcomeUnknown: true }, NOW + 1000),
    dead: (s: QueueStore, id: number) => s.markDead(id, 'rejected', 'AXIS_REJECTED'),
  } as const;
  const cases = DELIVERY_STATES.flatMap((from) =>
    (Object.keys(moves) as Array<keyof typeof moves>).map((to) => [from, to, allowed(from, to)] as const),
  );

  it.each(cases)('%s → %s (allowed: %s)', (from, to, ok) => {
    const { store, packageId, id, row } = deliveryIn(from);
    const before = row();
    const logged = store.transitionsOf(packageId).length;
    if (ok) {
      moves[to](store, id);
      expect(store.deliveriesOf(packageId)[0]!.state).toBe(to);
      expect(store.transitionsOf(packageId).at(-1)).toEqual({
        deliveryId: id,
        from,
        to,
        at: NOW,
        reason: { sent: 'axis doc doc-1', failed: 'HTTP 500', dead: 'rejected' }[to],
      });
    } else {
      expect(() => moves[to](store, id)).toThrow(
        expect.objectContaining({ code: 'QUEUE_STATE', message: expect.stringContaining(`${from} → ${to}`) }),
      );
      expect(row()).toEqual(before);
      expect(store.transitionsOf(packageId)).toHaveLength(logged);
    }
    store.close();
  });

  it('a move of a delivery that does not exist is QUEUE_NOT_FOUND', () => {
    const { store, id } = deliveryIn('sending');
    expect(() => store.markSent(id + 1, 'doc-1')).toThrow(
      expect.objectContaining({
        code: 'QUEUE_NOT_FOUND',
        message: expect.stringContaining(`delivery ${id + 1}`),
      }),
    );
    store.close();
  });

  it('a failure or a dead end keeps 1,000 characters of its reason, and 200 in the history', () => {
    const long = 'x'.repeat(5000);
    const failed = deliveryIn('sending');
    failed.store.markFailed(
      failed.id,
      { code: 'AXIS_UNREACHABLE', message: long, outcomeUnknown: false },
      NOW,
    );
    expect(failed.store.deliveriesOf(failed.packageId)[0]!.lastError).toHaveLength(1000);
    expect(failed.store.transitionsOf(failed.packageId).at(-1)!.reason).toHaveLength(200);
    failed.store.close();
    const dead = deliveryIn('sending');
    dead.store.markDead(dead.id, long, 'AXIS_REJECTED');
    expect(dead.store.deliveriesOf(dead.packageId)[0]).toMatchObject({
      deadReason: 'x'.repeat(1000),
      lastError: 'x'.repeat(1000),
      lastErrorCode: 'AXIS_REJECTED',
    });
    expect(dead.store.transitionsOf(dead.packageId).at(-1)!.reason).toHaveLength(200);
    dead.store.close();
  });

  it.each(DELIVERY_STATES.map((from) => [from, from === 'dead' || from === 'failed'] as const))(
    "clerk's retry from %s (allowed: %s)",
    (from, ok) => {
      const { store, packageId } = deliveryIn(from);
      if (ok) {
        expect(store.retry(packageId)).toBe(1);
        expect(store.deliveriesOf(packageId)[0]).toMatchObject({ state: 'queued', attempts: 0 });
      } else {
        expect(() => store.retry(packageId)).toThrow(expect.objectContaining({ code: 'QUEUE_STATE' }));
        expect(store.deliveriesOf(packageId)[0]!.state).toBe(from);
      }
      store.close();
    },
  );

  it.each(DELIVERY_STATES.map((from) => [from, allowed(from, 'cancelled')] as const))(
    "clerk's cancel from %s (allowed: %s)",
    (from, ok) => {
      const { store, packageId } = deliveryIn(from);
      if (ok) {
        expect(store.cancel(packageId)).toBe(1);
        expect(store.deliveriesOf(packageId)[0]!.state).toBe('cancelled');
      } else {
        expect(() => store.cancel(packageId)).toThrow(expect.objectContaining({ code: 'QUEUE_STATE' }));
        expect(store.deliveriesOf(packageId)[0]!.state).toBe(from);
      }
      store.close();
    },
  );

  it.each(DELIVERY_STATES.map((from) => [from, allowed(from, 'sending')] as const))(
    'a due delivery in %s is claimed: %s',
    (from, ok) => {
      const { store, packageId, id } = deliveryIn(from);
      store.db.prepare('UPDATE deliveries SET attempts = 2 WHERE id = ?').run(id);
      const claimed = store.claimDue(10);
      expect(claimed).toHaveLength(ok ? 1 : 0);
      expect(store.deliveriesOf(packageId)[0]!.state).toBe(ok ? 'sending' : from);
      if (ok) {
        expect(claimed[0]).toMatchObject({
          id,
          state: 'sending',
          attempts: 3,
          messageType: 'edoc',
          from: 'A',
        });
        expect(store.deliveriesOf(packageId)[0]!.attempts).toBe(3);
        expect(store.transitionsOf(packageId).at(-1)).toEqual({
          deliveryId: id,
          from,
          to: 'sending',
          at: NOW,
          reason: 'attempt 3',
        });
      }
      store.close();
    },
  );

  it.each(DELIVERY_STATES.map((from) => [from, from === 'sending'] as const))(
    'crash recovery from %s goes back to queued: %s',
    (from, ok) => {
      const { store, packageId } = deliveryIn(from);
      expect(store.recoverInFlight()).toBe(ok ? 1 : 0);
      expect(store.deliveriesOf(packageId)[0]!.state).toBe(ok ? 'queued' : from);
      store.close();
    },
  );
});

/** A claimer process: `ready` once its store is open, `go()` starts it, `claimed` its delivery ids. */
function startClaimer(file: string, total: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLAIMER, file, '2', String(total)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let err = '';
  let buffered = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`claimer exited ${code}: ${err}`)),
    );
  });
  const line = (n: number) =>
    Promise.race([
      exited.then(() => lines[n]),
      new Promise<string | undefined>(function wait(resolve) {
        if (lines.length > n) resolve(lines[n]);
        else waiters.push(() => wait(resolve));
      }),
    ]);
  return {
    ready: line(0).then((l) => expect(l).toBe('ready')),
    go: () => child.stdin.end('go\n'),
    claimed: exited.then(() => JSON.parse(lines[1] ?? 'null') as number[]),
  };
}

describe('claims on one queue file', () => {
  function fill(file: string, count: number): void {
    const store = new QueueStore(file);
    for (let i = 0; i < count; i++)
      store.enqueue({ messageType: 'edoc', from: 'A', recipients: ['B', 'C'], xml, documentId: `D${i}` });
    store.close();
  }

  it('a delivery claimed by one store is not claimed again by another until it is due again', () => {
    const file = tempDb();
    fill(file, 3);
    const a = new QueueStore(file);
    const b = new QueueStore(file);
    const first = a.claimDue(100);
    expect(first).toHaveLength(6);
    expect(b.claimDue(100)).toEqual([]);
    a.markFailed(first[0]!.id, { code: 'AXIS_UNREACHABLE', message: 'x', outcomeUnknown: true }, 0);
    expect(b.claimDue(100).map((d) => d.id)).toEqual([first[0]!.id]);
    expect(a.claimDue(100)).toEqual([]);
    a.close();
    b.close();
  });

  it('two processes claiming at once get each delivery exactly once', async () => {
    const file = tempDb();
    const packages = 150;
    fill(file, packages);
    const total = packages * 2;
    const claimers = [startClaimer(file, total), startClaimer(file, total)];
    await Promise.all(claimers.map((c) => c.ready));
    for (const c of claimers) c.go();
    const [one = [], two = []] = await Promise.all(claimers.map((c) => c.claimed));
    const all = [...one, ...two];
    // Both took part, or the race proved nothing.
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    const store = new QueueStore(file);
    expect(store.countByState()).toMatchObject({ sending: total, queued: 0 });
    expect(store.db.prepare('SELECT DISTINCT attempts FROM deliveries').all()).toEqual([{ attempts: 1 }]);
    store.close();
  }, 60_000);
});
