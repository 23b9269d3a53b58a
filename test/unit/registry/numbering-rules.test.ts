import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isVanthuError } from '@vanthu/shared/errors/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryService } from '../../../daemon/src/registry/index.js';
import { SqliteStore } from '../../../daemon/src/store/index.js';
import { tinyPdf } from '../../support/office-fixture.js';
import { incomingFields, OWN, outgoingFields } from '../../support/registry-conformance.js';

let dir: string;
let r: RegistryService;
const vn = (s: string) => Date.parse(`${s}+07:00`);
let clock = vn('2026-03-10T09:00:00');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vanthu-numbering-'));
  clock = vn('2026-03-10T09:00:00');
  r = await RegistryService.open(new SqliteStore(join(dir, 'r.sqlite')), { ...OWN, now: () => clock });
});
afterEach(async () => {
  await r.close();
  rmSync(dir, { recursive: true, force: true });
});

async function code(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!isVanthuError(e)) throw new Error(`expected a VanthuError, got ${String(e)}`);
  return e.code;
}

describe('numbering rules of the register', () => {
  it('refuses the same số/ký hiệu in another book of the same year, by registration or by reservation', async () => {
    await r.registerOutgoing({ fields: outgoingFields() });
    expect(await code(r.registerOutgoing({ fields: outgoingFields(), series: 'VBQPPL' }))).toBe(
      'REGISTRY_CODE_TAKEN',
    );
    expect(await code(r.reserveNumber({ codeNotation: 'qđ-snv', series: 'VBQPPL' }))).toBe(
      'REGISTRY_CODE_TAKEN',
    );
    // Another type in that book, or the same one next year, is free.
    expect((await r.reserveNumber({ codeNotation: 'NQ-HĐND', series: 'VBQPPL' })).number).toBe(1);
    clock = vn('2027-01-02T09:00:00');
    expect((await r.registerOutgoing({ fields: outgoingFields(), series: 'VBQPPL' })).entry.number).toBe(1);
  });

  it('gives the issue date: never in the past, and a reservation is sealed the day it was made', async () => {
    const past = outgoingFields({ IssuedDate: '2026-03-09' });
    expect(await code(r.registerOutgoing({ fields: past }))).toBe('FIELD_INVALID');
    const reserved = await r.reserveNumber({ codeNotation: 'QĐ-SNV' });
    expect(reserved.fields).toMatchObject({ CodeNumber: '01', IssuedDate: '2026-03-10' });
    clock = vn('2026-03-11T08:00:00');
    const file = { name: 'qd.pdf', bytes: await tinyPdf('qd') };
    expect(await code(r.issueReserved(reserved.id, { fields: outgoingFields(), file }))).toBe(
      'REGISTRY_NUMBER_NOT_RESERVED',
    );
  });

  it('warns when the same file (SHA-256) is registered again, until the clerk confirms', async () => {
    const file = { name: 'cv.pdf', bytes: await tinyPdf('cv') };
    await r.registerIncoming({ fields: incomingFields(1), file });
    expect(await code(r.registerIncoming({ fields: incomingFields(2), file }))).toBe('REGISTRY_DUPLICATE');
    const kept = await r.registerIncoming({ fields: incomingFields(2), file, allowDuplicate: true });
    expect(kept.entry.number).toBe(2);
  });

  it('lists overdue assignments per unit, each unit with its own deadline (Điều 7.2)', async () => {
    const { entry } = await r.registerIncoming({ fields: incomingFields(1) });
    await r.assign(entry.id, {
      text: 'Phòng Tổ chức chủ trì, Văn phòng phối hợp',
      assignees: [
        { unit: 'Phòng Tổ chức', role: 'lead', dueDate: '2026-03-20' },
        { unit: 'Văn phòng', role: 'coordinator', dueDate: '2026-03-12' },
      ],
    });
    expect((await r.get(entry.id)).dueDate).toBe('2026-03-20');
    const late = await r.overdueByUnit('2026-03-16');
    expect(late.map((u) => [u.unit, u.items.map((i) => [i.role, i.dueDate, i.workingDaysLate])])).toEqual([
      ['Văn phòng', [['coordinator', '2026-03-12', 2]]],
    ]);
    expect(
      await code(
        r.assign(entry.id, {
          assignees: [
            { unit: 'A', role: 'lead' },
            { unit: 'B', role: 'lead' },
          ],
        }),
      ),
    ).toBe('FIELD_INVALID');
  });

  it('refuses a hồ sơ without its số và ký hiệu with a clear Vietnamese error, not INTERNAL', async () => {
    const e = await r
      .createRecord({
        fields: { Title: 'Hồ sơ', Maintenance: '10 năm', Creator: 'VP', StartDate: '2026-01-05' },
      })
      .catch((x: unknown) => x);
    expect(isVanthuError(e) && e.code).toBe('RECORD_CODE_MISSING');
    expect(isVanthuError(e) && e.localized('vi')).toContain('Hồ sơ thiếu số và ký hiệu hồ sơ');
  });
});
