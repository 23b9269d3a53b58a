import { DELIVERY_LABELS, STATUS_LABELS } from './labels.js';
import type { Lang } from '@vanthu/shared/errors/index';
import type { DeliveryState } from '@vanthu/shared/protocol/index';

const COLORS: Record<DeliveryState, string> = {
  queued: '#6b7280',
  sending: '#2563eb',
  sent: '#2563eb',
  delivered: '#047857',
  acknowledged: '#047857',
  failed: '#b45309',
  dead: '#b91c1c',
  cancelled: '#6b7280',
};

export interface DeliveryBadgeProps {
  state: DeliveryState;
  /** Last business status from the recipient (01–06, 15, 16), shown instead of the transport state. */
  receiverStatus?: string | null | undefined;
  lang: Lang;
}

/** One recipient's state: the recipient's business status when there is one, else the transport state. */
export function DeliveryBadge({ state, receiverStatus, lang }: DeliveryBadgeProps) {
  const status = receiverStatus ? STATUS_LABELS[receiverStatus] : undefined;
  const refused = receiverStatus === '02' || receiverStatus === '16';
  const color = refused ? '#b91c1c' : COLORS[state];
  const text = status ? `${receiverStatus} · ${status[lang]}` : DELIVERY_LABELS[state][lang];
  return (
    <span
      data-state={state}
      data-status={receiverStatus ?? undefined}
      style={{
        border: `1px solid ${color}`,
        color,
        borderRadius: 4,
        padding: '0 4px',
        fontSize: 12,
        whiteSpace: 'nowrap',
      }}
    >
      {text}
    </span>
  );
}
