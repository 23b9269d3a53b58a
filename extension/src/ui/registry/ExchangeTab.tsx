import { toVanthuError } from '@vanthu/shared/errors/index';
import type { InboxItemView, OutboxItemView, QuarantinedItemView } from '@vanthu/shared/protocol/index';
import { useCallback, useEffect, useState } from 'react';
import { errorLine } from '../../i18n/errors.js';
import { ExchangePanel } from '../exchange/ExchangePanel.js';
import { quarantineRetryText } from '../exchange/labels.js';
import { openArrival } from './arrival.js';
import { useDaemonClient } from './useDaemonClient.js';
import { uiLanguage } from '../../i18n/language.js';

const REFRESH_MS = 5_000;

/** Liên thông: the exchange panel fed from the daemon's outbox and inbox, its actions sent as exchange.* requests. */
export function ExchangeTab() {
  const client = useDaemonClient();
  const [outbox, setOutbox] = useState<OutboxItemView[]>([]);
  const [inbox, setInbox] = useState<InboxItemView[]>([]);
  const [quarantined, setQuarantined] = useState<QuarantinedItemView[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async () => {
    const [o, i] = await Promise.all([
      client.request('exchange.outbox', {}),
      client.request('exchange.inbox', {}),
    ]);
    setOutbox(o.result.items);
    setInbox(i.result.items);
    setQuarantined(i.result.quarantined ?? []);
  }, [client]);
  const act = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setNotice(null);
      try {
        await action();
        await refresh();
        setError(null);
      } catch (e) {
        setError(errorLine(toVanthuError(e)));
      } finally {
        setBusy(false);
      }
    },
    [refresh],
  );
  useEffect(() => {
    void act(async () => {});
    const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
    return () => clearInterval(timer);
  }, [act, refresh]);
  return (
    <div data-testid="exchange">
      <ExchangePanel
        lang={uiLanguage()}
        outbox={outbox}
        inbox={inbox}
        quarantined={quarantined}
        busy={busy}
        error={error}
        notice={notice}
        initialTab="outbox"
        onRetry={(packageId, recipient) =>
          void act(() => client.request('exchange.retry', { packageId, ...(recipient ? { recipient } : {}) }))
        }
        onCancel={(packageId, recipient) =>
          void act(() =>
            client.request('exchange.cancel', { packageId, ...(recipient ? { recipient } : {}) }),
          )
        }
        onRecall={(documentId, reason) =>
          void act(() => client.request('exchange.recall', { documentId, reason }))
        }
        onRefuse={(arrivalId, reason) =>
          void act(() => client.request('exchange.status', { arrivalId, code: '02', reason }))
        }
        onRegister={openArrival}
        onRetryQuarantined={(id) =>
          void act(async () => {
            const r = await client.request('exchange.quarantineRetry', { id });
            setNotice(quarantineRetryText(uiLanguage(), id, r.result));
          })
        }
        onAnswerRecall={(arrivalId, accept, reason) =>
          void act(() =>
            client.request('exchange.recallAnswer', { arrivalId, accept, ...(reason ? { reason } : {}) }),
          )
        }
      />
    </div>
  );
}
