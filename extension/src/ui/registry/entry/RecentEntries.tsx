import type { BookKindName, RegistryEntry } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import { say } from '../../../i18n/language.js';
import { useDaemonClient } from '../useDaemonClient.js';
import { entryHash } from './entry-hash.js';
import { entryNumber, entryStateText } from './labels.js';

const SHOWN = 10;

/** The last entries of the book, newest first, each opening its own page (assign, send, recall, file). */
export function RecentEntries({ kind }: { kind: BookKindName }) {
  const client = useDaemonClient();
  const [entries, setEntries] = useState<RegistryEntry[]>([]);
  useEffect(() => {
    void client.request('registry.list', { kind, limit: 1000 }).then(
      (r) =>
        setEntries(
          r.result.entries
            .filter((e) => e.state !== 'reserved')
            .slice(-SHOWN)
            .reverse(),
        ),
      () => setEntries([]),
    );
  }, [client, kind]);
  if (entries.length === 0) return null;
  return (
    <section data-testid="recent-entries" style={{ marginTop: 10 }}>
      <h3 style={{ fontSize: 13, margin: '4px 0' }}>{say('Đã vào sổ gần đây', 'Recently registered')}</h3>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0, fontSize: 12 }}>
        {entries.map((e) => (
          <li key={e.id} style={{ overflowWrap: 'anywhere', padding: '2px 0' }}>
            <a href={`#${entryHash(kind, e.id)}`} data-entry-link={e.id}>
              {entryNumber(e)}
            </a>{' '}
            — {String(e.fields['Subject'] ?? '').slice(0, 80)} · {entryStateText(e.state)}
          </li>
        ))}
      </ul>
    </section>
  );
}
