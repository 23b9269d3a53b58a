import { VanthuError } from '@vanthu/shared/errors/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import type { ArrivalVerification, ArrivalVerifier } from './verifier.js';

/** Summary line of a report: every signature, who signed and its indication. */
function summarise(report: VerifyResult): string {
  if (report.signatures.length === 0) return 'no digital signature';
  return report.signatures
    .map(
      (s) =>
        `${s.signer?.commonName ?? 'unknown signer'} (${s.role}): ${s.indication}${s.subIndication ? ` ${s.subIndication}` : ''}`,
    )
    .join('; ');
}

/** Answers about the document itself: it was checked, and it cannot be valid. */
const DOCUMENT_FAULTS = new Set(['PDF_MALFORMED', 'PDF_ENCRYPTED']);

/**
 * The arrival check backed by the daemon's PAdES verification (daemon/src/verify): an arrival is
 * valid only when it carries signatures and every one of them passes. A malformed or encrypted PDF
 * (also one over the verification memory or time limit) is checked and invalid, with the reason;
 * any other failure propagates (the verification did not run).
 */
export function engineArrivalVerifier(verify: (pdf: Uint8Array) => Promise<VerifyResult>): ArrivalVerifier {
  return async (pdf): Promise<ArrivalVerification> => {
    let report: VerifyResult;
    try {
      report = await verify(pdf);
    } catch (error) {
      if (error instanceof VanthuError && DOCUMENT_FAULTS.has(error.code))
        return { performed: true, valid: false, summary: `${error.code}: ${error.message}` };
      throw error;
    }
    return {
      performed: true,
      valid: report.signatures.length > 0 && report.indication === 'TOTAL_PASSED',
      summary: summarise(report),
      details: {
        sha256: report.sha256,
        indication: report.indication,
        signatures: report.signatures.map((s) => ({
          field: s.field,
          role: s.role,
          signer: s.signer?.commonName ?? null,
          organization: s.signer?.organization ?? null,
          signingTime: s.signingTime,
          indication: s.indication,
          subIndication: s.subIndication,
        })),
      },
    };
  };
}
