import type { RegistryRecallPayload } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { recallEntry } from '../office/outgoing.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** Marks an entry "đã thu hồi" (it keeps its number); a sent document gets 13 to every recipient. */
export const registryRecallHandler = (office: Office): Handler<RegistryRecallPayload> => ({
  async handle(payload, ctx) {
    const { entry } = await recallEntry(actorOf(office, ctx), payload.id, payload.reason, payload.author);
    return { result: { entry } };
  },
});
