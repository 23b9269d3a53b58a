import { vietnamToday } from '@vanthu/shared/domain/index';
import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import { say } from '../../i18n/language.js';
import { RegisterBookFilter } from './RegisterBookFilter.js';
import { RegisterBookPrint } from './RegisterBookPrint.js';
import { type BookFilter, bookPage, bookQuery } from './RegisterBookQuery.js';
import { RegisterBookRows } from './RegisterBookRows.js';
import { requestError } from './request-error.js';
import { useDaemonClient } from './useDaemonClient.js';

/**
 * The register book (Sổ đăng ký văn bản đến / đi): its entries filtered by book, year and dates, a
 * page at a time, each opening its own page; printed as the same PDF as `vanthu report`.
 */
export function RegisterBook() {
  const client = useDaemonClient();
  const [filter, setFilter] = useState<BookFilter>(() => ({
    kind: 'incoming',
    series: '',
    year: vietnamToday().slice(0, 4),
    from: '',
    to: '',
  }));
  const [page, setPage] = useState(0);
  const [shown, setShown] = useState<{ rows: RegistryEntry[]; more: boolean }>();
  const [error, setError] = useState<string>();
  const query = bookQuery(filter, page);
  // The request as text is the effect's key: a new filter or page reads the book again.
  const list = query.ok ? JSON.stringify(query.list) : undefined;
  useEffect(() => {
    if (!list) return;
    let current = true;
    setError(undefined);
    client.request('registry.list', JSON.parse(list)).then(
      (r) => current && setShown(bookPage(r.result.entries)),
      (e: unknown) => current && setError(requestError(e).line),
    );
    return () => {
      current = false;
    };
  }, [client, list]);
  return (
    <section data-testid="register-book">
      <h2 style={{ marginTop: 0 }}>{say('Sổ đăng ký văn bản', 'Register books')}</h2>
      <RegisterBookFilter
        initial={filter}
        onApply={(next) => {
          setFilter(next);
          setPage(0);
        }}
      />
      {query.ok && <RegisterBookPrint client={client} book={query.print} />}
      {error && <p role="alert">{error}</p>}
      {shown && <RegisterBookRows entries={shown.rows} />}
      {shown && (page > 0 || shown.more) && (
        <nav style={{ display: 'flex', gap: 6, alignItems: 'center' }} data-testid="book-pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {say('← Trang trước', '← Previous')}
          </button>
          <span data-testid="book-page">{say(`Trang ${page + 1}`, `Page ${page + 1}`)}</span>
          <button type="button" disabled={!shown.more} onClick={() => setPage(page + 1)}>
            {say('Trang sau →', 'Next →')}
          </button>
        </nav>
      )}
    </section>
  );
}
