import type { ExchangeSendPayload } from '@vanthu/shared/protocol/index';
import type { Office } from '../office/office.js';
import { sendEntry } from '../office/outgoing.js';
import type { Handler } from './context.js';
import { actorOf } from './office-actor.js';

/** Sends an issued, signed and sealed document (its registry entry and stored PDF) through the queue. */
export const exchangeSendHandler = (office: Office): Handler<ExchangeSendPayload> => ({
  async handle(payload, ctx) {
    const recipients = payload.recipients.map((r) => ({
      organId: r.organId,
      ...(r.organName ? { organName: r.organName } : {}),
    }));
    return { result: await sendEntry(actorOf(office, ctx), payload.entryId, recipients) };
  },
});
