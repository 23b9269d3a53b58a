import type { Lang } from '@vanthu/shared/errors/index';
import type { QuarantinedItemView } from '@vanthu/shared/protocol/index';
import { codeTitle, formatTime, t } from './labels.js';

export interface QuarantineListProps {
  items: QuarantinedItemView[];
  lang: Lang;
  /** Handle a package again from its stored bytes (after an upgrade or a configuration fix). */
  onRetry(id: number): void;
  busy?: boolean;
}

const kib = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * Packages the inbox set aside (acknowledged to the axis as failed, bytes kept): the sender, when and
 * why, and "Xử lý lại" for the clerk once the cause is fixed. Nothing here is lost or dropped.
 */
export function QuarantineList({ items, lang, onRetry, busy = false }: QuarantineListProps) {
  if (items.length === 0) return null;
  return (
    <section
      aria-label={t(lang, 'Gói tin bị cách ly', 'Quarantined packages')}
      style={{ border: '1px solid #fca5a5', background: '#fef2f2', padding: 6, marginBottom: 8 }}
    >
      <strong>
        {t(lang, 'Gói tin bị cách ly', 'Quarantined packages')} ({items.length})
      </strong>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((q) => (
          <li key={q.id} data-quarantined={q.id} style={{ padding: '4px 0', fontSize: 12 }}>
            <div>
              Q{q.id} · {q.from} · {formatTime(q.at)} ·{' '}
              {q.messageType === 'status' ? t(lang, 'trạng thái', 'status') : t(lang, 'văn bản', 'document')}{' '}
              · {kib(q.size)}
            </div>
            <div style={{ color: '#b91c1c' }}>
              {codeTitle(lang, q.code)} — {q.reason}
            </div>
            {q.retryable ? (
              <button
                type="button"
                disabled={busy}
                data-retry-quarantined={q.id}
                onClick={() => onRetry(q.id)}
              >
                {t(lang, 'Xử lý lại', 'Handle again')}
              </button>
            ) : (
              <span>
                {t(
                  lang,
                  'Nội dung không được lưu (văn bản mật), không thể xử lý lại',
                  'Content not kept (secret document), cannot be handled again',
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
