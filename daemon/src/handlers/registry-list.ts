import type { RegistryListPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Entries of the books, in book order (at most 200 unless `limit` says otherwise). */
export const registryListHandler = (office: Office): Handler<RegistryListPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    return { result: { entries: await registry.list({ limit: 200, ...payload }) } };
  },
});
