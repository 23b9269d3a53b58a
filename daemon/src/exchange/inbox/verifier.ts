/** Result of checking the PAdES signatures of a received PDF. */
export type ArrivalVerification =
  | { performed: false; reason: string }
  | { performed: true; valid: boolean; summary: string; details?: unknown };

/** Checks one attachment; the daemon wires the PDF verification engine in here. */
export type ArrivalVerifier = (pdf: Uint8Array, name: string) => Promise<ArrivalVerification>;

/** Used when no verification engine is configured: says so, never pretends to have checked. */
export const verificationNotPerformed: ArrivalVerifier = async () => ({
  performed: false,
  reason: 'no signature verification engine is configured',
});
