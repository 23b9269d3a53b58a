import type { RecordsListPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

export const recordsListHandler = (office: Office): Handler<RecordsListPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    return { result: { records: await registry.records(payload.year) } };
  },
});
