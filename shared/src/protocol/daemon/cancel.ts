import { z } from 'zod';
import { requestIdSchema } from '../envelope.js';

/** Cancels a request in flight; that request then fails with USER_CANCELLED. */
export const cancelPayloadSchema = z.object({ target: requestIdSchema });
export type CancelPayload = z.infer<typeof cancelPayloadSchema>;

export const cancelResultSchema = z.object({
  /** False when no request with that id was in flight (it had already finished). */
  cancelled: z.boolean(),
});
export type CancelResult = z.infer<typeof cancelResultSchema>;
