import { describe, expect, it } from 'vitest';
import { codeTitle, quarantineRetryText } from '../../../extension/src/ui/exchange/labels.js';

describe('quarantine texts of the exchange panel', () => {
  it('names a known error code in the clerk’s language, and keeps an unknown one as it is', () => {
    expect(codeTitle('vi', 'EDXML_MALFORMED')).toBe('Gói edXML sai cấu trúc (EDXML_MALFORMED)');
    expect(codeTitle('en', 'EDXML_MALFORMED')).toBe('Malformed edXML package (EDXML_MALFORMED)');
    expect(codeTitle('vi', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('says what handling a package again came to, for each outcome', () => {
    expect(quarantineRetryText('vi', 3, { outcome: 'recorded' })).toBe(
      'Gói Q3: đã nhận văn bản, đã gửi báo nhận (01)',
    );
    expect(quarantineRetryText('vi', 3, { outcome: 'duplicate' })).toContain('đã nhận trước đó');
    expect(quarantineRetryText('en', 3, { outcome: 'status' })).toBe('Package Q3: status applied');
    expect(
      quarantineRetryText('vi', 3, {
        outcome: 'defective',
        arrivalId: 9,
        code: 'EDXML_MALFORMED',
        reason: 'vb1: base64',
      }),
    ).toBe('Gói Q3: văn bản không dùng được, cần từ chối (02) — vb1: base64');
    expect(
      quarantineRetryText('vi', 4, { outcome: 'quarantined', code: 'INTERNAL', reason: 'TypeError: x' }),
    ).toMatch(/^Gói Q4 vẫn bị cách ly: .*\(INTERNAL\) — TypeError: x$/);
  });
});
