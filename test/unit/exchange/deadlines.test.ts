import { describe, expect, it } from 'vitest';
import {
  deadlineState,
  isWorkingDay,
  receiptDeadline,
} from '../../../daemon/src/exchange/inbox/deadlines.js';

// Times are Vietnam local (UTC+7) written as UTC offsets.
const vn = (s: string) => Date.parse(`${s}+07:00`);

describe('receipt deadlines', () => {
  it('normal documents: end of the next working day, skipping weekends and holidays', () => {
    expect(receiptDeadline(vn('2026-11-24T10:00:00'), 0)).toBe(vn('2026-11-25T23:59:59.999'));
    // Friday → Monday
    expect(receiptDeadline(vn('2026-11-27T16:00:00'), 0)).toBe(vn('2026-11-30T23:59:59.999'));
    // Saturday arrival → counts from Monday, due Tuesday
    expect(receiptDeadline(vn('2026-11-28T09:00:00'), 0)).toBe(vn('2026-12-01T23:59:59.999'));
    expect(receiptDeadline(vn('2026-11-24T10:00:00'), 0, { holidays: ['2026-11-25'] })).toBe(
      vn('2026-11-26T23:59:59.999'),
    );
  });

  it('urgent documents: the same working day', () => {
    expect(receiptDeadline(vn('2026-11-24T10:00:00'), 3)).toBe(vn('2026-11-24T23:59:59.999'));
    expect(isWorkingDay(vn('2026-11-28T10:00:00'), { workingWeekends: ['2026-11-28'] })).toBe(true);
  });

  it('flags overdue arrivals', () => {
    expect(deadlineState(vn('2026-11-24T10:00:00'), 1, vn('2026-11-25T08:00:00')).overdue).toBe(true);
    expect(deadlineState(vn('2026-11-24T10:00:00'), 0, vn('2026-11-25T08:00:00')).overdue).toBe(false);
  });
});
