import { type FieldIssue, issue } from './issues.js';

/** Stored dates are `YYYY-MM-DD` (standards.md §2); shown as dd/MM/yyyy. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export function dateIssues(value: string, path: string): FieldIssue[] {
  if (isIsoDate(value)) return [];
  return [
    issue(
      path,
      'date',
      `Ngày "${value}" không hợp lệ (cần dạng YYYY-MM-DD)`,
      `Date "${value}" is invalid (expected YYYY-MM-DD)`,
    ),
  ];
}

/** dd/MM/yyyy for tables and register books. */
export function formatDateShort(iso: string): string {
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "ngày 05 tháng 01 năm 2020": days below 10 and months 1–2 zero-padded (NĐ30 PL I II.4.b). */
export function formatDateLong(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]);
  return `ngày ${m[3]} tháng ${month <= 2 ? m[2] : String(month)} năm ${m[1]}`;
}

/** Accepts YYYY-MM-DD, yyyy/MM/dd and dd/MM/yyyy; returns YYYY-MM-DD or undefined. */
export function normalizeDate(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  let iso: string | undefined;
  if (m) iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return iso && isIsoDate(iso) ? iso : undefined;
}
