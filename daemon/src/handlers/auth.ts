import { VanthuError } from '@vanthu/shared/errors/index';
import { type AuthPayload, authProofMessage } from '@vanthu/shared/protocol/index';
import { proofMatches, sign } from '../server/hmac-proof.js';
import type { Handler } from './context.js';

/** Client nonces seen recently, across connections: a replayed auth message is refused outright. */
const seenClientNonces = new Map<string, number>();
const NONCE_MEMORY_MS = 10 * 60_000;

function rememberNonce(nonce: string, now: number): boolean {
  for (const [n, at] of seenClientNonces) {
    if (now - at < NONCE_MEMORY_MS) break;
    seenClientNonces.delete(n);
  }
  if (seenClientNonces.has(nonce)) return false;
  seenClientNonces.set(nonce, now);
  return true;
}

/**
 * Challenge–response: the client proves it holds the pairing secret by MACing this connection's
 * server nonce, its own nonce and its Origin; the daemon answers with its own proof.
 */
export const authHandler: Handler<AuthPayload> = {
  async handle(payload, ctx) {
    const { state } = ctx;
    if (state.authenticated) throw new VanthuError('PROTOCOL_ERROR', 'already authenticated');
    if (state.serverNonce === undefined) throw new VanthuError('PROTOCOL_ERROR', 'send hello before auth');
    const serverNonce = state.serverNonce;
    // One attempt per challenge: a failed proof cannot be retried on the same nonce.
    state.serverNonce = undefined;
    if (!rememberNonce(payload.clientNonce, Date.now())) {
      throw new VanthuError('NOT_PAIRED', 'replayed handshake');
    }
    const secret = ctx.services.pairingSecret();
    const expected = sign(secret, authProofMessage('client', serverNonce, payload.clientNonce, state.origin));
    if (!proofMatches(expected, payload.proof)) throw new VanthuError('NOT_PAIRED', 'wrong pairing proof');
    state.authenticated = true;
    const serverProof = sign(
      secret,
      authProofMessage('server', serverNonce, payload.clientNonce, state.origin),
    );
    return { result: { serverProof } };
  },
};
