import type { RegistryListPayload } from '@vanthu/shared/protocol/index';
import { markReceivedRecalls } from '../office/incoming.js';
import type { Office } from '../office/office.js';
import { deliveriesOf } from '../office/outgoing.js';
import type { Entry } from '../registry/types.js';
import type { Handler } from './context.js';

/** Whether this workstation exchanges documents (a paper-only office lists its books all the same). */
function exchanging(office: Office): boolean {
  try {
    office.exchange();
    return true;
  } catch {
    // Not configured, or its set-up is broken (logged at start): the books are listed without it.
    return false;
  }
}

/**
 * Entries of the books, in book order (at most 200 unless `limit` says otherwise). A sent outgoing
 * entry shows each recipient's delivery state; recalls received since the last inbox round are noted
 * first, so a recalled document is never listed as current.
 */
export const registryListHandler = (office: Office): Handler<RegistryListPayload> => ({
  async handle(payload, ctx) {
    const registry = await office.registry();
    const online = exchanging(office);
    if (online) await markReceivedRecalls(office, ctx.services.audit);
    const entries = await registry.list({ limit: 200, ...payload });
    const withDeliveries = (e: Entry) => {
      const deliveries = online && e.kind === 'outgoing' ? deliveriesOf({ office }, e) : [];
      return deliveries.length > 0 ? { ...e, deliveries } : e;
    };
    return { result: { entries: entries.map(withDeliveries) } };
  },
});
