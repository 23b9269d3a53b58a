import { type Outcome, OutcomeLine } from '../shared/Outcome.js';
import { toVanthuError } from '@vanthu/shared/errors/index';
import { useEffect, useMemo, useState } from 'react';
import { createBrowserClient } from '../../background/daemon/browser-client.js';
import { errorDetail, errorLine } from '../../i18n/errors.js';
import { say } from '../../i18n/language.js';
import { deliverToPortal } from '../signing/deliver.js';
import { type LoadedDraft, loadDraft, pdfNameOf } from './load-draft.js';

const params = new URLSearchParams(location.search);
const draftUrl = params.get('u') ?? '';
const tab = params.get('tab');
const tabId = tab === null ? undefined : Number(tab);

/** An error as the window says it: one line in the screen's language, the code behind "Chi tiết". */
function failure(e: unknown): Outcome {
  const error = toVanthuError(e);
  return { ok: false, text: errorLine(error), detail: errorDetail(error) };
}

/**
 * "Chuyển PDF" for one DOCX draft of the portal (Điều 9.5): the clerk confirms, the daemon converts it
 * with LibreOffice, and the PDF goes back to the portal as signed documents do (its upload input, else
 * a download).
 */
export function ConvertWindow() {
  const client = useMemo(() => createBrowserClient(), []);
  const [draft, setDraft] = useState<LoadedDraft>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  useEffect(() => {
    loadDraft(draftUrl).then(setDraft, (e: unknown) => setOutcome(failure(e)));
    return () => client.reset();
  }, [client]);

  const convert = async () => {
    if (!draft) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const answer = await client.request(
        'document.convert',
        { document: { bytes: draft.bytes.length } },
        { document: draft.bytes },
      );
      if (!answer.document) throw new Error('the daemon returned no document');
      const name = pdfNameOf(draft.name);
      const how = await deliverToPortal(tabId, name, answer.document);
      const { pdfVersion, pageCount } = answer.result;
      setOutcome({
        ok: true,
        text:
          how === 'uploaded'
            ? say(
                `Đã chuyển sang ${name} (PDF ${pdfVersion}, ${pageCount} trang, phông chữ đã nhúng) và đưa vào cổng.`,
                `Converted to ${name} (PDF ${pdfVersion}, ${pageCount} pages, fonts embedded) and put into the portal.`,
              )
            : say(
                `Đã chuyển sang ${name} (PDF ${pdfVersion}, ${pageCount} trang, phông chữ đã nhúng) và tải xuống.`,
                `Converted to ${name} (PDF ${pdfVersion}, ${pageCount} pages, fonts embedded) and downloaded.`,
              ),
      });
    } catch (e) {
      setOutcome(failure(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ padding: 16, maxWidth: 520 }}>
      <h1 style={{ fontSize: 18 }}>{say('Chuyển dự thảo sang PDF', 'Convert the draft to PDF')}</h1>
      <p data-testid="draft-name">{draft ? draft.name : say('Đang tải dự thảo…', 'Loading the draft…')}</p>
      <p className="vt-muted">
        {say(
          'Tệp DOCX được chuyển sang PDF (từ 1.4, nhúng phông chữ) bằng LibreOffice trên máy này.',
          'The DOCX file is converted to PDF (1.4 or later, fonts embedded) with LibreOffice on this computer.',
        )}
      </p>
      <p style={{ display: 'flex', gap: 8 }}>
        <button type="button" disabled={!draft || busy} onClick={() => void convert()}>
          {busy ? say('Đang chuyển…', 'Converting…') : say('Chuyển PDF', 'Convert to PDF')}
        </button>
        <button type="button" onClick={() => window.close()}>
          {say('Đóng', 'Close')}
        </button>
      </p>
      <OutcomeLine outcome={outcome} />
    </main>
  );
}
