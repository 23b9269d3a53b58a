import type { RecordsClosePayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

export const recordsCloseHandler = (office: Office): Handler<RecordsClosePayload> => ({
  async handle({ record, ...options }, _ctx) {
    const registry = await office.registry();
    return { result: { record: await registry.closeRecord(record, options) } };
  },
});
