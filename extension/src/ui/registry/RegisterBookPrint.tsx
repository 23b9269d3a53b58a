import type { RegistryReportPayload } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import type { DaemonClient } from '../../background/daemon/client.js';
import { downloadPdf } from '../../dom/download.js';
import { say } from '../../i18n/language.js';
import { requestError } from './request-error.js';

/**
 * "In sổ": the printed book of the chosen book and year, the very PDF `vanthu report` writes
 * (registry.report), opened in the browser's PDF viewer (which prints it) or saved as a file.
 */
export function RegisterBookPrint({ client, book }: { client: DaemonClient; book: RegistryReportPayload }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [printed, setPrinted] = useState<string>();
  const fetchBook = async (then: (bytes: Uint8Array<ArrayBuffer>, name: string) => void) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await client.request('registry.report', book);
      if (!answer.document) throw new Error('registry.report returned no document');
      then(answer.document, answer.result.name);
      setPrinted(
        say(
          `${answer.result.rows} văn bản, ${answer.result.pages} trang`,
          `${answer.result.rows} entries, ${answer.result.pages} pages`,
        ),
      );
    } catch (e) {
      setError(requestError(e).line);
    } finally {
      setBusy(false);
    }
  };
  const open = (bytes: Uint8Array<ArrayBuffer>) => {
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    window.open(url, '_blank', 'noopener');
    // The viewer has read it by then.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <div data-testid="book-print" style={{ display: 'flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
      <button type="button" disabled={busy} onClick={() => void fetchBook(open)}>
        {say('In sổ', 'Print the book')}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => void fetchBook((bytes, name) => downloadPdf(document, bytes, name))}
      >
        {say('Tải PDF', 'Download PDF')}
      </button>
      {printed && (
        <span className="vt-muted" data-testid="book-printed">
          {printed}
        </span>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  );
}
