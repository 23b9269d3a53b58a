/**
 * Signature verification — public API for the CLI and the daemon service.
 *
 *   verifyPdf(input: string | Uint8Array, options?: VerifyOptions): Promise<VerifyReport>
 *
 * The report is exactly what `vanthu verify --json` prints (interfaces.md §1): per signature the
 * indication (TOTAL_PASSED / TOTAL_FAILED / INDETERMINATE) with its ETSI sub-indication, integrity,
 * coverage, changes after signing, chain, revocation, timestamp, role, page and rectangle.
 */
export { verifyPdf, type VerifyOptions } from './verify-pdf.js';
export { formatReport } from './report-text.js';
export type {
  Coverage,
  Indication,
  Policy,
  Role,
  SignatureReport,
  SubIndication,
  VerifyReport,
} from './types.js';
export type { Modification } from './changes.js';
