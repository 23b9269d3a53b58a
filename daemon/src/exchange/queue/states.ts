import { VanthuError } from '@vanthu/shared/errors/index';
import { DELIVERY_STATES } from '@vanthu/shared/protocol/index';

/**
 * Life of one package for one recipient:
 *   queued → sending → sent → delivered (receiver's 01) → acknowledged (03–06, 02, 15, 16)
 *   sending → failed (retryable; waits for its backoff, then is claimed again) → sending …
 *   sending|failed → dead (permanent error or attempts exhausted; kept with its reason)
 *   sending → queued (the process died mid-send; re-sent with the same idempotency key)
 *   queued|failed|dead → cancelled (by the clerk); dead|failed → queued (clerk's retry)
 *   queued|failed|dead → sent (a status from the receiver proves an earlier attempt arrived)
 */
export { DELIVERY_STATES };
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const TRANSITIONS: Record<DeliveryState, readonly DeliveryState[]> = {
  queued: ['sending', 'cancelled', 'sent'],
  sending: ['sent', 'failed', 'dead', 'queued'],
  sent: ['delivered', 'acknowledged'],
  delivered: ['acknowledged'],
  acknowledged: ['acknowledged'],
  failed: ['sending', 'queued', 'dead', 'cancelled', 'sent'],
  dead: ['queued', 'cancelled', 'sent'],
  cancelled: [],
};

export function canTransition(from: DeliveryState, to: DeliveryState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: DeliveryState, to: DeliveryState): void {
  if (!canTransition(from, to)) throw new VanthuError('QUEUE_STATE', `${from} → ${to}`, { from, to });
}

/** States the worker will never touch again without the clerk. */
export const FINAL_STATES: readonly DeliveryState[] = ['acknowledged', 'dead', 'cancelled'];

export const STATE_LABELS: Record<DeliveryState, { vi: string; en: string }> = {
  queued: { vi: 'Chờ gửi', en: 'Queued' },
  sending: { vi: 'Đang gửi', en: 'Sending' },
  sent: { vi: 'Đã gửi lên trục', en: 'Sent' },
  delivered: { vi: 'Đã đến nơi nhận', en: 'Delivered' },
  acknowledged: { vi: 'Nơi nhận đã phản hồi', en: 'Acknowledged' },
  failed: { vi: 'Lỗi, sẽ thử lại', en: 'Failed, will retry' },
  dead: { vi: 'Không gửi được', en: 'Dead' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};
