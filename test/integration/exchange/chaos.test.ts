import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEdoc } from '../../../daemon/src/exchange/edxml/build.js';
import { QueueStore, idempotencyKeyFor } from '../../../daemon/src/exchange/queue/store.js';
import { seededRandom } from '../../support/axis/faults.js';
import { sampleHeader } from '../../support/axis/samples.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';

const CHILD = fileURLToPath(new URL('../../support/axis/queue-worker-child.ts', import.meta.url));
const PACKAGES = 1_000;
const KILLS = 20;

const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');

let axis: LocalAxis | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await axis?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startChild(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

const exited = (c: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) resolve(c.exitCode);
    else c.once('exit', (code) => resolve(code));
  });

describe('crash safety', () => {
  it(`delivers ${PACKAGES} packages exactly once while the sender is SIGKILLed ${KILLS} times`, async () => {
    const random = seededRandom(20261124);
    axis = await startLocalAxis({ agencies: [A, B] });
    // Lost replies and resets on top of the kills, so "stored but not recorded" happens often.
    axis.faults.randomFaults = { lostResponseRate: 0.03, resetRate: 0.02, status500Rate: 0.02, random };
    dir = mkdtempSync(join(tmpdir(), 'vanthu-chaos-'));
    const dbFile = join(dir, 'exchange.sqlite');
    const store = new QueueStore(dbFile);
    const ids: string[] = [];
    for (let n = 1; n <= PACKAGES; n++) {
      const header = sampleHeader(A.code, [B.code], n);
      ids.push(
        store.enqueue({
          messageType: 'edoc',
          from: A.code,
          recipients: [B.code],
          xml: new TextEncoder().encode(buildEdoc(header, [])),
          documentId: header.documentId,
        }),
      );
    }
    const env = { CHAOS_DB: dbFile, CHAOS_AXIS: axis.url, CHAOS_AGENCY: JSON.stringify(A) };
    // Kill points: after random numbers of stored packages, plus a random few milliseconds.
    const points = Array.from({ length: KILLS }, () => Math.floor(30 + random() * (PACKAGES - 60))).sort(
      (x, y) => x - y,
    );
    const storedCount = () => axis!.state.messages.length;
    let kills = 0;
    for (const [i, point] of points.entries()) {
      child = startChild({ ...env, CHAOS_RECONCILE: i % 2 === 0 ? '1' : '0' });
      const done = exited(child);
      while (storedCount() < point && child.exitCode === null) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
      if (child.exitCode === null) {
        child.kill('SIGKILL');
        kills += 1;
      }
      await done;
    }
    // The last run drains the re-sends without the sent-list shortcut: the keys alone must absorb them.
    child = startChild({ ...env, CHAOS_RECONCILE: '0' });
    expect(await exited(child)).toBe(0);
    expect(kills).toBe(KILLS);

    // Exactly once on the axis: one stored message per package, one store per idempotency key.
    const edocs = axis.state.messages.filter((m) => m.messageType === 'edoc');
    expect(edocs).toHaveLength(PACKAGES);
    expect(axis.state.storedPerKey.size).toBe(PACKAGES);
    expect([...axis.state.storedPerKey.values()].every((n) => n === 1)).toBe(true);
    // Every status consistent: each delivery sent, with the docId the axis holds for its key.
    const docIdByKey = new Map(edocs.map((m) => [m.idempotencyKey, m.docId]));
    for (const id of ids) {
      const [d] = store.deliveriesOf(id);
      expect(d!.state).toBe('sent');
      expect(d!.idempotencyKey).toBe(idempotencyKeyFor(id, B.code));
      expect(d!.axisDocId).toBe(docIdByKey.get(d!.idempotencyKey));
    }
    expect(store.countByState()).toMatchObject({ sent: PACKAGES, sending: 0, queued: 0, failed: 0, dead: 0 });
    // The kills and injected faults really produced re-sends that the keys absorbed.
    expect(axis.faults.injected.length).toBeGreaterThan(0);
    expect(axis.state.duplicatesSuppressed).toBeGreaterThan(0);
    console.log(
      `chaos: ${kills} kills, ${axis.faults.injected.length} injected faults (${axis.faults.injected.filter((f) => f.kind === 'lostResponse').length} lost replies), ${axis.state.duplicatesSuppressed} duplicate sends absorbed by the key`,
    );
    store.close();
  }, 120_000);
});
