import type { DaemonRequestType } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import { exchangeAgenciesHandler } from './exchange-agencies.js';
import { exchangeCancelHandler } from './exchange-cancel.js';
import { exchangeInboxHandler } from './exchange-inbox.js';
import { exchangeOutboxHandler } from './exchange-outbox.js';
import { exchangeRecallHandler } from './exchange-recall.js';
import { exchangeRecallAnswerHandler } from './exchange-recall-answer.js';
import { exchangeQuarantineRetryHandler } from './exchange-quarantine-retry.js';
import { exchangeRetryHandler } from './exchange-retry.js';
import { exchangeSendHandler } from './exchange-send.js';
import { exchangeStatusHandler } from './exchange-status.js';
import type { Office } from '../office/office.js';
import { recordsAddHandler } from './records-add.js';
import { recordsCloseHandler } from './records-close.js';
import { recordsCreateHandler } from './records-create.js';
import { recordsListHandler } from './records-list.js';
import { registryAssignHandler } from './registry-assign.js';
import { registryCheckHandler } from './registry-check.js';
import { registryListHandler } from './registry-list.js';
import { registryPrefillHandler } from './registry-prefill.js';
import { registryRecallHandler } from './registry-recall.js';
import { registryRegisterHandler } from './registry-register.js';
import { registryReleaseHandler } from './registry-release.js';
import { registryReportHandler } from './registry-report.js';
import { registryReserveHandler } from './registry-reserve.js';

type OfficeRequestType = Extract<
  DaemonRequestType,
  `registry.${string}` | `records.${string}` | `exchange.${string}`
>;

/** The registration, records and exchange request types, served from the agency's registry and axis. */
export function officeHandlers(office: Office): Record<OfficeRequestType, Handler<never>> {
  return {
    'registry.register': registryRegisterHandler(office),
    'registry.check': registryCheckHandler(office),
    'registry.list': registryListHandler(office),
    'registry.assign': registryAssignHandler(office),
    'registry.recall': registryRecallHandler(office),
    'registry.reserve': registryReserveHandler(office),
    'registry.release': registryReleaseHandler(office),
    'registry.report': registryReportHandler(office),
    'registry.prefill': registryPrefillHandler(office),
    'records.list': recordsListHandler(office),
    'records.create': recordsCreateHandler(office),
    'records.add': recordsAddHandler(office),
    'records.close': recordsCloseHandler(office),
    'exchange.outbox': exchangeOutboxHandler(office),
    'exchange.inbox': exchangeInboxHandler(office),
    'exchange.send': exchangeSendHandler(office),
    'exchange.retry': exchangeRetryHandler(office),
    'exchange.quarantineRetry': exchangeQuarantineRetryHandler(office),
    'exchange.cancel': exchangeCancelHandler(office),
    'exchange.recall': exchangeRecallHandler(office),
    'exchange.status': exchangeStatusHandler(office),
    'exchange.recallAnswer': exchangeRecallAnswerHandler(office),
    'exchange.agencies': exchangeAgenciesHandler(office),
  };
}
