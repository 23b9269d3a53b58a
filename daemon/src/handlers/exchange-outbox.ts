import type { ExchangeListPayload } from '@vanthu/shared/protocol/index';
import { toOutboxView } from '../exchange/views.js';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Outgoing packages, newest first, with each recipient's delivery state and last status. */
export const exchangeOutboxHandler = (office: Office): Handler<ExchangeListPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    return { result: { items: service.queue.list({ limit: payload.limit ?? 100 }).map(toOutboxView) } };
  },
});
