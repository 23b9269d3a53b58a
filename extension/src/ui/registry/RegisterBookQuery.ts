import type { BookKindName, RegistryListPayload, RegistryReportPayload } from '@vanthu/shared/protocol/index';
import { isoOfTypedDate } from '../shared/typed-date.js';

/** Rows on one page of the book in the side panel. */
export const BOOK_PAGE_SIZE = 20;

/** What the clerk typed in the book's filter: dates as dd/mm/yyyy, as every date on screen. */
export interface BookFilter {
  kind: BookKindName;
  /** A book's own series (e.g. VBQPPL); empty = the general book. */
  series: string;
  year: string;
  /** Registered on or after / on or before, dd/mm/yyyy; empty = no bound. */
  from: string;
  to: string;
}

/** Which field of the filter is wrong, and why, in both languages (the screen picks one). */
export interface BookFilterProblem {
  field: keyof BookFilter;
  vi: string;
  en: string;
}

export type BookQuery =
  | { ok: true; list: RegistryListPayload; print: RegistryReportPayload }
  | { ok: false; problem: BookFilterProblem };

/**
 * The registry.list request of one page of the book (one row more than the page, to know whether a
 * next page exists) and the registry.report request that prints the same book and year.
 */
export function bookQuery(filter: BookFilter, page: number): BookQuery {
  const year = filter.year.trim();
  if (!/^\d{4}$/.test(year) || Number(year) < 1900)
    return {
      ok: false,
      problem: {
        field: 'year',
        vi: 'Năm phải có 4 chữ số, ví dụ 2026',
        en: 'The year has four digits, e.g. 2026',
      },
    };
  const from = isoOfTypedDate(filter.from);
  const to = isoOfTypedDate(filter.to);
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (value === null)
      return {
        ok: false,
        problem: {
          field,
          vi: 'Ngày phải có dạng dd/mm/yyyy, ví dụ 07/12/2026',
          en: 'A date is written dd/mm/yyyy, e.g. 07/12/2026',
        },
      };
  if (from && to && from > to)
    return {
      ok: false,
      problem: { field: 'to', vi: '"Đến ngày" trước "Từ ngày"', en: '"To" is before "From"' },
    };
  const series = filter.series.trim();
  const print: RegistryReportPayload = {
    kind: filter.kind,
    year: Number(year),
    ...(series ? { series } : {}),
  };
  return {
    ok: true,
    print,
    list: {
      kind: filter.kind,
      year: Number(year),
      // The general book is series "": without it the list would mix every series of the year.
      series,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: BOOK_PAGE_SIZE + 1,
      offset: Math.max(0, Math.trunc(page)) * BOOK_PAGE_SIZE,
    },
  };
}

/** The rows of a page and whether the book goes on (the request asked for one row more). */
export function bookPage<T>(rows: readonly T[]): { rows: T[]; more: boolean } {
  return { rows: rows.slice(0, BOOK_PAGE_SIZE), more: rows.length > BOOK_PAGE_SIZE };
}
