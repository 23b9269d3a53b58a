import { CATALOGUES, fieldAt, formatVietnamDateTime, validateFields } from '@vanthu/shared/domain/index';
import type { BookKindName, FieldIssueView, RegistryEntry } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import { say } from '../../i18n/language.js';
import { INDICATION_TEXT } from '../../verify/labels.js';
import { CatalogueForm } from './CatalogueForm.js';
import { showFailure } from './request-error.js';
import { type FormState, toFieldObject, toFormState } from './form-values.js';
import { type Saved, saveRegistration } from './save-registration.js';
import { SendToAxis } from './SendToAxis.js';
import { useDaemonClient } from './useDaemonClient.js';
import { usePrefill } from './usePrefill.js';
import { RecipientPicker } from './RecipientPicker.js';
import { addRecipient } from './recipients.js';
import { AttachmentPicker } from './AttachmentPicker.js';
import { type PendingAttachment, addFiles } from './attachments.js';
import { EntryFiles } from './EntryFiles.js';
import { ArrivalFiles } from './ArrivalFiles.js';
import { EntryLink } from './entry/EntryLink.js';
import { registerButtonText } from './register-button.js';
import { usePortalForm } from './usePortalForm.js';

const NUMBER_TAG: Record<BookKindName, string> = { incoming: 'ArrivalNumber', outgoing: 'CodeNumber' };
const numberLabel = (kind: BookKindName): string =>
  kind === 'incoming' ? say('Số đến', 'Arrival no.') : say('Số văn bản đi', 'Outgoing no.');
/** Filed into a record with the records tab, not typed at registration. */
const HIDDEN = ['FileCode', 'DocOrdinal'];

/** Registration in the incoming or outgoing book, pre-filled from the chosen document. */
export function RegisterPanel({ kind }: { kind: BookKindName }) {
  const client = useDaemonClient();
  const catalogue = CATALOGUES[kind];
  const { document, prefill, problem, loading, arrival, chooseMain } = usePrefill(client, kind);
  const [state, setState] = useState<FormState>({});
  const [issues, setIssues] = useState<readonly FieldIssueView[]>([]);
  const [duplicates, setDuplicates] = useState<RegistryEntry[]>([]);
  const [saved, setSaved] = useState<Saved>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [attachments, setAttachments] = useState<PendingAttachment[]>([]);
  const fillsPortal = usePortalForm(arrival !== undefined, document?.url);
  useEffect(() => {
    setState(prefill ? toFormState(prefill.fields) : {});
    setAttachments([]);
    setEdited(new Set());
    setSaved(undefined);
    setDuplicates([]);
    setIssues([]);
  }, [prefill]);

  const save = async (allowDuplicate: boolean) => {
    const fields = toFieldObject(catalogue, state);
    const local = validateFields(catalogue, fields).issues;
    setIssues(local);
    setError(undefined);
    if (local.length > 0) return;
    setBusy(true);
    try {
      if (!allowDuplicate) {
        const { result } = await client.request('registry.check', {
          kind,
          fields,
          ...(prefill?.documentId ? { documentId: prefill.documentId } : {}),
        });
        setDuplicates(result.duplicates);
        if (result.issues.length > 0) return setIssues(result.issues);
        if (result.duplicates.length > 0) return;
      }
      const done = await saveRegistration(client, {
        kind,
        fields,
        document,
        documentId: prefill?.documentId,
        allowDuplicate,
        attachments,
        arrival,
      });
      setSaved(done);
      setAttachments([]);
      setDuplicates([]);
      setState(toFormState(done.entry.fields));
    } catch (e) {
      showFailure(e, { setIssues, setError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section data-testid={`register-${kind}`}>
      <h2 style={{ fontSize: 15, margin: '4px 0' }}>
        {say(
          `Vào sổ ${catalogue.title.toLocaleLowerCase('vi')}`,
          `Register ${catalogue.titleEn.toLocaleLowerCase('en')}`,
        )}
      </h2>
      {arrival ? (
        <p style={{ fontSize: 12 }} data-testid="chosen-arrival">
          {say(
            `Văn bản đến qua trục liên thông (số ${arrival.id})`,
            `Incoming document from the exchange axis (no. ${arrival.id})`,
          )}
        </p>
      ) : document ? (
        <p style={{ fontSize: 12 }} data-testid="chosen-document">
          {say('Văn bản:', 'Document:')} <strong>{document.name}</strong>
        </p>
      ) : (
        !loading && (
          <p style={{ fontSize: 12, color: '#6b7280' }}>
            {say(
              'Chọn một văn bản trên cổng (nhãn kiểm tra chữ ký cạnh liên kết PDF) để điền sẵn; hoặc nhập tay văn bản giấy.',
              'Choose a document on the portal (the signature badge beside a PDF link) to pre-fill; or type in a paper document.',
            )}
          </p>
        )
      )}
      {loading && <p>{say('Đang đọc văn bản…', 'Reading the document…')}</p>}
      {problem && (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {problem}
        </p>
      )}
      {prefill && prefill.signatures.length > 0 && (
        <ul data-testid="prefill-signatures" style={{ fontSize: 12, paddingLeft: 16 }}>
          {prefill.signatures.map((s) => (
            <li key={`${s.role}-${s.commonName}-${s.signingTime}`}>
              {s.commonName ?? say('Không rõ người ký', 'Unknown signer')}
              {s.organization ? ` (${s.organization})` : ''} — {INDICATION_TEXT[s.indication]}
              {s.signingTime ? `, ${formatVietnamDateTime(s.signingTime)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        <CatalogueForm
          catalogue={catalogue}
          state={state}
          onChange={(path, value) => {
            setState((s) => ({ ...s, [path]: value }));
            // A value the clerk typed no longer comes from the document.
            setEdited((e) => new Set(e).add(path.split('.')[0] ?? path));
          }}
          issues={issues}
          sources={Object.fromEntries(
            Object.entries(prefill?.sources ?? {}).filter(([tag]) => !edited.has(tag)),
          )}
          hidden={HIDDEN}
        />
        {kind === 'outgoing' && (
          <RecipientPicker
            client={client}
            onPick={(agency) => {
              const added = addRecipient(state, agency);
              setState(added.state);
              // An irregular axis code is added with its warning under the row.
              setIssues(added.issues);
            }}
          />
        )}
        {arrival ? (
          prefill?.arrivalFiles && (
            <ArrivalFiles files={prefill.arrivalFiles} disabled={busy || loading} onChooseMain={chooseMain} />
          )
        ) : (
          <AttachmentPicker
            items={attachments}
            disabled={busy}
            onChange={setAttachments}
            onAdd={(files) =>
              void addFiles(attachments, files).then(setAttachments, (e: unknown) =>
                setError(say(`Không đọc được tệp: ${String(e)}`, `Cannot read the file: ${String(e)}`)),
              )
            }
          />
        )}
        {duplicates.length > 0 && (
          <div
            role="alert"
            data-testid="duplicate-warning"
            style={{ background: '#fef3c7', padding: 6, margin: '6px 0' }}
          >
            <p style={{ margin: 0 }}>
              {say(
                'Văn bản có thể đã được vào sổ (trùng số, ký hiệu và cơ quan ban hành):',
                'This document may already be registered (same number, notation and issuing body):',
              )}
            </p>
            <ul style={{ margin: '4px 0', paddingLeft: 16 }}>
              {duplicates.map((d) => (
                <li key={d.id}>
                  {numberLabel(d.kind)} {d.number}/{d.year} — {String(d.fields['Subject'] ?? '')}
                </li>
              ))}
            </ul>
            <button type="button" disabled={busy} onClick={() => void save(true)}>
              {say('Vẫn vào sổ', 'Register anyway')}
            </button>
          </div>
        )}
        {error && (
          <p role="alert" style={{ color: '#b91c1c' }}>
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || loading} style={{ marginTop: 6 }}>
          {busy ? say('Đang lưu…', 'Saving…') : registerButtonText(fillsPortal)}
        </button>
      </form>
      {saved && (
        <p data-testid="registered" style={{ color: '#166534', fontWeight: 'bold' }}>
          {say('Đã vào sổ:', 'Registered:')} {numberLabel(kind)}{' '}
          {String(saved.entry.fields[NUMBER_TAG[kind]] ?? saved.entry.number)}
          {arrival
            ? ''
            : saved.filled === undefined
              ? say(
                  ' (không tìm thấy biểu mẫu của cổng để điền)',
                  " (the portal's form was not found to fill)",
                )
              : say(
                  ` — đã điền ${saved.filled.length} trường vào biểu mẫu của cổng`,
                  ` — filled ${saved.filled.length} fields of the portal's form`,
                )}
        </p>
      )}
      {saved && saved.notFilled.length > 0 && (
        <p data-testid="not-filled" role="alert" style={{ color: '#b45309' }}>
          {say(
            'Chưa điền được vào biểu mẫu của cổng (không có trường hoặc không có lựa chọn phù hợp):',
            "Not filled into the portal's form (no such field or no matching choice):",
          )}{' '}
          {saved.notFilled.map((tag) => fieldAt(catalogue, tag)?.label ?? tag).join(', ')}
        </p>
      )}
      {saved && <EntryFiles entry={saved.entry} />}
      {saved && <EntryLink entry={saved.entry} />}
      {saved && kind === 'outgoing' && <SendToAxis client={client} entry={saved.entry} />}
    </section>
  );
}
