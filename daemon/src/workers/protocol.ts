import type { SerializedError } from '@vanthu/shared/errors/index';

/** One job sent to a pool process; the reply carries the same id. */
export interface JobMessage<J> {
  id: number;
  job: J;
}

export type JobReply<R> =
  | { id: number; ok: true; result: R }
  | { id: number; ok: false; error: SerializedError };
