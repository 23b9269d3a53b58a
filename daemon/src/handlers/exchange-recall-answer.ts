import type { ExchangeAnswerRecallPayload } from '@vanthu/shared/protocol/index';
import { answerRecall } from '../office/incoming.js';
import type { Office } from '../office/office.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** The clerk's decision on a received recall: 15 (copy voided) or 16 (with a reason). */
export const exchangeRecallAnswerHandler = (office: Office): Handler<ExchangeAnswerRecallPayload> => ({
  async handle(payload, ctx) {
    const actor = actorOf(office, ctx);
    return {
      result: { packageId: await answerRecall(actor, payload.arrivalId, payload.accept, payload.reason) },
    };
  },
});
