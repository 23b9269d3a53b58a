import { z } from 'zod';
import { base64url } from './common.js';

/**
 * Manual pairing with the code of `vanthu pair`, as a CPace exchange (shared/src/pake): the code itself
 * never crosses the wire. pair.start carries the extension's CPace share; the daemon answers with its
 * share and its key confirmation, and the extension sends its own confirmation (pair.finish) only when
 * the daemon's checked. Each pair.start uses up one of the code's attempts.
 */
export const pairStartPayloadSchema = z.object({
  /** Fresh random 32 bytes from the extension; sid = serverNonce ‖ clientNonce. */
  clientNonce: base64url(43, 43),
  /** Ya, the extension's CPace share: an encoded ristretto255 element. */
  share: base64url(43, 43),
});
export type PairStartPayload = z.infer<typeof pairStartPayloadSchema>;

export const pairStartResultSchema = z.object({
  /** Yb, the daemon's CPace share. */
  share: base64url(43, 43),
  /** Tb = HMAC-SHA512(mac_key, lv_cat(Yb, "")): the daemon's proof that it used the same code. */
  confirm: base64url(86, 86),
});
export type PairStartResult = z.infer<typeof pairStartResultSchema>;

export const pairFinishPayloadSchema = z.object({
  /** Ta = HMAC-SHA512(mac_key, lv_cat(Ya, "")), sent only after Tb checked. */
  confirm: base64url(86, 86),
});
export type PairFinishPayload = z.infer<typeof pairFinishPayloadSchema>;

export const pairFinishResultSchema = z.object({
  /** 12-byte nonce ‖ AES-256-GCM(pairing secret) under the run's key, the port as associated data. */
  sealed: base64url(80, 80),
  /** Port the daemon listens on. */
  port: z.number().int().min(1).max(65535),
});
export type PairFinishResult = z.infer<typeof pairFinishResultSchema>;
