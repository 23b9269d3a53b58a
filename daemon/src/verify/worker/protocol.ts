import type { SerializedError } from '@vanthu/shared/errors/index';
import type { VerifyPayload, VerifyResult } from '@vanthu/shared/protocol/index';

/** One document to verify, with the request's options and the config the trust section comes from. */
export interface VerifyJob {
  id: number;
  document: Uint8Array;
  options: Omit<VerifyPayload, 'document'>;
  configPath: string | undefined;
}

export type VerifyJobReply =
  | { id: number; ok: true; result: VerifyResult }
  | { id: number; ok: false; error: SerializedError };
