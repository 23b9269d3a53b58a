/**
 * Times as every screen shows them: Vietnam time (UTC+7, no daylight saving), one format,
 * dd/MM/yyyy HH:mm:ss (GMT+7), whatever the browser's or the machine's time zone.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

function vietnamParts(value: string | number | Date): Date | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  // The UTC fields of the shifted instant are Vietnam's wall clock.
  return Number.isFinite(ms) ? new Date(ms + VIETNAM_OFFSET_MS) : undefined;
}

/** "07/12/2026 14:05:09 (GMT+7)"; an unreadable value is returned as it came. */
export function formatVietnamDateTime(value: string | number | Date): string {
  const d = vietnamParts(value);
  if (!d) return String(value);
  return (
    `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} (GMT+7)`
  );
}

/** "07/12/2026": the day in Vietnam (a certificate's expiry, a deadline). */
export function formatVietnamDate(value: string | number | Date): string {
  const d = vietnamParts(value);
  if (!d) return String(value);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Today in Vietnam as YYYY-MM-DD (the stored date form, standards.md §2). */
export function vietnamToday(now: number = Date.now()): string {
  const d = new Date(now + VIETNAM_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
