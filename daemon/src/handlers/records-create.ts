import type { FieldObject } from '@vanthu/shared/domain/index';
import type { RecordsCreatePayload } from '@vanthu/shared/protocol/index';
import type { CreateRecordInput } from '../registry/index.js';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Opens a record from the danh mục hồ sơ, or outside it with the required fields. */
export const recordsCreateHandler = (office: Office): Handler<RecordsCreatePayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    const input: CreateRecordInput =
      'plan' in payload
        ? {
            plan: payload.plan,
            ...(payload.year !== undefined ? { year: payload.year } : {}),
            ...(payload.fields ? { fields: payload.fields as FieldObject } : {}),
          }
        : { fields: payload.fields as FieldObject };
    return { result: { record: await registry.createRecord(input) } };
  },
});
