import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import { say } from '../../../i18n/language.js';

/** States an entry can be recalled from (a reserved or voided number has no document to recall). */
const RECALLABLE = new Set(['registered', 'assigned', 'in_progress', 'done', 'issued']);

/**
 * Thu hồi an outgoing entry, with its reason: every recipient it was sent to gets the recall (13) and
 * the entry is marked; it keeps its number in the book.
 */
export function RecallForm({
  entry,
  busy,
  onRecall,
}: {
  entry: RegistryEntry;
  busy: boolean;
  onRecall(reason: string): void;
}) {
  const [reason, setReason] = useState('');
  if (entry.kind !== 'outgoing' || !RECALLABLE.has(entry.state)) return null;
  return (
    <details style={{ margin: '6px 0' }}>
      <summary>{say('Thu hồi văn bản', 'Recall the document')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onRecall(reason.trim());
        }}
      >
        <input
          aria-label={say('Lý do thu hồi', 'Reason for the recall')}
          placeholder={say('Lý do thu hồi', 'Reason for the recall')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: '100%', boxSizing: 'border-box', margin: '4px 0' }}
        />
        <button type="submit" disabled={busy || !reason.trim()}>
          {say('Gửi yêu cầu thu hồi', 'Send the recall')}
        </button>
      </form>
    </details>
  );
}
