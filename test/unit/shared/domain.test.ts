import { describe, expect, it } from 'vitest';
import {
  CATALOGUES,
  checkOrganId,
  fieldAt,
  fileNotationKey,
  formatDateLong,
  formatNumberNotation,
  formatRecordCode,
  normalizeDate,
  parseNumberNotation,
  parseRecordCode,
  validateFields,
} from '@vanthu/shared/domain/index';

describe('field catalogues (NĐ30 PL VI Phần II)', () => {
  it('carry the regulation names, tags, lengths and system fields', () => {
    const incoming = CATALOGUES.incoming;
    expect(fieldAt(incoming, 'FileCode.OrganId')).toMatchObject({
      label: 'Mã định danh cơ quan lập danh mục hồ sơ',
      type: 'String',
      length: 13,
      sys: true,
    });
    expect(fieldAt(incoming, 'ArrivalNumber')).toMatchObject({
      label: 'Số đến',
      length: 10,
      sys: true,
      nd30: '13',
    });
    expect(fieldAt(incoming, 'TraceHeaderList')?.label).toBe('Ý kiến phân phối, chỉ đạo, trạng thái xử lý');
    expect(fieldAt(incoming, 'CodeNumber')?.sys).toBe(false);
    const outgoing = CATALOGUES.outgoing;
    expect(fieldAt(outgoing, 'CodeNumber')).toMatchObject({ sys: true, length: 11, tt01: '5' });
    expect(fieldAt(outgoing, 'To.OrganName')).toMatchObject({ label: 'Tên cơ quan nhận', length: 200 });
    expect(fieldAt(outgoing, 'SignerInfo.FullName')?.length).toBe(50);
    expect(fieldAt(CATALOGUES.record, 'PageTotal')).toMatchObject({ sys: true, length: 4 });
    expect(fieldAt(CATALOGUES.record, 'Language')?.length).toBe(50);
    expect(CATALOGUES.incoming.fields.map((f) => f.nd30)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
    ]);
    expect(CATALOGUES.outgoing.fields.map((f) => f.tag).slice(11)).toEqual([
      'SignerInfo',
      'To',
      'Priority',
      'IssuedAmount',
      'DueDate',
    ]);
  });

  it('validate types, lengths, required fields and refuse typed system fields', () => {
    const ok = validateFields(CATALOGUES.incoming, {
      TypeName: 'Công văn',
      CodeNumber: '05',
      CodeNotation: 'BNV-VP',
      IssuedDate: '2026-01-05',
      OrganName: 'Bộ Nội vụ',
      Subject: 'Về việc báo cáo',
      SignerInfo: { Position: 'Bộ trưởng', FullName: 'Nguyễn Văn A' },
      Priority: 1,
    });
    expect(ok.issues).toEqual([]);
    const bad = validateFields(CATALOGUES.incoming, {
      TypeName: 'x'.repeat(101),
      CodeNumber: '5a',
      CodeNotation: 'bnv vp',
      IssuedDate: '2026-02-30',
      Subject: 'S',
      ArrivalNumber: 7,
      Priority: 9,
      Bogus: 'x',
    });
    const codes = Object.fromEntries(bad.issues.map((i) => [i.path, i.code]));
    expect(codes).toMatchObject({
      TypeName: 'too_long',
      CodeNumber: 'format',
      CodeNotation: 'format',
      IssuedDate: 'date',
      OrganName: 'required',
      ArrivalNumber: 'system_field',
      Priority: 'range',
      Bogus: 'unknown_field',
    });
    expect(bad.issues.find((i) => i.path === 'OrganName')?.vi).toBe(
      'Chưa nhập "Tên cơ quan, tổ chức ban hành"',
    );
  });

  it('validates repeated recipient groups and warns on irregular agency codes', () => {
    const r = validateFields(
      CATALOGUES.outgoing,
      {
        TypeName: 'Công văn',
        CodeNotation: 'UBND-VP',
        Subject: 'S',
        To: [
          { OrganId: '000.00.00.G09', OrganName: 'Bộ Nội vụ' },
          { OrganId: 'vxp.saas.03' },
          { OrganId: 'a b' },
        ],
      },
      {},
    );
    expect(r.issues.map((i) => i.path)).toEqual(['To.2.OrganId']);
    expect(r.warnings.map((i) => i.path)).toContain('To.1.OrganId');
  });
});

describe('identifiers', () => {
  it('mã định danh: strict QĐ20 shape, lenient accepts irregular codes with a warning', () => {
    expect(checkOrganId('000.00.09.H13').ok).toBe(true);
    const strict = checkOrganId('H37.DN.001');
    expect(strict.ok).toBe(false);
    expect(strict.issues[0]?.vi).toContain('000.00.09.H13');
    expect(checkOrganId('000.00.9.H13').ok).toBe(false);
    const lenient = checkOrganId('H37.DN.001', 'lenient');
    expect(lenient).toMatchObject({ ok: true, regular: false });
    expect(lenient.issues.length).toBeGreaterThan(0);
    expect(checkOrganId('02.44.W00.X', 'lenient').issues).toHaveLength(1);
    expect(checkOrganId('', 'lenient').ok).toBe(false);
    expect(checkOrganId('000 00', 'lenient').ok).toBe(false);
  });

  it('record code: both 01TH and 01.TH, year, lengths', () => {
    const a = parseRecordCode('000.00.09.H13.2018.01TH');
    expect(a).toEqual({
      ok: true,
      code: { organId: '000.00.09.H13', fileCatalog: 2018, fileNotation: '01TH' },
    });
    const b = parseRecordCode('000.00.09.H13.2018.01.TH');
    expect(b.ok && b.code.fileNotation).toBe('01.TH');
    expect(fileNotationKey('01.TH')).toBe(fileNotationKey('01TH'));
    if (a.ok) expect(formatRecordCode(a.code)).toBe('000.00.09.H13.2018.01TH');
    expect(parseRecordCode('000.00.09.H13.18.01TH').ok).toBe(false);
    expect(parseRecordCode('000.00.09.H13.2018').ok).toBe(false);
    const long = parseRecordCode(`000.00.09.H13.2018.${'A'.repeat(21)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.issues[0]?.en).toContain('20');
    expect(parseRecordCode('000.00.09.h13.2018.01TH').ok).toBe(false);
  });

  it('number and notation render and parse per NĐ30 PL I', () => {
    expect(formatNumberNotation(5, 'BNV-VP')).toBe('05/BNV-VP');
    expect(formatNumberNotation(1637, 'QĐ-UBND')).toBe('1637/QĐ-UBND');
    expect(parseNumberNotation('Số: 05/BNV-VP')).toEqual({ number: '05', notation: 'BNV-VP' });
    expect(parseNumberNotation('7 / qđ-ubnd')).toEqual({ number: '07', notation: 'QĐ-UBND' });
    expect(parseNumberNotation('abc')).toBeUndefined();
    expect(formatDateLong('2020-01-05')).toBe('ngày 05 tháng 01 năm 2020');
    expect(formatDateLong('2020-06-15')).toBe('ngày 15 tháng 6 năm 2020');
    expect(normalizeDate('05/01/2020')).toBe('2020-01-05');
    expect(normalizeDate('2020/1/5')).toBe('2020-01-05');
    expect(normalizeDate('31/02/2020')).toBeUndefined();
  });
});
