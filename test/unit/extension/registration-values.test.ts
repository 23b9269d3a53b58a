import { describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { foldVietnamese } from '@vanthu/shared/domain/fold';
import { formatPortalDate, pickOption } from '../../../extension/src/profile/registration-values.js';
import { portalProfileSchema } from '../../../extension/src/profile/schema.js';

const PRIORITY = [
  { value: '', text: '-- Chọn --' },
  { value: '1', text: 'Thường' },
  { value: '2', text: 'Khẩn' },
  { value: '3', text: 'Thượng  khẩn' },
];

describe('portal select options', () => {
  it('takes an option by value first, then by text regardless of case, diacritics and spacing', () => {
    expect(pickOption(PRIORITY, '2')).toBe('2');
    expect(pickOption(PRIORITY, 'khẩn')).toBe('2');
    expect(pickOption(PRIORITY, 'THUONG KHAN')).toBe('3');
    expect(pickOption([{ value: 'QD', text: 'Quyết định' }], ' quyet   dinh ')).toBe('QD');
    expect(foldVietnamese('Đề  nghị')).toBe('de nghi');
  });
  it('answers none when no option means the value (the field is then reported as not filled)', () => {
    expect(pickOption(PRIORITY, 'Hỏa tốc')).toBeUndefined();
    expect(pickOption(PRIORITY, '  ')).toBeUndefined();
  });
});

describe('portal dates', () => {
  it('writes dd/mm/yyyy or ISO input in the portal format', () => {
    expect(formatPortalDate('01/12/2026', 'dd/mm/yyyy')).toBe('01/12/2026');
    expect(formatPortalDate('01/12/2026', 'yyyy-mm-dd')).toBe('2026-12-01');
    expect(formatPortalDate('2026-12-01', 'dd-mm-yyyy')).toBe('01-12-2026');
    expect(formatPortalDate('2026-12-01', 'mm/dd/yyyy')).toBe('12/01/2026');
    expect(formatPortalDate('không rõ', 'yyyy-mm-dd')).toBe('không rõ');
  });
});

describe('registration profile options', () => {
  const withRegistration = (registration: Record<string, unknown>) =>
    portalProfileSchema.safeParse({
      ...DEMO_PORTAL_PROFILE,
      registration: { ...DEMO_PORTAL_PROFILE.registration, ...registration },
    }).success;
  it('accepts a date format and combined fields naming registration tags', () => {
    expect(
      withRegistration({
        dateFormat: 'yyyy-mm-dd',
        combined: [{ field: 'input[name="so_ky_hieu"]', template: '{CodeNumber}/{CodeNotation}' }],
      }),
    ).toBe(true);
  });
  it('refuses an unknown date format and templates with unknown tags or stray braces', () => {
    expect(withRegistration({ dateFormat: 'yyyy/dd/mm' })).toBe(false);
    expect(withRegistration({ combined: [{ field: 'input', template: '{Number}/{CodeNotation}' }] })).toBe(
      false,
    );
    expect(withRegistration({ combined: [{ field: 'input', template: '{CodeNumber}/}' }] })).toBe(false);
    expect(withRegistration({ combined: [{ field: 'input', template: 'no tags' }] })).toBe(false);
  });
});
