import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import type { DaemonClient } from '../../../background/daemon/client.js';
import { say } from '../../../i18n/language.js';
import { useAgencyNames } from './useAgencyNames.js';
import { deliveryText, receiverText } from './labels.js';

const REFUSED = new Set(['02', '16']);

/** Nơi nhận of a sent outgoing entry: each recipient's delivery and the last answer it gave. */
export function Deliveries({ client, entry }: { client: DaemonClient; entry: RegistryEntry }) {
  const deliveries = entry.deliveries ?? [];
  const names = useAgencyNames(
    client,
    deliveries.map((d) => d.recipient),
  );
  if (deliveries.length === 0) return null;
  return (
    <div data-testid="deliveries" style={{ margin: '6px 0' }}>
      <strong style={{ fontSize: 12 }}>
        {say('Tình trạng gửi đến từng nơi nhận', 'Delivery to each recipient')}
      </strong>
      <ul style={{ listStyle: 'none', padding: 0, margin: '2px 0', fontSize: 12 }}>
        {deliveries.map((d) => {
          const answer = d.receiverStatus ? receiverText(d.receiverStatus) : undefined;
          return (
            <li
              key={d.recipient}
              data-recipient={d.recipient}
              data-state={d.state}
              data-status={d.receiverStatus ?? undefined}
              style={{ overflowWrap: 'anywhere' }}
            >
              {names.get(d.recipient) ?? d.recipient}: {deliveryText(d.state)}
              {answer && (
                <span className={d.receiverStatus && REFUSED.has(d.receiverStatus) ? 'vt-bad' : 'vt-ok'}>
                  {' '}
                  · {answer}
                </span>
              )}
              {d.receiverStatusDescription && (
                <span className="vt-muted"> — {d.receiverStatusDescription}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
