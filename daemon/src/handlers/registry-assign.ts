import type { RegistryAssignPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** Ý kiến phân phối or chỉ đạo on an incoming entry: lead, coordinators, deadline. */
export const registryAssignHandler = (office: Office): Handler<RegistryAssignPayload> => ({
  async handle({ id, ...input }, _ctx) {
    const registry = await office.registry();
    return { result: { entry: await registry.assign(id, input) } };
  },
});
