import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryService } from '../../../daemon/src/registry/index.js';
import { PostgresStore } from '../../../daemon/src/store/index.js';
import { type PgCluster, startPostgres } from '../../support/postgres.js';
import { OWN } from '../../support/registry-conformance.js';

let cluster: PgCluster;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

/** Two workstations: each its own connection pool on the same database. */
async function twoWorkstations(name: string): Promise<[RegistryService, RegistryService]> {
  const url = await cluster.createDatabase(name);
  const open = () => RegistryService.open(new PostgresStore(url, cluster.password, { max: 4 }), OWN);
  const a = await open();
  return [a, await open()];
}

describe('numbering from the register on PostgreSQL, two workstations', () => {
  it('race for numbers: no duplicate, and every gap in the book has its recorded reason', async () => {
    const [a, b] = await twoWorkstations('numbering_race');
    try {
      // Each workstation reserves 12 numbers, 4 at a time, and gives up every third one.
      const lane = async (r: RegistryService, name: string) => {
        const kept: number[] = [];
        for (let i = 0; i < 12; i++) {
          const entry = await r.reserveNumber({ codeNotation: 'QĐ-SNV', clerk: name });
          if (i % 3 === 2) await r.releaseNumber(entry.id, { reason: `${name}: dự thảo chưa duyệt` });
          else kept.push(entry.number);
        }
        return kept;
      };
      const kept = (
        await Promise.all([a, b].flatMap((r, w) => [0, 1].map(() => lane(r, `máy ${w + 1}`))))
      ).flat();
      expect(new Set(kept).size).toBe(kept.length);
      const book = await a.list({ kind: 'outgoing' });
      const numbers = book.map((e) => e.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      // The book runs 1..n: a number given back disappeared, any other unused one is voided with its reason.
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      for (const e of book.filter((x) => x.state !== 'reserved'))
        expect([e.state, e.stateReason]).toEqual(['voided', expect.stringContaining('dự thảo chưa duyệt')]);
      expect(
        book
          .filter((e) => e.state === 'reserved')
          .map((e) => e.number)
          .sort((x, y) => x - y),
      ).toEqual(kept.sort((x, y) => x - y));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a số/ký hiệu is unique per year across books, even when two workstations take it at once', async () => {
    const [a, b] = await twoWorkstations('numbering_books');
    try {
      const results = await Promise.allSettled([
        a.reserveNumber({ codeNotation: 'QĐ-SNV', series: '' }),
        b.reserveNumber({ codeNotation: 'QĐ-SNV', series: 'VBQPPL' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((failed.reason as { code: string }).code).toBe('REGISTRY_CODE_TAKEN');
      expect((await a.list({ kind: 'outgoing' })).map((e) => e.fields['CodeNumber'])).toEqual(['01']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
