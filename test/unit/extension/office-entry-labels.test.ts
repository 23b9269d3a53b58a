import { describe, expect, it } from 'vitest';
import { verificationSummaryText } from '../../../extension/src/ui/exchange/labels.js';
import { receiverText, shortDate } from '../../../extension/src/ui/registry/entry/labels.js';
import { isoOfTypedDate } from '../../../extension/src/ui/shared/typed-date.js';

describe("the entry page's words and dates", () => {
  it('reads a deadline typed dd/mm/yyyy; empty is no deadline; anything else, or a date that does not exist, is refused', () => {
    expect(isoOfTypedDate('17/12/2026')).toBe('2026-12-17');
    expect(isoOfTypedDate(' 5/1/2027 ')).toBe('2027-01-05');
    expect(isoOfTypedDate('')).toBeUndefined();
    expect(isoOfTypedDate('2026-12-17')).toBeNull();
    expect(isoOfTypedDate('12/17/2026')).toBeNull();
    expect(isoOfTypedDate('31/11/2026')).toBeNull();
    expect(isoOfTypedDate('29/02/2027')).toBeNull();
    expect(isoOfTypedDate('29/02/2028')).toBe('2028-02-29');
    expect(shortDate('2026-12-17')).toBe('17/12/2026');
  });

  it("says each recipient's answer in words, never its code", () => {
    expect(['03', '04', '05', '06', '15', '16'].map((c) => receiverText(c))).toEqual([
      'Đã tiếp nhận (vào sổ)',
      'Đã phân công xử lý',
      'Đang xử lý',
      'Đã hoàn thành xử lý',
      'Đồng ý thu hồi',
      'Không đồng ý thu hồi',
    ]);
    expect(receiverText('99')).toBeUndefined();
  });

  it("says an arrival's signature summary with NĐ 30 role names and the report's verdicts", () => {
    const summary = 'Trần Văn Minh (approver): TOTAL_PASSED; UBND (seal): INDETERMINATE';
    expect(verificationSummaryText('vi', summary)).toBe(
      'Trần Văn Minh (người có thẩm quyền ký): hợp lệ; UBND (con dấu cơ quan): chưa xác định được',
    );
    expect(verificationSummaryText('en', 'A (seal): TOTAL_FAILED')).toBe('A (agency seal): invalid');
  });
});
