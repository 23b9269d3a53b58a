import type { ArrivalState, ExchangeListPayload } from '@vanthu/shared/protocol/index';
import { type InboxView, toInboxView, toQuarantinedView } from '../exchange/views.js';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Arrival states reached through the register: the entry's page holds what comes next. */
const REGISTERED = new Set<ArrivalState>(['registered', 'assigned', 'in_progress', 'finished']);

/**
 * Arrivals with their signature checks and receipt deadlines, a registered one with its register
 * entry, and the packages set aside. An exchange-only workstation (no register) lists no entries.
 */
export const exchangeInboxHandler = (office: Office): Handler<ExchangeListPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    const limit = payload.limit ?? 200;
    const arrivals = service.listInbox(limit);
    const registry = await office.registry().catch(() => undefined);
    const entries =
      (await registry?.entryIdsOfArrivals(
        arrivals.filter((a) => REGISTERED.has(a.state)).map((a) => a.id),
      )) ?? new Map<number, string>();
    const items: Array<InboxView & { entryId?: string }> = arrivals.map((a) => {
      const entryId = entries.get(a.id);
      return { ...toInboxView(a), ...(entryId ? { entryId } : {}) };
    });
    return {
      result: { items, quarantined: service.quarantine.list(limit).map(toQuarantinedView) },
    };
  },
});
