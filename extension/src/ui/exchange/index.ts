export { ExchangePanel, type ExchangePanelProps } from './ExchangePanel.js';
export { OutboxList, type OutboxListProps } from './OutboxList.js';
export { InboxList, type InboxListProps } from './InboxList.js';
export { type ArrivalAction, arrivalActions } from './arrival-actions.js';
export { QuarantineList, type QuarantineListProps } from './QuarantineList.js';
export { DeliveryBadge, type DeliveryBadgeProps } from './DeliveryBadge.js';
export type {
  ArrivalState,
  DeliveryState,
  InboxItemView,
  OutboxItemView,
  QuarantinedItemView,
} from '@vanthu/shared/protocol/index';
