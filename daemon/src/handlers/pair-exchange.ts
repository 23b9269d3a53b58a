import { VanthuError } from '@vanthu/shared/errors/index';
import { PairingResponder } from '@vanthu/shared/pake/pairing-exchange';
import type { PairFinishPayload, PairStartPayload } from '@vanthu/shared/protocol/index';
import { beginPairingAttempt, retirePairingCode } from '../pairing/pairing-code.js';
import type { Handler } from './context.js';

const bytes = (b64: string) => Buffer.from(b64, 'base64url');
const b64 = (value: Uint8Array) => Buffer.from(value).toString('base64url');

/**
 * Manual pairing, step 1 (shared/src/pake/pairing-exchange.ts): one attempt of the code is used up,
 * then the daemon answers with its CPace share and its confirmation, proving it knows the code.
 */
export const pairStartHandler: Handler<PairStartPayload> = {
  async handle(payload, ctx) {
    const { state } = ctx;
    if (state.authenticated) throw new VanthuError('PROTOCOL_ERROR', 'already authenticated');
    if (state.serverNonce === undefined) throw new VanthuError('PROTOCOL_ERROR', 'send hello before pairing');
    state.pairing = undefined;
    const { password, attemptsLeft } = beginPairingAttempt(ctx.services.pairingCodeFile);
    const responder = new PairingResponder(
      password,
      state.origin,
      bytes(state.serverNonce),
      bytes(payload.clientNonce),
      bytes(payload.share),
    );
    state.pairing = { responder, password, attemptsLeft };
    return { result: { share: b64(responder.share), confirm: b64(responder.confirm) } };
  },
};

/**
 * Step 2: the extension's confirmation. Only when it proves the same code does the daemon retire the
 * code and send the pairing secret, sealed under the run's key. One confirmation per run.
 */
export function pairFinishHandler(portOf: () => number): Handler<PairFinishPayload> {
  return {
    async handle(payload, ctx) {
      const run = ctx.state.pairing;
      ctx.state.pairing = undefined;
      if (!run) throw new VanthuError('PROTOCOL_ERROR', 'send pair.start before pair.finish');
      if (!run.responder.acceptExtension(bytes(payload.confirm)))
        throw new VanthuError('PAIRING_FAILED', `wrong pairing code (${run.attemptsLeft} attempts left)`, {
          attemptsLeft: run.attemptsLeft,
        });
      retirePairingCode(ctx.services.pairingCodeFile, run.password);
      const port = portOf();
      const sealed = run.responder.seal(bytes(ctx.services.pairingSecret()), port);
      return { result: { sealed: b64(sealed), port } };
    },
  };
}
