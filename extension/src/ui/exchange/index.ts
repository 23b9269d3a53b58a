export { ExchangePanel, type ExchangePanelProps } from './ExchangePanel.js';
export { OutboxList, type OutboxListProps } from './OutboxList.js';
export { InboxList, type InboxListProps, type ClerkStatus } from './InboxList.js';
export { QuarantineList, type QuarantineListProps } from './QuarantineList.js';
export { DeliveryBadge, type DeliveryBadgeProps } from './DeliveryBadge.js';
export type {
  ArrivalState,
  DeliveryState,
  InboxItemView,
  OutboxItemView,
  QuarantinedItemView,
} from '@vanthu/shared/protocol/index';
