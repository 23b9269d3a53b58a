import type { InboxItemView } from '@vanthu/shared/protocol/index';
import { useState } from 'react';
import { say } from '../../../i18n/language.js';

/**
 * The sender asked for the document back (13): the clerk agrees (15, the copy is void) or refuses
 * (16); a refusal needs its reason, an agreement may carry one.
 */
export function RecallAnswer({
  arrival,
  busy,
  onAnswer,
}: {
  arrival: InboxItemView;
  busy: boolean;
  onAnswer(accept: boolean, reason: string | undefined): void;
}) {
  const [reason, setReason] = useState('');
  if (arrival.state !== 'recall_requested') return null;
  const trimmed = reason.trim();
  return (
    <div data-testid="recall-answer" className="vt-banner unknown" style={{ display: 'block' }}>
      <p style={{ margin: 0 }}>
        {say('Nơi gửi đề nghị thu hồi văn bản này', 'The sender asks for this document back')}
        {arrival.recallReason ? `: ${arrival.recallReason}` : ''}
      </p>
      <input
        aria-label={say('Lý do trả lời thu hồi', 'Reason for the answer')}
        placeholder={say('Lý do (bắt buộc khi không đồng ý)', 'Reason (required to refuse)')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        style={{ width: '100%', boxSizing: 'border-box', margin: '4px 0', fontWeight: 'normal' }}
      />
      <div style={{ display: 'flex', gap: 4 }}>
        <button type="button" disabled={busy} onClick={() => onAnswer(true, trimmed || undefined)}>
          {say('Đồng ý thu hồi', 'Accept the recall')}
        </button>
        <button type="button" disabled={busy || !trimmed} onClick={() => onAnswer(false, trimmed)}>
          {say('Không đồng ý thu hồi', 'Refuse the recall')}
        </button>
      </div>
    </div>
  );
}
