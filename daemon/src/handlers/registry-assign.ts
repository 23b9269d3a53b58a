import type { RegistryAssignPayload } from '@vanthu/shared/protocol/index';
import { assignEntry } from '../office/incoming.js';
import type { Office } from '../office/office.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** Ý kiến phân phối or chỉ đạo on an incoming entry (04): lead, cooperating units, their deadlines. */
export const registryAssignHandler = (office: Office): Handler<RegistryAssignPayload> => ({
  async handle({ id, ...input }, ctx) {
    return { result: { entry: await assignEntry(actorOf(office, ctx), id, input) } };
  },
});
