import { describe, expect, it } from 'vitest';
import {
  BOOK_PAGE_SIZE,
  type BookFilter,
  bookPage,
  bookQuery,
} from '../../../extension/src/ui/registry/RegisterBookQuery.js';
import { isoOfTypedDate } from '../../../extension/src/ui/shared/typed-date.js';

const filter = (over: Partial<BookFilter> = {}): BookFilter => ({
  kind: 'incoming',
  series: '',
  year: '2026',
  from: '',
  to: '',
  ...over,
});

describe('the register book filter in the side panel', () => {
  it('asks registry.list for the general book of the year, one row more than a page', () => {
    const q = bookQuery(filter(), 0);
    expect(q).toEqual({
      ok: true,
      list: { kind: 'incoming', year: 2026, series: '', limit: BOOK_PAGE_SIZE + 1, offset: 0 },
      print: { kind: 'incoming', year: 2026 },
    });
  });

  it('pages by offset, never below the first page', () => {
    const second = bookQuery(filter(), 2);
    expect(second.ok && second.list.offset).toBe(2 * BOOK_PAGE_SIZE);
    const q = bookQuery(filter(), -3);
    expect(q.ok && q.list.offset).toBe(0);
  });

  it('filters by book and series: the outgoing VBQPPL book lists and prints that book only', () => {
    const q = bookQuery(filter({ kind: 'outgoing', series: ' VBQPPL ' }), 0);
    expect(q.ok && q.list).toMatchObject({ kind: 'outgoing', series: 'VBQPPL' });
    expect(q.ok && q.print).toEqual({ kind: 'outgoing', year: 2026, series: 'VBQPPL' });
  });

  it("turns the dd/mm/yyyy range into the request's yyyy-mm-dd bounds, either one alone", () => {
    const both = bookQuery(filter({ from: '1/12/2026', to: '07/12/2026' }), 0);
    expect(both.ok && both.list).toMatchObject({ from: '2026-12-01', to: '2026-12-07' });
    const from = bookQuery(filter({ from: '01/12/2026' }), 0);
    expect(from.ok && from.list).toMatchObject({ from: '2026-12-01' });
    expect(from.ok && 'to' in from.list).toBe(false);
  });

  it('names the wrong field before any request: a year, a date not dd/mm/yyyy, a range backwards', () => {
    expect(bookQuery(filter({ year: '26' }), 0)).toMatchObject({ ok: false, problem: { field: 'year' } });
    expect(bookQuery(filter({ year: '0999' }), 0)).toMatchObject({ ok: false, problem: { field: 'year' } });
    // US order and ISO are refused: the screen shows and takes dates as dd/mm/yyyy only.
    expect(bookQuery(filter({ from: '12/31/2026' }), 0)).toMatchObject({
      ok: false,
      problem: { field: 'from' },
    });
    expect(bookQuery(filter({ to: '2026-12-07' }), 0)).toMatchObject({ ok: false, problem: { field: 'to' } });
    expect(bookQuery(filter({ from: '31/02/2026' }), 0)).toMatchObject({
      ok: false,
      problem: { field: 'from' },
    });
    const backwards = bookQuery(filter({ from: '07/12/2026', to: '01/12/2026' }), 0);
    expect(backwards).toMatchObject({
      ok: false,
      problem: { field: 'to', vi: '"Đến ngày" trước "Từ ngày"' },
    });
  });

  it('reads dd/mm/yyyy strictly', () => {
    expect(isoOfTypedDate('')).toBeUndefined();
    expect(isoOfTypedDate(' 7/12/2026 ')).toBe('2026-12-07');
    expect(isoOfTypedDate('29/02/2028')).toBe('2028-02-29');
    expect(isoOfTypedDate('29/02/2026')).toBeNull();
    expect(isoOfTypedDate('07.12.2026')).toBeNull();
  });

  it('shows a page and knows whether the book goes on from the extra row', () => {
    const rows = Array.from({ length: BOOK_PAGE_SIZE + 1 }, (_, i) => i);
    expect(bookPage(rows)).toEqual({ rows: rows.slice(0, BOOK_PAGE_SIZE), more: true });
    expect(bookPage(rows.slice(0, BOOK_PAGE_SIZE))).toEqual({
      rows: rows.slice(0, BOOK_PAGE_SIZE),
      more: false,
    });
    expect(bookPage([])).toEqual({ rows: [], more: false });
  });
});
