import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../../daemon/src/exchange/agencies.js';
import type { AxisKind } from '../../../daemon/src/exchange/axis/types.js';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { adapterFor } from '../../support/axis/adapters.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';
import { tempDir } from '../../support/pdf-inputs.js';

const US = testAgency('000.00.09.H13', 'Sở Nội vụ thành phố Cần Thơ');
const AGENCIES = [
  US,
  testAgency('000.00.00.H23', 'Ủy ban nhân dân thành phố Cần Thơ'),
  testAgency('000.00.00.H41', 'Ủy ban nhân dân tỉnh Nghệ An'),
  testAgency('000.00.12.H41', 'Sở Tài chính tỉnh Nghệ An'),
  testAgency('000.00.00.G09', 'Bộ Nội vụ'),
  // An irregular provincial code: offered, flagged.
  testAgency('vxp.saas.03', 'Trung tâm Điều hành đô thị thông minh Đà Nẵng'),
];

const tmp = tempDir('vanthu-agencies-');
let axis: LocalAxis;
let clock = Date.parse('2026-03-10T09:00:00+07:00');
afterAll(async () => {
  await axis?.close();
  tmp.cleanup();
});
beforeAll(async () => {
  axis = await startLocalAxis({ agencies: AGENCIES });
});

async function service(kind: AxisKind): Promise<ExchangeService> {
  return new ExchangeService({
    dbFile: join(tmp.dir, `${kind}.sqlite`),
    adapter: await adapterFor(kind, axis.url, US, { timeoutMs: 2_000 }),
    self: { organId: US.code, organName: US.name },
    now: () => clock,
  });
}

describe.each(['vdxp', 'lgsp', 'bkav'] as const)('agency list of the %s axis', (kind) => {
  it('is cached with its age and searched by name or code, diacritics ignored', async () => {
    const s = await service(kind);
    try {
      expect(s.agencies.search('').fetchedAt).toBeNull();
      const refreshed = await s.refreshAgencies();
      expect(refreshed).toMatchObject({ stored: AGENCIES.length, skipped: 0 });
      const all = s.agencies.search('');
      expect(all.total).toBe(AGENCIES.length);
      expect(all.fetchedAt).toBe(clock);
      // Vietnamese without diacritics and in another case finds the same agencies.
      const a = s.agencies.search('uy ban nghe an');
      const b = s.agencies.search('ỦY BAN NGHỆ AN');
      expect(a.agencies.map((x) => x.code)).toEqual(['000.00.00.H41']);
      expect(b.agencies).toEqual(a.agencies);
      expect(s.agencies.search('so  noi vu').agencies.map((x) => x.code)).toEqual(['000.00.09.H13']);
      expect(s.agencies.search('dà nẵng').agencies).toEqual([
        expect.objectContaining({ code: 'vxp.saas.03', regular: false }),
      ]);
      // By code: part of it, or exactly (that one first).
      expect(
        s.agencies
          .search('h41')
          .agencies.map((x) => x.code)
          .sort(),
      ).toEqual(['000.00.00.H41', '000.00.12.H41']);
      expect(s.agencies.search('000.00.00.G09').agencies[0]).toMatchObject({
        code: '000.00.00.G09',
        name: 'Bộ Nội vụ',
        regular: true,
      });
      expect(s.agencies.search('nghe an', 1)).toMatchObject({ total: 2, agencies: [expect.anything()] });
      expect(s.agencies.search('100%_').total).toBe(0);

      // The cache answers while the axis is unreachable; a refresh picks up a new agency.
      axis.state.addAgency(testAgency('000.00.00.H26', 'Ủy ban nhân dân tỉnh Hà Giang'));
      expect(s.agencies.search('ha giang').total).toBe(0);
      clock += 3_600_000;
      await s.refreshAgencies();
      expect(s.agencies.search('hà giang').agencies.map((x) => x.code)).toEqual(['000.00.00.H26']);
      expect(s.agencies.fetchedAt).toBe(clock);
    } finally {
      axis.state.agencies.delete('000.00.00.H26');
      s.close();
    }
  });
});

describe('agency cache', () => {
  it('skips codes the mã định danh check refuses and keeps the first of a code listed twice', async () => {
    const s = await service('vdxp');
    try {
      const dir = new AgencyDirectory(s.queue.db);
      const r = dir.replace(
        [
          { code: '000.00.00.H23', name: 'Ủy ban nhân dân thành phố Cần Thơ' },
          { code: '000.00.00.H23', name: 'Bản ghi lặp' },
          { code: '', name: 'Không có mã' },
          { code: 'mã có dấu cách', name: 'Sai mã' },
        ],
        clock,
      );
      expect(r).toMatchObject({ stored: 1, skipped: 2 });
      expect(r.warnings.map((w) => w.code)).toEqual(['required', 'identifier']);
      expect(dir.search('')).toMatchObject({
        total: 1,
        skipped: 2,
        agencies: [{ code: '000.00.00.H23', name: 'Ủy ban nhân dân thành phố Cần Thơ' }],
      });
    } finally {
      s.close();
    }
  });
});
