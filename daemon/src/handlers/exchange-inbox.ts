import type { ExchangeListPayload } from '@vanthu/shared/protocol/index';
import { toInboxView, toQuarantinedView } from '../exchange/views.js';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Arrivals with their signature checks and receipt deadlines, and the packages set aside. */
export const exchangeInboxHandler = (office: Office): Handler<ExchangeListPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    const limit = payload.limit ?? 200;
    return {
      result: {
        items: service.listInbox(limit).map(toInboxView),
        quarantined: service.quarantine.list(limit).map(toQuarantinedView),
      },
    };
  },
});
