import type { CancelPayload } from '@vanthu/shared/protocol/index';
import type { Handler } from './context.js';

export const cancelHandler: Handler<CancelPayload> = {
  async handle(payload, ctx) {
    return { result: { cancelled: ctx.cancel(payload.target) } };
  },
};
