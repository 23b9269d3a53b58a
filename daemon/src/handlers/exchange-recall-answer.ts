import type { ExchangeAnswerRecallPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from './office.js';

/** The clerk's decision on a received recall: 15 (copy voided) or 16. */
export const exchangeRecallAnswerHandler = (office: Office): Handler<ExchangeAnswerRecallPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    return { result: { packageId: service.answerRecall(payload.arrivalId, payload.accept, payload.reason) } };
  },
});
