import { useState } from 'react';
import { InboxList, type InboxListProps } from './InboxList.js';
import { t } from './labels.js';
import { OutboxList, type OutboxListProps } from './OutboxList.js';
import { QuarantineList } from './QuarantineList.js';
import type { Lang } from '@vanthu/shared/errors/index';
import type { InboxItemView, OutboxItemView, QuarantinedItemView } from '@vanthu/shared/protocol/index';

export interface ExchangePanelProps {
  lang: Lang;
  outbox: OutboxItemView[];
  inbox: InboxItemView[];
  /** Packages the inbox set aside, shown above the arrivals. */
  quarantined?: QuarantinedItemView[];
  onRetry: OutboxListProps['onRetry'];
  onCancel: OutboxListProps['onCancel'];
  onRecall: OutboxListProps['onRecall'];
  onRefuse: InboxListProps['onRefuse'];
  onAnswerRecall: InboxListProps['onAnswerRecall'];
  onRegister?: InboxListProps['onRegister'];
  onRetryQuarantined?(id: number): void;
  busy?: boolean;
  /** An error to show above the lists (already localised). */
  error?: string | null;
  /** The outcome of the last action, when it is news rather than an error (already localised). */
  notice?: string | null;
  initialTab?: 'inbox' | 'outbox';
}

/** Outbox/inbox panel of document exchange; the host fetches data and wires the actions to `exchange.*`. */
export function ExchangePanel(props: ExchangePanelProps) {
  const { lang } = props;
  const [tab, setTab] = useState<'inbox' | 'outbox'>(props.initialTab ?? 'inbox');
  const overdue = props.inbox.filter((i) => i.deadline?.overdue).length;
  const quarantined = props.quarantined ?? [];
  const dead = props.outbox.reduce((n, o) => n + o.deliveries.filter((d) => d.state === 'dead').length, 0);
  return (
    <section aria-label={t(lang, 'Liên thông văn bản', 'Document exchange')}>
      <div role="tablist" className="vt-tabs">
        <button type="button" role="tab" aria-selected={tab === 'inbox'} onClick={() => setTab('inbox')}>
          {t(lang, 'Văn bản đến', 'Inbox')} ({props.inbox.length})
          {overdue > 0 && ` · ${overdue} ${t(lang, 'quá hạn', 'overdue')}`}
          {quarantined.length > 0 && ` · ${quarantined.length} ${t(lang, 'bị cách ly', 'quarantined')}`}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'outbox'} onClick={() => setTab('outbox')}>
          {t(lang, 'Văn bản đi', 'Outbox')} ({props.outbox.length})
          {dead > 0 && ` · ${dead} ${t(lang, 'lỗi', 'failed')}`}
        </button>
      </div>
      {props.error && (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {props.error}
        </p>
      )}
      {props.notice && <p role="status">{props.notice}</p>}
      {tab === 'inbox' && props.onRetryQuarantined && (
        <QuarantineList
          items={quarantined}
          lang={lang}
          onRetry={props.onRetryQuarantined}
          busy={props.busy ?? false}
        />
      )}
      {tab === 'inbox' ? (
        <InboxList
          items={props.inbox}
          lang={lang}
          onRefuse={props.onRefuse}
          onAnswerRecall={props.onAnswerRecall}
          {...(props.onRegister ? { onRegister: props.onRegister } : {})}
          busy={props.busy ?? false}
        />
      ) : (
        <OutboxList
          items={props.outbox}
          lang={lang}
          onRetry={props.onRetry}
          onCancel={props.onCancel}
          onRecall={props.onRecall}
          busy={props.busy ?? false}
        />
      )}
    </section>
  );
}
