import type { RegistryReservePayload } from '@vanthu/shared/protocol/index';
import { releaseAbandoned } from '../office/abandoned-reservation.js';
import type { Office } from '../office/office.js';
import { reserveNumber } from '../office/outgoing.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/**
 * "Cấp số": the next number of the chosen book and type, reserved in the register with today's date,
 * held for this connection: released with the reason when it closes before the number is used.
 */
export const registryReserveHandler = (office: Office): Handler<RegistryReservePayload> => ({
  async handle(payload, ctx) {
    const actor = actorOf(office, ctx);
    const entry = await reserveNumber(actor, payload);
    // A window that goes away without sealing or releasing does not keep the number.
    ctx.whenClosed(() => releaseAbandoned(actor, entry.id));
    return { result: { entry } };
  },
});
