import type { ExchangeRetryPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Puts failed or dead deliveries back in the queue now. */
export const exchangeRetryHandler = (office: Office): Handler<ExchangeRetryPayload> => ({
  async handle(payload, _ctx) {
    const exchange = office.exchange();
    const { service } = exchange;
    const id = service.queue.resolvePackageId(payload.packageId);
    const changed = service.queue.retry(id, payload.recipient);
    exchange.notify();
    return { result: { changed } };
  },
});
