import type { AgencyView, ExchangeAgenciesResult } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import type { DaemonClient } from '../../background/daemon/client.js';
import { say } from '../../i18n/language.js';
import { listAge } from './recipients.js';
import { requestError } from './request-error.js';

/** The matches of a search, each a button that adds the agency to Nơi nhận. */
export function AgencyList({
  result,
  now,
  onPick,
}: {
  result: ExchangeAgenciesResult;
  now: number;
  onPick: (agency: AgencyView) => void;
}) {
  return (
    <div data-testid="agency-list">
      <p style={{ fontSize: 12, color: '#6b7280', margin: '2px 0' }}>
        {say(`${result.total} cơ quan, tổ chức`, `${result.total} agencies`)} ·{' '}
        {listAge(result.fetchedAt, now)}
        {result.skipped > 0 &&
          say(
            ` · ${result.skipped} mục bỏ qua vì mã định danh không hợp lệ`,
            ` · ${result.skipped} skipped: invalid identifier`,
          )}
      </p>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 180, overflowY: 'auto' }}>
        {result.agencies.map((a) => (
          <li key={a.code}>
            <button
              type="button"
              onClick={() => onPick(a)}
              style={{ width: '100%', textAlign: 'left', font: 'inherit' }}
              title={
                a.regular
                  ? a.code
                  : say(
                      `${a.code}: mã không theo dạng 000.00.00.A00`,
                      `${a.code}: not in the form 000.00.00.A00`,
                    )
              }
            >
              {a.name} <small style={{ color: a.regular ? '#6b7280' : '#b45309' }}>{a.code}</small>
            </button>
          </li>
        ))}
      </ul>
      {result.total > result.agencies.length && (
        <p style={{ fontSize: 12, color: '#6b7280' }}>
          {say('Gõ thêm để thu hẹp kết quả.', 'Type more to narrow the results.')}
        </p>
      )}
    </div>
  );
}

/**
 * Chọn nơi nhận from the axis's agency list (cached by the daemon): search by name or code, without
 * diacritics if the clerk likes, and refresh the list from the axis.
 */
export function RecipientPicker({
  client,
  onPick,
}: {
  client: DaemonClient;
  onPick: (agency: AgencyView) => void;
}) {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<ExchangeAgenciesResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const search = async (refresh: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        (await client.request('exchange.agencies', { query, ...(refresh ? { refresh } : {}) })).result,
      );
    } catch (e) {
      setError(requestError(e).line);
    } finally {
      setBusy(false);
    }
  };
  // Searches as the clerk types, a moment after the last key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: search reads the query it is keyed on.
  useEffect(() => {
    const t = setTimeout(() => void search(false), 250);
    return () => clearTimeout(t);
  }, [query]);
  return (
    <fieldset data-testid="recipient-picker" style={{ margin: '6px 0', padding: '2px 6px' }}>
      <legend>
        {say('Chọn nơi nhận từ danh sách trục liên thông', "Choose recipients from the exchange axis's list")}
      </legend>
      <input
        type="search"
        aria-label={say('Tìm theo tên hoặc mã định danh', 'Search by name or identifier')}
        placeholder={say(
          'Tên hoặc mã định danh (gõ không dấu cũng được)',
          'Name or identifier (diacritics optional)',
        )}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ width: '70%', font: 'inherit' }}
      />{' '}
      <button type="button" disabled={busy} onClick={() => void search(true)}>
        {say('Cập nhật danh sách', 'Refresh the list')}
      </button>
      {result && <AgencyList result={result} now={Date.now()} onPick={onPick} />}
      {error && (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
