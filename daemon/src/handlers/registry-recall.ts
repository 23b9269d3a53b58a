import type { RegistryRecallPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Marks an entry "đã thu hồi"; it keeps its number. */
export const registryRecallHandler = (office: Office): Handler<RegistryRecallPayload> => ({
  async handle(payload, _ctx) {
    const registry = await office.registry();
    return { result: { entry: await registry.recall(payload.id, payload.reason, payload.author) } };
  },
});
