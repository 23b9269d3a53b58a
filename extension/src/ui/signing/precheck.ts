import { toVanthuError, type VanthuError } from '@vanthu/shared/errors/index';

/** Inspection failures that signing would meet too: the file itself cannot be signed, whatever the PIN. */
const UNSIGNABLE = new Set(['PDF_ENCRYPTED', 'PDF_MALFORMED']);

/**
 * The reason a document cannot be signed, from the daemon's answer to its inspection; undefined for
 * failures that say nothing about the file (daemon not connected, cancelled), which signing may still overcome.
 */
export function unsignableReason(error: unknown): VanthuError | undefined {
  const typed = toVanthuError(error);
  return UNSIGNABLE.has(typed.code) ? typed : undefined;
}
