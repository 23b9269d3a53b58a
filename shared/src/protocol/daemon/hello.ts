import { z } from 'zod';
import { base64url } from './common.js';

/** First message on a connection: version negotiation; the reply carries the auth challenge. */
export const helloPayloadSchema = z.object({
  /** Protocol versions the client speaks. */
  versions: z.array(z.number().int().positive()).min(1).max(16),
  client: z.object({ name: z.string().max(64), version: z.string().max(32) }),
  /** Language of what the daemon words on this connection: errors, sign and chain warnings (default vi). */
  lang: z.enum(['vi', 'en']).optional(),
});
export type HelloPayload = z.infer<typeof helloPayloadSchema>;

export const helloResultSchema = z.object({
  /** The version both ends will use from now on (every later envelope carries it as `v`). */
  version: z.number().int().positive(),
  daemon: z.object({ name: z.literal('vanthu'), version: z.string() }),
  /** Fresh random 32 bytes for this connection, base64url: the server half of the challenge. */
  serverNonce: base64url(43, 43),
  /** Proof algorithm of the auth step. */
  auth: z.literal('hmac-sha256'),
  limits: z.object({
    /** Largest JSON text message accepted, bytes (UTF-8). */
    maxJsonBytes: z.number().int().positive(),
    /** Largest single WebSocket message (binary frame incl. header), bytes. */
    maxFrameBytes: z.number().int().positive(),
    /** Largest document accepted in one request, bytes. */
    maxDocumentBytes: z.number().int().positive(),
    /** Chunk size the daemon uses when sending documents, bytes. */
    chunkBytes: z.number().int().positive(),
    /** Sustained requests per second allowed per connection (a burst of twice this passes). */
    requestsPerSecond: z.number().positive(),
  }),
  pinPolicy: z.object({
    /**
     * Seconds a token session may stay logged in after a sign request with `batch.consent`;
     * 0 = log in for every operation (the default; only an admin can raise it).
     */
    batchWindowSeconds: z.number().int().nonnegative(),
  }),
  /** The office's signing settings (config `signing`); absent from older daemons (then B-B, no TSA). */
  signingPolicy: z
    .object({
      /** PAdES level the signing window pre-selects. */
      defaultLevel: z.enum(['B-B', 'B-T', 'B-LT', 'B-LTA']),
      /** Whether the office configured a TSA: B-T, B-LT and B-LTA need one. */
      timestamp: z.boolean(),
    })
    .optional(),
});
export type HelloResult = z.infer<typeof helloResultSchema>;
