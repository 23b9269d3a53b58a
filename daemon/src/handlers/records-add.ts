import type { RecordsAddPayload } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { fileEntry } from '../office/records.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** Files an entry into an open record; DocTotal and PageTotal follow. */
export const recordsAddHandler = (office: Office): Handler<RecordsAddPayload> => ({
  async handle(payload, ctx) {
    return { result: { record: await fileEntry(actorOf(office, ctx), payload.entryId, payload.record) } };
  },
});
