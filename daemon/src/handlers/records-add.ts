import type { RecordsAddPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Files an entry into an open record; DocTotal and PageTotal follow. */
export const recordsAddHandler = (office: Office): Handler<RecordsAddPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    return { result: { record: await registry.addToRecord(payload.record, payload.entryId) } };
  },
});
