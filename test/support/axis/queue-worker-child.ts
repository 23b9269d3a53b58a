// A sending process for the crash test: runs the queue worker against a real SQLite file and the local
// axis until the queue is drained. The test kills it with SIGKILL at random points and starts it again.
import { VdxpAdapter } from '../../../daemon/src/exchange/axis/vdxp.js';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';
import { QueueWorker } from '../../../daemon/src/exchange/queue/worker.js';

const dbFile = process.env['CHAOS_DB']!;
const url = process.env['CHAOS_AXIS']!;
const agency = JSON.parse(process.env['CHAOS_AGENCY']!) as { code: string; systemId: string; secret: string };

const store = new QueueStore(dbFile);
const adapter = new VdxpAdapter(
  {
    kind: 'vdxp',
    endpoint: url,
    organId: agency.code,
    systemId: agency.systemId,
    secretRef: 'unused',
    timeoutMs: 1_000,
  },
  agency.secret,
);
// Some runs go without the sent-list shortcut, so that re-sends must be absorbed by the idempotency key.
if (process.env['CHAOS_RECONCILE'] === '0') Object.defineProperty(adapter, 'listSent', { value: undefined });
const worker = new QueueWorker(store, adapter, {
  concurrency: 8,
  maxAttempts: 1_000,
  backoff: { baseMs: 2, maxMs: 20 },
  idleMs: 5,
});
worker.start();
process.stdout.write('ready\n');
const timer = setInterval(() => {
  if (store.isDrained()) {
    clearInterval(timer);
    void worker.stop().then(() => {
      store.close();
      process.exit(0);
    });
  }
}, 20);
