import { formatDateShort, isIsoDate } from '@vanthu/shared/domain/index';

/**
 * Dates the clerk types: dd/mm/yyyy on every screen (a browser date picker would show the machine's
 * order, often mm/dd/yyyy), stored as yyyy-mm-dd (standards.md §2).
 */

/** yyyy-mm-dd of a date typed as dd/mm/yyyy; undefined when empty, null when it is not a real date in that form. */
export function isoOfTypedDate(text: string): string | undefined | null {
  const t = text.trim();
  if (!t) return undefined;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * What a form keeps for what the clerk typed: the stored date when it is one, '' when empty, else the
 * text itself (so the form's own check refuses to save it).
 */
export function storedOfTypedDate(text: string): string {
  const iso = isoOfTypedDate(text);
  return iso === undefined ? '' : (iso ?? text.trim());
}

/** The dd/mm/yyyy text of a stored value; a value that is not a stored date is shown as it is. */
export const typedOfStoredDate = (value: string): string =>
  isIsoDate(value) ? formatDateShort(value) : value;

/** Said under a date field whose text is not a real dd/mm/yyyy date. */
export const TYPED_DATE_PROBLEM = {
  vi: 'Ngày không có thật hoặc không theo dạng dd/mm/yyyy (ví dụ 07/12/2026)',
  en: 'Not a real date written dd/mm/yyyy (e.g. 07/12/2026)',
} as const;
