import { formatVietnamDateTime } from '@vanthu/shared/domain/index';
import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../i18n/language.js';
import { entryHash } from './entry/entry-hash.js';
import { entryNumber, entryStateText, shortDate } from './entry/labels.js';

/** Who the entry is from (incoming) or to (outgoing), as the book's column names it. */
function counterpart(entry: RegistryEntry): string {
  if (entry.kind === 'incoming') return String(entry.fields['OrganName'] ?? '');
  const to = entry.fields['To'];
  return Array.isArray(to)
    ? to
        .map((t: { OrganName?: string; OrganId?: string }) => t.OrganName ?? t.OrganId ?? '')
        .filter(Boolean)
        .join('; ')
    : '';
}

/** One page of the book: each entry's number (opening its own page), dates, trích yếu and state. */
export function RegisterBookRows({ entries }: { entries: readonly RegistryEntry[] }) {
  if (entries.length === 0)
    return (
      <p className="vt-muted" data-testid="book-empty">
        {say('Không có văn bản nào trong sổ theo bộ lọc này.', 'No entry of the book matches this filter.')}
      </p>
    );
  return (
    <ol data-testid="book-rows" style={{ listStyle: 'none', padding: 0, margin: '8px 0', fontSize: 12 }}>
      {entries.map((e) => {
        const date = e.fields['IssuedDate'];
        return (
          <li
            key={e.id}
            data-testid="book-row"
            data-entry={e.id}
            style={{ borderBottom: '1px solid var(--vt-line)', padding: '4px 0', overflowWrap: 'anywhere' }}
          >
            <a href={`#${entryHash(e.kind, e.id)}`} data-entry-link={e.id}>
              <strong>{entryNumber(e)}</strong>
            </a>{' '}
            · {entryStateText(e.state)}
            <div>{`${String(e.fields['TypeName'] ?? '')}: ${String(e.fields['Subject'] ?? '')}`}</div>
            <div className="vt-muted">
              {counterpart(e)}
              {typeof date === 'string' && ` · ${say('Ngày văn bản', 'Dated')} ${shortDate(date)}`}
            </div>
            <div className="vt-muted">
              {say('Vào sổ', 'Registered')} {formatVietnamDateTime(e.registeredAt)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
