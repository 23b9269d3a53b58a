import type { RegistryEntry, RegistryRecordView } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import type { DaemonClient } from '../../../background/daemon/client.js';
import { say } from '../../../i18n/language.js';

/** States from which a document is not filed: not a current document of the office. */
const NOT_FILEABLE = new Set(['reserved', 'voided', 'recalled', 'returned']);

/**
 * Đưa vào hồ sơ (Điều 8.2) from the entry itself: the open hồ sơ of the year, or the hồ sơ it is
 * already in.
 */
export function FileIntoRecord({
  client,
  entry,
  busy,
  onFile,
}: {
  client: DaemonClient;
  entry: RegistryEntry;
  busy: boolean;
  onFile(record: string): void;
}) {
  const [records, setRecords] = useState<RegistryRecordView[]>([]);
  const [pick, setPick] = useState('');
  // Read again with the entry (every refresh and after filing), so the hồ sơ shown is current.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the entry's refresh is the trigger.
  useEffect(() => {
    void client.request('records.list', {}).then(
      (r) => setRecords(r.result.records),
      () => setRecords([]),
    );
  }, [client, entry]);
  const holder = records.find((r) => r.documents.some((d) => d.id === entry.id));
  if (holder)
    return (
      <p data-testid="filed-in" style={{ fontSize: 12 }}>
        {say('Đã đưa vào hồ sơ', 'Filed in')} {holder.code} — {String(holder.fields['Title'] ?? '')}
      </p>
    );
  if (NOT_FILEABLE.has(entry.state)) return null;
  const open = records.filter((r) => r.state === 'open');
  if (open.length === 0)
    return (
      <p className="vt-muted">
        {say('Chưa có hồ sơ đang mở: lập hồ sơ ở tab Hồ sơ.', 'No open file: open one in the Files tab.')}
      </p>
    );
  return (
    <div style={{ display: 'flex', gap: 4, margin: '6px 0' }}>
      <select
        aria-label={say('Hồ sơ', 'File')}
        value={pick}
        onChange={(e) => setPick(e.target.value)}
        style={{ flex: 1, minWidth: 0 }}
      >
        <option value="">{say('— chọn hồ sơ —', '— choose a file —')}</option>
        {open.map((r) => (
          <option key={r.id} value={r.id}>
            {r.code} — {String(r.fields['Title'] ?? '')}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy || !pick} onClick={() => onFile(pick)}>
        {say('Đưa vào hồ sơ', 'File')}
      </button>
    </div>
  );
}
