/** Signing-time helpers: PDF date strings and the +7 h signingTime quirk (standards.md §7). */

const QUIRK_SECONDS = 25_200;
const QUIRK_TOLERANCE = 3_600;
const MAX_LEAD_SECONDS = 60;

/** `D:YYYYMMDDHHmmSS+07'00'` (any prefix of the date parts, Z or ±HH'mm') → Date, or undefined. */
export function parsePdfDate(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const m =
    // Stryker disable next-line Regex: a zone sign without two digits gives offset 0 whether the zone group matches (digits default to 0) or not (sign 0)
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(
      s.trim(),
    );
  if (!m) return undefined;
  const n = (v: string | undefined, d: number): number => (v === undefined ? d : Number(v));
  const utc = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offset = sign * (n(m[8], 0) * 60 + n(m[9], 0)) * 60_000;
  const d = new Date(utc - offset);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Warning for a claimed signing time against the timestamp (or, without one, the validation time):
 * about 7 hours ahead is the known local-time-labelled-UTC quirk; any other lead over 60 s is
 * reported as such. The raw value is never adjusted.
 */
export function signingTimeWarning(claimed: Date, reference: Date, isTimestamp: boolean): string | undefined {
  const lead = (claimed.getTime() - reference.getTime()) / 1000;
  if (Math.abs(lead - QUIRK_SECONDS) <= QUIRK_TOLERANCE)
    return isTimestamp
      ? `signingTime is ${Math.round(lead)} s ahead of the timestamp genTime: local time written as UTC (+7 h quirk); the raw value is reported`
      : `signingTime is about 7 h ahead of the validation time: local time written as UTC (+7 h quirk)`;
  if (isTimestamp && lead > MAX_LEAD_SECONDS)
    return `signingTime is ${Math.round(lead)} s after the timestamp genTime`;
  return undefined;
}
