/**
 * One of two processes racing to claim the same queue file (the concurrency test of claimDue).
 * Opens the store, prints "ready", waits for a line on stdin so that both start together, then
 * claims LIMIT at a time, pausing briefly after each claim, until nothing is due (or TOTAL rounds, so a store that hands out claimed
 * rows again cannot loop forever) and prints the claimed delivery ids as a JSON line.
 * Usage: node --import tsx queue-claimer-child.ts FILE LIMIT TOTAL
 */
import { once } from 'node:events';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';

const [file, limit, total] = process.argv.slice(2);
const store = new QueueStore(file!);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const claimed: number[] = [];
for (let round = 0; round < Number(total); round++) {
  const batch = store.claimDue(Number(limit));
  if (batch.length === 0) break;
  claimed.push(...batch.map((d) => d.id));
  // A breath between claims: SQLite's busy handler sleeps, so without it one process would take all.
  await new Promise((resolve) => setTimeout(resolve, 1));
}
store.close();
process.stdout.write(`${JSON.stringify(claimed)}\n`);
process.exit(0);
