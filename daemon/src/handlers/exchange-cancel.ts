import type { ExchangeCancelPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Cancels deliveries that have not reached the axis yet. */
export const exchangeCancelHandler = (office: Office): Handler<ExchangeCancelPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    const id = service.queue.resolvePackageId(payload.packageId);
    return { result: { changed: service.queue.cancel(id, payload.recipient) } };
  },
});
