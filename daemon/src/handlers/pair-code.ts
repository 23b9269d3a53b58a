import type { PairCodePayload } from '@vanthu/shared/protocol/index';
import { redeemPairingCode } from '../pairing/pairing-code.js';
import type { Handler } from './context.js';

/** Manual pairing: a valid one-time code from `vanthu pair` is exchanged for the pairing secret. */
export function pairCodeHandler(portOf: () => number): Handler<PairCodePayload> {
  return {
    async handle(payload, ctx) {
      redeemPairingCode(ctx.services.pairingCodeFile, payload.code);
      return { result: { secret: ctx.services.pairingSecret(), port: portOf() } };
    },
  };
}
