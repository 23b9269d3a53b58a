import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgCluster, startPostgres } from '../../support/postgres.js';

const run = promisify(execFile);
const worker = fileURLToPath(new URL('../../support/registry-worker.ts', import.meta.url));

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

describe('two workstations sharing one PostgreSQL', () => {
  it('never receive the same arrival number (2 processes × 150 concurrent registrations)', async () => {
    const url = await cluster.createDatabase('office');
    const env = { ...process.env, PGPASSWORD_TEST: cluster.password };
    const station = (name: string) =>
      run(process.execPath, ['--import', 'tsx', worker, url, '150', '6', name], { env, maxBuffer: 1 << 20 });
    const [a, b] = await Promise.all([station('A'), station('B')]);
    const numsA = JSON.parse(a.stdout) as number[];
    const numsB = JSON.parse(b.stdout) as number[];
    expect(numsA).toHaveLength(150);
    expect(numsB).toHaveLength(150);
    const all = [...numsA, ...numsB].sort((x, y) => x - y);
    // Unique and continuous: 1…300 with no gap and no repeat.
    expect(all).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // Both stations really ran at the same time: each got numbers from across the range.
    expect(Math.min(...numsA)).toBeLessThan(150);
    expect(Math.min(...numsB)).toBeLessThan(150);
  });
});
