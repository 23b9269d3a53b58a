import type { ExchangeStatusPayload } from '@vanthu/shared/protocol/index';
import { arrivalStatus } from '../office/incoming.js';
import type { Office } from '../office/office.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** The clerk's answer to an arrival: 02 with a reason, or 03–06, in the workflow's order. */
export const exchangeStatusHandler = (office: Office): Handler<ExchangeStatusPayload> => ({
  async handle(payload, ctx) {
    const actor = actorOf(office, ctx);
    return {
      result: { packageId: await arrivalStatus(actor, payload.arrivalId, payload.code, payload.reason) },
    };
  },
});
