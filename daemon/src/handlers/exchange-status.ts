import type { ExchangeStatusPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** The clerk's answer to an arrival: 02 with a reason, or 03–06. */
export const exchangeStatusHandler = (office: Office): Handler<ExchangeStatusPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    return { result: { packageId: service.sendStatus(payload.arrivalId, payload.code, payload.reason) } };
  },
});
