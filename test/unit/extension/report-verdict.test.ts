import { formatVietnamDate, formatVietnamDateTime, vietnamToday } from '@vanthu/shared/domain/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { describe, expect, it } from 'vitest';
import { setUiLanguage } from '../../../extension/src/i18n/language.js';
import { reportLine, reportLineVi } from '../../../extension/src/verify/report-lines.js';
import { verdictOf } from '../../../extension/src/verify/verdict.js';

type Signature = VerifyResult['signatures'][number];

function signature(over: Partial<Signature> = {}): Signature {
  return {
    field: 'CaNhan',
    role: 'approver',
    subFilter: 'ETSI.CAdES.detached',
    signer: { commonName: 'Trần Văn Minh', organization: 'UBND', serialNumber: null, issuer: 'CN=CA' },
    signingTime: '2026-12-07T14:05:09+07:00',
    timestamp: null,
    indication: 'TOTAL_PASSED',
    subIndication: null,
    integrity: true,
    coverage: 'ENTIRE_REVISION',
    modificationsAfter: 'NONE',
    chain: 'TRUSTED',
    revocation: 'GOOD',
    page: 1,
    rect: [0, 0, 1, 1],
    warnings: [],
    ...over,
  };
}
const report = (signatures: Signature[]): VerifyResult => ({
  file: null,
  sha256: 'a'.repeat(64),
  indication: 'TOTAL_PASSED',
  signatures,
});

describe('the report verdict, in one line', () => {
  it('counts the signatures when all are valid', () => {
    const seal = signature({ field: 'CoQuan', role: 'seal' });
    expect(verdictOf(report([signature(), seal]))).toEqual({
      tone: 'ok',
      text: 'Đã ký — 2 chữ ký, tất cả hợp lệ',
    });
    expect(verdictOf(report([signature()])).text).toBe('Đã ký — 1 chữ ký, hợp lệ');
    expect(verdictOf(report([])).text).toBe('Chưa ký số — tài liệu không có chữ ký số');
  });

  it('names the failing signature by its role and says why', () => {
    const broken = signature({ indication: 'TOTAL_FAILED', integrity: false, subIndication: 'HASH_FAILURE' });
    const seal = signature({ field: 'CoQuan', role: 'seal' });
    expect(verdictOf(report([broken, seal]))).toEqual({
      tone: 'bad',
      text: 'Đã ký — 2 chữ ký, chữ ký 1 (người có thẩm quyền ký, Trần Văn Minh) không hợp lệ: Nội dung văn bản đã bị sửa đổi sau khi ký (sai mã băm)',
    });
    const open = signature({
      field: 'CoQuan',
      role: 'seal',
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
    expect(verdictOf(report([signature(), open]))).toMatchObject({ tone: 'unknown' });
    expect(verdictOf(report([signature(), open])).text).toContain('chữ ký 2 (con dấu cơ quan');
  });
});

describe('report lines said in Vietnamese', () => {
  it('translates the findings docs/verify.md lists, field names as roles', () => {
    expect(reportLineVi('revision 2: page 1 /Contents changed')).toBe(
      'Lần cập nhật 2: nội dung trang 1 bị thay đổi',
    );
    expect(reportLineVi('revision 3: page count changed from 1 to 2')).toBe(
      'Lần cập nhật 3: số trang đổi từ 1 thành 2',
    );
    const role = (f: string) => (f === 'CaNhan' ? 'người có thẩm quyền ký' : 'phụ lục');
    expect(reportLineVi('the widgets of CaNhan and PhuLuc overlap', role)).toBe(
      'Hình chữ ký của người có thẩm quyền ký và phụ lục chồng lên nhau',
    );
  });

  it('keeps only the Vietnamese half of an "English / Vietnamese" pair, and knows what it does not know', () => {
    expect(reportLineVi('no signature / không có chữ ký số')).toBe('Không có chữ ký số');
    expect(reportLineVi('some new finding nobody phrased')).toBeUndefined();
  });
});

describe('report lines for an English reader', () => {
  it('shows the daemon’s own English, the English half of a pair, and nothing Vietnamese', () => {
    setUiLanguage('en');
    try {
      expect(reportLine('revision 2: page 1 /Contents changed')).toBe('Revision 2: page 1 /Contents changed');
      expect(reportLine('no signature / không có chữ ký số')).toBe('No signature');
      expect(reportLine('Lần cập nhật 2: nội dung trang 1 bị thay đổi')).toBeUndefined();
    } finally {
      setUiLanguage('vi');
    }
    expect(reportLine('revision 2: page 1 /Contents changed')).toBe(
      'Lần cập nhật 2: nội dung trang 1 bị thay đổi',
    );
  });
});

describe('times in Vietnam time, one format', () => {
  it('shows any instant as dd/MM/yyyy HH:mm:ss (GMT+7)', () => {
    expect(formatVietnamDateTime('2026-12-06T23:59:40Z')).toBe('07/12/2026 06:59:40 (GMT+7)');
    expect(formatVietnamDateTime('2026-12-07T14:05:09+07:00')).toBe('07/12/2026 14:05:09 (GMT+7)');
    expect(formatVietnamDateTime(Date.UTC(2026, 0, 5, 1, 2, 3))).toBe('05/01/2026 08:02:03 (GMT+7)');
    expect(formatVietnamDateTime('not a time')).toBe('not a time');
    expect(formatVietnamDate('2027-01-31T20:00:00Z')).toBe('01/02/2027');
    expect(vietnamToday(Date.UTC(2026, 11, 6, 18, 0, 0))).toBe('2026-12-07');
  });
});
