import type { RegistryReservePayload } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { reserveNumber } from '../office/outgoing.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** "Cấp số": the next number of the chosen book and type, reserved in the register with today's date. */
export const registryReserveHandler = (office: Office): Handler<RegistryReservePayload> => ({
  async handle(payload, ctx) {
    return { result: { entry: await reserveNumber(actorOf(office, ctx), payload) } };
  },
});
