// Exchange benchmarks: durable enqueues per second (target ≥ 1,000/s) and delivery throughput through
// the queue against the local axis with 50 ms latency, compared with the same HTTP calls made directly.
// Run: node --import tsx test/bench/exchange.bench.ts (or `npm run bench -- exchange`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VdxpAdapter } from '../../daemon/src/exchange/axis/vdxp.js';
import { buildEdoc } from '../../daemon/src/exchange/edxml/build.js';
import { QueueStore } from '../../daemon/src/exchange/queue/store.js';
import { QueueWorker } from '../../daemon/src/exchange/queue/worker.js';
import { sampleAttachment, sampleHeader } from '../support/axis/samples.js';
import { startLocalAxis, testAgency } from '../support/axis/server.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-bench-exchange-'));
const A = testAgency('000.00.00.G22', 'Văn phòng Chính phủ');
const B = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const xml = new TextEncoder().encode(buildEdoc(sampleHeader(A.code, [B.code], 1), [sampleAttachment()]));

function enqueueRate(synchronous: 'full' | 'normal', n: number): number {
  const store = new QueueStore(join(dir, `enqueue-${synchronous}.sqlite`), { synchronous });
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    store.enqueue({ messageType: 'edoc', from: A.code, recipients: [B.code], xml, documentId: `D${i}` });
  const rate = n / ((performance.now() - t0) / 1000);
  store.close();
  return rate;
}

/** Floor: one bare INSERT per committed transaction, same durability, no state machine. */
function bareInsertRate(n: number): number {
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, xml BLOB)');
  const ins = db.prepare('INSERT INTO t (xml) VALUES (?)');
  const buf = Buffer.from(xml);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) db.transaction(() => ins.run(buf)).immediate();
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

async function delivery(n: number, concurrency: number) {
  const axis = await startLocalAxis({ agencies: [A, B], latencyMs: 50 });
  const adapter = new VdxpAdapter(
    {
      kind: 'vdxp',
      endpoint: axis.url,
      organId: A.code,
      systemId: A.systemId,
      secretRef: 'bench',
      timeoutMs: 10_000,
    },
    A.secret,
  );
  // Without the queue: the same sends, `concurrency` at a time.
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        await adapter.send({
          messageType: 'edoc',
          from: A.code,
          to: [B.code],
          xml,
          idempotencyKey: `direct-${i}`,
        });
      }
    }),
  );
  const direct = n / ((performance.now() - t0) / 1000);
  // Through the durable queue and its worker.
  const store = new QueueStore(join(dir, 'deliver.sqlite'));
  for (let i = 0; i < n; i++)
    store.enqueue({ messageType: 'edoc', from: A.code, recipients: [B.code], xml, documentId: `Q${i}` });
  const worker = new QueueWorker(store, adapter, { concurrency, idleMs: 20 });
  const t1 = performance.now();
  worker.start();
  while (!store.isDrained()) await new Promise((r) => setTimeout(r, 5));
  await worker.stop();
  const queued = n / ((performance.now() - t1) / 1000);
  store.close();
  await axis.close();
  return { direct, queued };
}

try {
  const n = 3_000;
  const full = enqueueRate('full', n);
  const normal = enqueueRate('normal', n);
  const bare = bareInsertRate(n);
  console.log(
    `durable enqueue (WAL, synchronous=FULL):   ${full.toFixed(0)} packages/s  (target ≥ 1000: ${full >= 1000 ? 'met' : 'NOT met'})`,
  );
  console.log(`durable enqueue (WAL, synchronous=NORMAL): ${normal.toFixed(0)} packages/s`);
  console.log(
    `floor: bare INSERT per transaction (FULL): ${bare.toFixed(0)} rows/s  → ours/floor ${(full / bare).toFixed(2)}`,
  );
  const { direct, queued } = await delivery(400, 8);
  console.log(
    `delivery to the local axis (50 ms latency, 8 in flight): queue ${queued.toFixed(1)}/s vs direct HTTP ${direct.toFixed(1)}/s → ratio ${(queued / direct).toFixed(2)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
