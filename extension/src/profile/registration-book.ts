import type { SignatureRole } from '@vanthu/shared/domain/signature-roles';

/** The register book a "Vào sổ" opens (the side panel's tab of the same name). */
export type RegistrationBook = 'incoming' | 'outgoing';

/** What the decision reads of a signature in the document's verification report. */
export interface SignatureSeen {
  readonly role: SignatureRole;
  readonly integrity: boolean;
}

/**
 * Whether the profile marks the row as a draft or an outgoing document: the row, or an element around it
 * (the list, the page), matches `registration.outgoingRows`; false for any other row of such a profile.
 * Undefined when the profile marks no rows.
 */
export function rowMarkedOutgoing(row: Element, selector: string | undefined): boolean | undefined {
  if (!selector) return undefined;
  try {
    return row.closest(selector) !== null;
  } catch {
    return undefined;
  }
}

/**
 * Which book a document goes into. A profile that marks outgoing rows decides (a row it does not mark
 * sits among arrivals, whoever signed it); otherwise the document says it:
 * an approver's signature that holds, and no seal yet, is our own draft awaiting its number (the number
 * and the seal are given together, "Cấp số & đóng dấu") — outgoing. Anything else arrived — incoming.
 */
export function registrationBook(
  markedOutgoing: boolean | undefined,
  signatures: readonly SignatureSeen[] | undefined,
): RegistrationBook {
  if (markedOutgoing !== undefined) return markedOutgoing ? 'outgoing' : 'incoming';
  const signed = signatures ?? [];
  const approved = signed.some((s) => s.role === 'approver' && s.integrity);
  const sealed = signed.some((s) => s.role === 'seal');
  return approved && !sealed ? 'outgoing' : 'incoming';
}
