/**
 * Working-day deadlines of NĐ30 (receipt notice and registration the same day, at the latest the next
 * working day; urgent documents at once). The calendar is admin data: weekends, holidays, make-up days.
 */
export interface WorkingCalendar {
  /** `yyyy-MM-dd` days off (Tết, national holidays). */
  holidays?: string[];
  /** `yyyy-MM-dd` Saturdays/Sundays that are worked (make-up days). */
  workingWeekends?: string[];
}

const VN_OFFSET = 7 * 3600_000;
const dayKey = (t: number) => new Date(t + VN_OFFSET).toISOString().slice(0, 10);

export function isWorkingDay(t: number, cal: WorkingCalendar = {}): boolean {
  const key = dayKey(t);
  if (cal.workingWeekends?.includes(key)) return true;
  if (cal.holidays?.includes(key)) return false;
  const dow = new Date(t + VN_OFFSET).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** End (23:59:59.999 Vietnam time) of the day containing `t`. */
function endOfDay(t: number): number {
  const d = new Date(t + VN_OFFSET);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59, 999) - VN_OFFSET;
}

/** End of the first working day on or after `t`. */
function endOfWorkingDay(t: number, cal: WorkingCalendar): number {
  let day = t;
  for (let i = 0; i < 60 && !isWorkingDay(day, cal); i++) day += 86_400_000;
  return endOfDay(day);
}

/**
 * When an arrival must have been answered (receipt status, registration): urgent priorities (Khẩn and
 * above) the same day; others by the end of the next working day after arrival.
 */
export function receiptDeadline(receivedAt: number, priority: number, cal: WorkingCalendar = {}): number {
  const sameDay = endOfWorkingDay(receivedAt, cal);
  if (priority >= 1) return sameDay;
  return endOfWorkingDay(sameDay + 1, cal);
}

export interface DeadlineState {
  dueAt: number;
  overdue: boolean;
}

export function deadlineState(
  receivedAt: number,
  priority: number,
  now: number,
  cal: WorkingCalendar = {},
): DeadlineState {
  const dueAt = receiptDeadline(receivedAt, priority, cal);
  return { dueAt, overdue: now > dueAt };
}
