import { z } from 'zod';
import { requestIdSchema } from '../envelope.js';
import { tokenInfoSchema } from './tokens.js';

/** Progress of a long request (document upload, signing, download). */
export const progressEventSchema = z.object({
  type: z.literal('progress'),
  payload: z.object({
    /** The request this is about. */
    id: requestIdSchema,
    stage: z.enum(['receiving', 'inspecting', 'signing', 'verifying', 'sending']),
    /** Bytes (or steps) done and total, when known. */
    done: z.number().nonnegative().optional(),
    total: z.number().nonnegative().optional(),
  }),
});

/** A token was plugged in (sent to authenticated connections only). */
export const tokenInsertedEventSchema = z.object({
  type: z.literal('token.inserted'),
  payload: z.object({ token: tokenInfoSchema }),
});

/** A token was removed; `uri` is the token URI from tokens.list. */
export const tokenRemovedEventSchema = z.object({
  type: z.literal('token.removed'),
  payload: z.object({ uri: z.string() }),
});

/** The daemon is stopping; reconnect later. */
export const shutdownEventSchema = z.object({
  type: z.literal('daemon.shutdown'),
  payload: z.object({ reason: z.string() }),
});

/** Every event daemon → extension, discriminated on `type`. */
export const daemonEventSchema = z.discriminatedUnion('type', [
  progressEventSchema,
  tokenInsertedEventSchema,
  tokenRemovedEventSchema,
  shutdownEventSchema,
]);
export type DaemonEvent = z.infer<typeof daemonEventSchema>;
export type DaemonEventType = DaemonEvent['type'];
