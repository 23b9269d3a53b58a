import { z } from 'zod';
import { base64url } from './common.js';

/**
 * Challenge–response proving the pairing secret without sending it. With K the 32 secret bytes,
 * proof = HMAC-SHA256(K, authProofMessage('client', …)) and serverProof = HMAC-SHA256(K,
 * authProofMessage('server', …)), both base64url. Binding the Origin stops a proof captured under
 * one origin from being used under another; the per-connection server nonce stops replays.
 */
export const authPayloadSchema = z.object({
  /** Fresh random 32 bytes chosen by the client, base64url. */
  clientNonce: base64url(43, 43),
  /** HMAC-SHA256 over authProofMessage('client', serverNonce, clientNonce, origin), base64url. */
  proof: base64url(43, 43),
});
export type AuthPayload = z.infer<typeof authPayloadSchema>;

export const authResultSchema = z.object({
  /** HMAC-SHA256 over authProofMessage('server', …): lets the client check it reached its daemon. */
  serverProof: base64url(43, 43),
});
export type AuthResult = z.infer<typeof authResultSchema>;

/** The exact text both sides MAC (UTF-8). */
export function authProofMessage(
  role: 'client' | 'server',
  serverNonce: string,
  clientNonce: string,
  origin: string,
): string {
  return `vanthu-auth/1\n${role}\n${serverNonce}\n${clientNonce}\n${origin}`;
}
