export * as edxml from './edxml/index.js';
export * from './axis/index.js';
export * from './queue/index.js';
export { ExchangeService, type ExchangeOptions, type PollResult } from './service.js';
export { createExchangeService } from './bootstrap.js';
export { loadExchangeConfig, type ExchangeConfig } from './config.js';
export { InboxStore, type Arrival, type ArrivalState } from './inbox/store.js';
export {
  deadlineState,
  receiptDeadline,
  isWorkingDay,
  type WorkingCalendar,
  type DeadlineState,
} from './inbox/deadlines.js';
export {
  type ArrivalVerifier,
  type ArrivalVerification,
  verificationNotPerformed,
} from './inbox/verifier.js';
export { toInboxView, toOutboxView, type InboxView, type OutboxView } from './views.js';
