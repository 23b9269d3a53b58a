import type { ExchangeRecallPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';
import type { Office } from '../office/office.js';

/** Recalls an issued document from its recipients (status 13); our copy is frozen. */
export const exchangeRecallHandler = (office: Office): Handler<ExchangeRecallPayload> => ({
  async handle(payload, _ctx) {
    const { service } = office.exchange();
    return { result: service.recall(payload.documentId, payload.reason) };
  },
});
