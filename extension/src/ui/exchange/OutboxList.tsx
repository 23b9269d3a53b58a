import { useState } from 'react';
import { DeliveryBadge } from './DeliveryBadge.js';
import { STATUS_LABELS, formatTime, t } from './labels.js';
import type { Lang } from '@vanthu/shared/errors/index';
import type { OutboxItemView } from '@vanthu/shared/protocol/index';

export interface OutboxListProps {
  items: OutboxItemView[];
  lang: Lang;
  /** Put dead/failed deliveries back in the queue (all of the package, or one recipient). */
  onRetry(packageId: string, recipient?: string): void;
  /** Stop deliveries that have not reached the axis. */
  onCancel(packageId: string, recipient?: string): void;
  /** Recall an issued document (status 13 to its recipients); a reason is required. */
  onRecall(documentId: string, reason: string): void;
  /** Disable actions while a request is in flight. */
  busy?: boolean;
}

const canRecall = (item: OutboxItemView) =>
  item.messageType === 'edoc' &&
  !item.frozen &&
  item.documentId !== null &&
  item.deliveries.some((d) => d.state === 'sent' || d.state === 'delivered' || d.state === 'acknowledged');

function RecallForm({
  lang,
  onSubmit,
  onClose,
}: {
  lang: Lang;
  onSubmit(reason: string): void;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSubmit(reason.trim());
      }}
    >
      <label>
        {t(lang, 'Lý do thu hồi', 'Reason for the recall')}{' '}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          aria-label="recall-reason"
        />
      </label>{' '}
      <button type="submit" disabled={!reason.trim()}>
        {t(lang, 'Gửi yêu cầu thu hồi', 'Send recall')}
      </button>{' '}
      <button type="button" onClick={onClose}>
        {t(lang, 'Bỏ qua', 'Cancel')}
      </button>
    </form>
  );
}

/** Outgoing packages with one line per recipient: state, attempts, reasons, retry/cancel/recall. */
export function OutboxList({ items, lang, onRetry, onCancel, onRecall, busy = false }: OutboxListProps) {
  const [recalling, setRecalling] = useState<string | null>(null);
  if (items.length === 0) return <p>{t(lang, 'Chưa có văn bản gửi đi', 'Nothing sent yet')}</p>;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li
          key={item.packageId}
          data-package={item.packageId}
          style={{ borderBottom: '1px solid #e5e7eb', padding: '6px 0' }}
        >
          <div>
            <strong>
              {item.messageType === 'status'
                ? `${t(lang, 'Trạng thái', 'Status')} ${item.statusCode ?? ''} ${item.statusCode ? (STATUS_LABELS[item.statusCode]?.[lang] ?? '') : ''}`
                : (item.subject ?? item.documentId)}
            </strong>
            {item.frozen && <span style={{ color: '#b91c1c' }}> · {t(lang, 'đã thu hồi', 'recalled')}</span>}
            <div style={{ fontSize: 12, color: '#6b7280' }}>
              {item.documentId} · {formatTime(item.createdAt)}
            </div>
          </div>
          <ul style={{ listStyle: 'none', paddingLeft: 12 }}>
            {item.deliveries.map((d) => (
              <li key={d.recipient} data-recipient={d.recipient}>
                {d.recipient} <DeliveryBadge state={d.state} receiverStatus={d.receiverStatus} lang={lang} />
                {d.attempts > 1 && (
                  <span style={{ fontSize: 12 }}>
                    {' '}
                    · {t(lang, 'lần gửi', 'attempts')}: {d.attempts}
                  </span>
                )}
                {d.state === 'failed' && d.nextAttemptAt !== undefined && (
                  <span style={{ fontSize: 12 }}>
                    {' '}
                    · {t(lang, 'thử lại lúc', 'retry at')} {formatTime(d.nextAttemptAt)}
                  </span>
                )}
                {(d.deadReason || d.receiverStatusDescription) && (
                  <div style={{ fontSize: 12, color: '#b91c1c' }}>
                    {d.deadReason ?? d.receiverStatusDescription}
                  </div>
                )}
                {(d.state === 'dead' || d.state === 'failed') && (
                  <button type="button" disabled={busy} onClick={() => onRetry(item.packageId, d.recipient)}>
                    {t(lang, 'Gửi lại', 'Retry')}
                  </button>
                )}
                {(d.state === 'queued' || d.state === 'failed' || d.state === 'dead') && (
                  <button type="button" disabled={busy} onClick={() => onCancel(item.packageId, d.recipient)}>
                    {t(lang, 'Hủy gửi', 'Cancel')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {canRecall(item) &&
            (recalling === item.packageId ? (
              <RecallForm
                lang={lang}
                onClose={() => setRecalling(null)}
                onSubmit={(reason) => {
                  setRecalling(null);
                  onRecall(item.documentId!, reason);
                }}
              />
            ) : (
              <button type="button" disabled={busy} onClick={() => setRecalling(item.packageId)}>
                {t(lang, 'Thu hồi văn bản', 'Recall document')}
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}
