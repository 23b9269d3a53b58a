import { CATALOGUES, validateFields } from '@vanthu/shared/domain/index';
import type { FieldIssueView, RegistryEntry, RegistryRecordView } from '@vanthu/shared/protocol/index';
import { useCallback, useEffect, useState } from 'react';
import { say } from '../../i18n/language.js';
import { CatalogueForm } from './CatalogueForm.js';
import { showFailure } from './request-error.js';
import { type FormState, toFieldObject } from './form-values.js';
import { useDaemonClient } from './useDaemonClient.js';

const kindText = (kind: RegistryEntry['kind']) => (kind === 'incoming' ? say('Đến', 'In') : say('Đi', 'Out'));
const entryLabel = (e: RegistryEntry) =>
  `${kindText(e.kind)} ${e.number}/${e.year} — ${String(e.fields['Subject'] ?? '').slice(0, 60)}`;

function RecordRow(props: {
  record: RegistryRecordView;
  entries: readonly RegistryEntry[];
  onAdd: (entryId: string) => void;
  onClose: () => void;
  busy: boolean;
}) {
  const { record } = props;
  const [pick, setPick] = useState('');
  const inside = new Set(record.documents.map((d) => d.id));
  return (
    <li data-testid="record" style={{ margin: '6px 0' }}>
      <strong>{record.code}</strong> — {String(record.fields['Title'] ?? '')}{' '}
      <small>
        (
        {say(
          `${record.state === 'open' ? 'đang mở' : 'đã kết thúc'}; ${String(record.fields['DocTotal'] ?? 0)} văn bản, ${String(record.fields['PageTotal'] ?? 0)} trang`,
          `${record.state === 'open' ? 'open' : 'closed'}; ${String(record.fields['DocTotal'] ?? 0)} documents, ${String(record.fields['PageTotal'] ?? 0)} pages`,
        )}
        )
      </small>
      {record.state === 'open' && (
        <div style={{ display: 'flex', gap: 4, marginTop: 2 }}>
          <select
            aria-label={say('Văn bản đưa vào hồ sơ', 'Document to file')}
            value={pick}
            onChange={(e) => setPick(e.target.value)}
          >
            <option value="">{say('— chọn văn bản —', '— choose a document —')}</option>
            {props.entries
              .filter((e) => !inside.has(e.id))
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {entryLabel(e)}
                </option>
              ))}
          </select>
          <button type="button" disabled={!pick || props.busy} onClick={() => props.onAdd(pick)}>
            {say('Thêm vào hồ sơ', 'Add to record')}
          </button>
          <button type="button" disabled={props.busy} onClick={props.onClose}>
            {say('Kết thúc hồ sơ', 'Close record')}
          </button>
        </div>
      )}
    </li>
  );
}

/** Hồ sơ: the records of the year, opening one, filing registered documents, closing. */
export function RecordsPanel() {
  const client = useDaemonClient();
  const catalogue = CATALOGUES.record;
  const [records, setRecords] = useState<RegistryRecordView[]>([]);
  const [entries, setEntries] = useState<RegistryEntry[]>([]);
  const [state, setState] = useState<FormState>({});
  const [issues, setIssues] = useState<readonly FieldIssueView[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setError(undefined);
      try {
        await action();
        const [r, e] = await Promise.all([
          client.request('records.list', {}),
          client.request('registry.list', { limit: 200 }),
        ]);
        setRecords(r.result.records);
        setEntries(e.result.entries.filter((x) => x.state !== 'recalled'));
      } catch (e) {
        showFailure(e, { setIssues, setError });
      } finally {
        setBusy(false);
      }
    },
    [client],
  );
  useEffect(() => void run(async () => {}), [run]);

  const create = () => {
    const fields = toFieldObject(catalogue, state);
    const local = validateFields(catalogue, fields).issues;
    setIssues(local);
    if (local.length === 0)
      void run(async () => {
        await client.request('records.create', { fields });
        setState({});
      });
  };

  return (
    <section data-testid="records">
      <h2 style={{ fontSize: 15, margin: '4px 0' }}>{say('Hồ sơ', 'Records')}</h2>
      {error && (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {error}
        </p>
      )}
      {records.length === 0 ? (
        <p>{say('Chưa có hồ sơ.', 'No records yet.')}</p>
      ) : (
        <ul style={{ paddingLeft: 16 }}>
          {records.map((r) => (
            <RecordRow
              key={r.id}
              record={r}
              entries={entries}
              busy={busy}
              onAdd={(entryId) => void run(() => client.request('records.add', { record: r.id, entryId }))}
              onClose={() => void run(() => client.request('records.close', { record: r.id }))}
            />
          ))}
        </ul>
      )}
      <details>
        <summary>{say('Lập hồ sơ ngoài danh mục', 'Open a record outside the list')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <CatalogueForm
            catalogue={catalogue}
            state={state}
            onChange={(path, value) => setState((s) => ({ ...s, [path]: value }))}
            issues={issues}
          />
          <button type="submit" disabled={busy}>
            {say('Lập hồ sơ', 'Open record')}
          </button>
        </form>
      </details>
    </section>
  );
}
