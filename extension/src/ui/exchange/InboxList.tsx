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
import { entryHash } from '../registry/entry/entry-hash.js';
import { arrivalActions } from './arrival-actions.js';

export interface InboxListProps {
  items: InboxItemView[];
  lang: Lang;
  /** Refuse an arrival not registered yet (02), always with a reason. */
  onRefuse(arrivalId: number, reason: string): void;
  /** Answer a recall: accept (15, the copy is voided) or refuse (16). */
  onAnswerRecall(arrivalId: number, accept: boolean, reason?: string): void;
  /** Open the incoming book's form for an arrival not registered yet ("Vào sổ"). */
  onRegister?(arrivalId: number): void;
  busy?: boolean;
}

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

function RefuseForm({
  item,
  lang,
  onRefuse,
  busy,
}: Pick<InboxListProps, 'lang' | 'onRefuse' | 'busy'> & { item: InboxItemView }) {
  // A package that cannot be used as sent is refused (02) with the defect as the proposed reason.
  const [refusing, setRefusing] = useState(Boolean(item.defect));
  const [reason, setReason] = useState(item.defect ?? '');
  if (!refusing)
    return (
      <button type="button" disabled={busy} data-refuse={item.id} onClick={() => setRefusing(true)}>
        {STATUS_LABELS['02']![lang]}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onRefuse(item.id, reason.trim());
      }}
    >
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        aria-label={t(lang, 'Lý do từ chối tiếp nhận', 'Reason for refusing')}
        placeholder={t(lang, 'Lý do từ chối tiếp nhận', 'Reason for refusing')}
      />
      <button type="submit" disabled={busy || !reason.trim()}>
        {t(lang, 'Gửi từ chối', 'Send refusal')}
      </button>
    </form>
  );
}

function RecallAnswer({
  item,
  lang,
  onAnswerRecall,
  busy,
}: Pick<InboxListProps, 'lang' | 'onAnswerRecall' | 'busy'> & { item: InboxItemView }) {
  const [reason, setReason] = useState('');
  return (
    <div>
      <span>
        {t(lang, 'Lý do thu hồi', 'Recall reason')}: {item.recallReason ?? '—'}
      </span>{' '}
      <button type="button" disabled={busy} onClick={() => onAnswerRecall(item.id, true)}>
        {t(lang, 'Đồng ý thu hồi', 'Accept recall')}
      </button>{' '}
      <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="recall-refusal-reason" />
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

/** Only what the office workflow allows on the arrival now (arrival-actions.ts). */
function Actions(props: Omit<InboxListProps, 'items'> & { item: InboxItemView }) {
  const { item, lang, onRegister, busy } = props;
  const actions = arrivalActions(item, onRegister !== undefined);
  if (actions.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
      {actions.includes('answerRecall') && <RecallAnswer {...props} />}
      {actions.includes('register') && onRegister && (
        <button type="button" disabled={busy} data-register={item.id} onClick={() => onRegister(item.id)}>
          {t(lang, 'Vào sổ', 'Register')}
        </button>
      )}
      {actions.includes('refuse') && <RefuseForm {...props} />}
      {actions.includes('openEntry') && item.entryId && (
        <a href={`#${entryHash('incoming', item.entryId)}`} data-open-entry={item.entryId}>
          {t(
            lang,
            'Mở văn bản đã vào sổ (phân công, xử lý)',
            'Open the registered document (assign, handle)',
          )}
        </a>
      )}
    </div>
  );
}

/** Arrivals from the axis: deadline (overdue in red), signature check, state and the clerk's answers. */
export function InboxList({
  items,
  lang,
  onRefuse,
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
            onRefuse={onRefuse}
            onAnswerRecall={onAnswerRecall}
            {...(onRegister ? { onRegister } : {})}
            busy={busy}
          />
        </li>
      ))}
    </ul>
  );
}
