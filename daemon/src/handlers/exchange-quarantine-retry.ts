import type { ExchangeQuarantineRetryPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/**
 * Handles a quarantined package again from its stored bytes (after an upgrade or a configuration
 * fix). Refused again is an answer, not an error: the package stays, with the new code and reason.
 */
export const exchangeQuarantineRetryHandler = (office: Office): Handler<ExchangeQuarantineRetryPayload> => ({
  async handle(payload, _ctx) {
    const exchange = office.exchange();
    const result = await exchange.service.retryQuarantined(payload.id);
    // A recorded document's receipt (01) is queued: let the worker send it now.
    exchange.notify();
    return { result };
  },
});
