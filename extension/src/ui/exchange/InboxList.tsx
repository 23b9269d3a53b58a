import { useState } from 'react';
import {
  ARRIVAL_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  formatTime,
  t,
  verificationSummaryText,
} from './labels.js';
import type { Lang } from '@vanthu/shared/errors/index';
import type { InboxItemView } from '@vanthu/shared/protocol/index';

export type ClerkStatus = '02' | '03' | '04' | '05' | '06';

export interface InboxListProps {
  items: InboxItemView[];
  lang: Lang;
  /** Send a status for an arrival; 02 (refusal) always comes with a reason. */
  onStatus(arrivalId: number, code: ClerkStatus, reason?: string): void;
  /** Answer a recall: accept (15, the copy is voided) or refuse (16). */
  onAnswerRecall(arrivalId: number, accept: boolean, reason?: string): void;
  /** Open the incoming book's form for an arrival not registered yet ("Vào sổ"). */
  onRegister?(arrivalId: number): void;
  busy?: boolean;
}

const ACTIVE = new Set(['arrived', 'registered', 'assigned', 'in_progress']);

function Verification({ item, lang }: { item: InboxItemView; lang: Lang }) {
  if (item.verification.length === 0) return <span>{t(lang, 'Không có tệp PDF', 'No PDF attached')}</span>;
  return (
    <span>
      {item.verification.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one entry per attachment, in order
        <span key={i} style={{ color: !v.performed ? '#b45309' : v.valid ? '#047857' : '#b91c1c' }}>
          {!v.performed
            ? t(lang, 'Chưa kiểm tra chữ ký', 'Signature not checked')
            : v.valid
              ? t(lang, 'Chữ ký hợp lệ', 'Signature valid')
              : t(lang, 'Chữ ký không hợp lệ', 'Signature invalid')}
          {v.summary ? ` (${verificationSummaryText(lang, v.summary)})` : ''}{' '}
        </span>
      ))}
    </span>
  );
}

function Actions({
  item,
  lang,
  onStatus,
  onAnswerRecall,
  onRegister,
  busy,
}: Omit<InboxListProps, 'items'> & { item: InboxItemView }) {
  // A package that cannot be used as sent is refused (02) with the defect as the proposed reason.
  const [refusing, setRefusing] = useState(Boolean(item.defect));
  const [reason, setReason] = useState(item.defect ?? '');
  if (item.state === 'recall_requested') {
    return (
      <div>
        <span>
          {t(lang, 'Lý do thu hồi', 'Recall reason')}: {item.recallReason ?? '—'}
        </span>{' '}
        <button type="button" disabled={busy} onClick={() => onAnswerRecall(item.id, true)}>
          {t(lang, 'Đồng ý thu hồi', 'Accept recall')}
        </button>{' '}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="recall-refusal-reason"
        />
        <button
          type="button"
          disabled={busy}
          onClick={() => onAnswerRecall(item.id, false, reason.trim() || undefined)}
        >
          {t(lang, 'Từ chối thu hồi', 'Refuse recall')}
        </button>
      </div>
    );
  }
  if (!ACTIVE.has(item.state)) return null;
  return (
    <div>
      {item.state === 'arrived' && onRegister && !item.defect && (
        <button type="button" disabled={busy} data-register={item.id} onClick={() => onRegister(item.id)}>
          {t(lang, 'Vào sổ', 'Register')}
        </button>
      )}
      {(item.defect ? [] : (['03', '04', '05', '06'] as const)).map((code) => (
        <button key={code} type="button" disabled={busy} onClick={() => onStatus(item.id, code)}>
          {STATUS_LABELS[code]![lang]}
        </button>
      ))}
      {item.state === 'arrived' &&
        (refusing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) onStatus(item.id, '02', reason.trim());
            }}
          >
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              aria-label="refusal-reason"
            />
            <button type="submit" disabled={busy || !reason.trim()}>
              {t(lang, 'Gửi từ chối', 'Send refusal')}
            </button>
          </form>
        ) : (
          <button type="button" disabled={busy} onClick={() => setRefusing(true)}>
            {STATUS_LABELS['02']![lang]}
          </button>
        ))}
    </div>
  );
}

/** Arrivals from the axis: deadline (overdue in red), signature check, state and the clerk's answers. */
export function InboxList({
  items,
  lang,
  onStatus,
  onAnswerRecall,
  onRegister,
  busy = false,
}: InboxListProps) {
  if (items.length === 0) return <p>{t(lang, 'Chưa có văn bản đến', 'No arrivals')}</p>;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((item) => (
        <li
          key={item.id}
          data-arrival={item.id}
          style={{ borderBottom: '1px solid #e5e7eb', padding: '6px 0' }}
        >
          <div>
            <strong>{item.code}</strong> · {item.subject}
            {item.priority > 0 && (
              <span style={{ color: '#b91c1c' }}> · {PRIORITY_LABELS[item.priority]?.[lang]}</span>
            )}
          </div>
          <div style={{ fontSize: 12, color: '#6b7280' }}>
            {item.from} · {formatTime(item.receivedAt)} · {ARRIVAL_LABELS[item.state][lang]}
            {item.bussinessDocType === 2 && ` · ${t(lang, 'bản cập nhật', 'update')}`}
            {item.bussinessDocType === 3 && ` · ${t(lang, 'văn bản thay thế', 'replacement')}`}
          </div>
          {item.deadline && (
            <div
              data-overdue={item.deadline.overdue}
              style={{ fontSize: 12, color: item.deadline.overdue ? '#b91c1c' : '#374151' }}
            >
              {item.deadline.overdue
                ? t(lang, 'QUÁ HẠN tiếp nhận', 'Receipt OVERDUE')
                : t(lang, 'Hạn tiếp nhận', 'Receipt due')}
              : {formatTime(item.deadline.dueAt)}
            </div>
          )}
          <div style={{ fontSize: 12 }}>
            <Verification item={item} lang={lang} />
          </div>
          {item.defect && (
            <div data-defect={item.id} style={{ fontSize: 12, color: '#b91c1c' }}>
              {t(
                lang,
                'Gói tin không dùng được, cần từ chối (02)',
                'Package unusable as sent, refuse it (02)',
              )}
              : {item.defect}
            </div>
          )}
          <Actions
            item={item}
            lang={lang}
            onStatus={onStatus}
            onAnswerRecall={onAnswerRecall}
            {...(onRegister ? { onRegister } : {})}
            busy={busy}
          />
        </li>
      ))}
    </ul>
  );
}
