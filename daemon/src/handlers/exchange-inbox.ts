import type { ExchangeListPayload } from '@vanthu/shared/protocol/index';
import { toInboxView } from '../exchange/views.js';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Arrivals with their signature checks and receipt deadlines. */
export const exchangeInboxHandler = (office: Office): Handler<ExchangeListPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    return { result: { items: service.listInbox(payload.limit ?? 200).map(toInboxView) } };
  },
});
