import type { RegistryReleasePayload } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { releaseNumber } from '../office/outgoing.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** A reserved number not used: given back, or voided with the reason. */
export const registryReleaseHandler = (office: Office): Handler<RegistryReleasePayload> => ({
  async handle(payload, ctx) {
    return { result: await releaseNumber(actorOf(office, ctx), payload.id, payload.reason) };
  },
});
