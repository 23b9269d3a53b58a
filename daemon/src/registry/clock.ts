import { isWorkingDay, type WorkingCalendar } from '../exchange/inbox/deadlines.js';

const VN_OFFSET = 7 * 3600_000;
const DAY = 86_400_000;

/** `YYYY-MM-DD` of the Vietnam-time day containing `t`. */
export function vnDate(t: number): string {
  return new Date(t + VN_OFFSET).toISOString().slice(0, 10);
}

/** ISO 8601 with the fixed +07:00 offset, whole seconds. */
export function vnTimestamp(t: number): string {
  return `${new Date(t + VN_OFFSET).toISOString().slice(0, 19)}+07:00`;
}

/** Noon (Vietnam time) of a `YYYY-MM-DD` day, a safe instant for calendar arithmetic. */
function noonOf(date: string): number {
  return Date.parse(`${date}T12:00:00+07:00`);
}

/** The date `n` working days after `from` (n ≥ 1), skipping weekends and holidays of the calendar. */
export function addWorkingDays(from: string, n: number, cal: WorkingCalendar = {}): string {
  let t = noonOf(from);
  for (let left = n; left > 0; ) {
    t += DAY;
    if (isWorkingDay(t, cal)) left--;
  }
  return vnDate(t);
}

/** Working days from the day after `due` up to and including `today` (0 when not late). */
export function workingDaysLate(due: string, today: string, cal: WorkingCalendar = {}): number {
  let late = 0;
  for (let t = noonOf(due) + DAY, end = noonOf(today); t <= end; t += DAY) if (isWorkingDay(t, cal)) late++;
  return late;
}
