import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors/codes.js';

/**
 * Request id chosen by the client: 1–64 characters of [A-Za-z0-9_-], unique among the client's
 * requests in flight. The same alphabet keeps the binary frame header pure ASCII.
 */
export const requestIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'request id: 1–64 characters of A-Z a-z 0-9 _ -');
export type RequestId = z.infer<typeof requestIdSchema>;

/** What every JSON request carries before its type-specific payload is checked. */
export const requestEnvelopeSchema = z.object({
  /** Protocol version the message is written in (see PROTOCOL_VERSION). */
  v: z.number().int().positive(),
  id: requestIdSchema,
  /** Request type, e.g. "sign"; decides the payload schema. */
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

export const errorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** The wire form of an error: a closed code, a message in the connection's language, details. */
export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  /** Human message (Vietnamese or English, as negotiated in hello). */
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export const okReplySchema = z.object({
  v: z.number().int().positive(),
  id: requestIdSchema,
  ok: z.literal(true),
  result: z.unknown(),
});
export const errorReplySchema = z.object({
  v: z.number().int().positive(),
  /** The request's id; null when the message was too broken to carry one. */
  id: requestIdSchema.nullable(),
  ok: z.literal(false),
  error: wireErrorSchema,
});
/** A reply to one request: exactly one per request id. */
export const replySchema = z.discriminatedUnion('ok', [okReplySchema, errorReplySchema]);
export type OkReply<R = unknown> = Omit<z.infer<typeof okReplySchema>, 'result'> & { result: R };
export type ErrorReply = z.infer<typeof errorReplySchema>;
export type Reply<R = unknown> = OkReply<R> | ErrorReply;

/** An unsolicited message from the daemon (no id; `type` names the event). */
export const eventEnvelopeSchema = z.object({
  v: z.number().int().positive(),
  type: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/**
 * Announces a document that travels in binary frames tied to the same request id (see
 * binary-frame.ts). Sent inside a request payload (client → daemon: the frames follow the JSON
 * request) or a result (daemon → client: the frames precede the JSON reply).
 */
export const documentRefSchema = z.object({
  /** Total length in bytes of the document over all its frames. */
  bytes: z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 40),
  /** Optional lowercase hex SHA-256 of the whole document; checked on receipt when present. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type DocumentRef = z.infer<typeof documentRefSchema>;
