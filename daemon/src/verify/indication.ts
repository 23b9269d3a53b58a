import type { ChainStatus } from '../trust/chain.js';
import type { RevocationStatus } from '../trust/revocation.js';
import type { Modification } from './changes.js';
import type { Indication, Policy, SubIndication } from './types.js';

/** Everything a signature's verdict depends on, gathered by the checks. */
export interface Findings {
  policy: Policy;
  allowAnnotations: boolean;
  /** FORMAT_FAILURE causes: ByteRange, CMS structure, partial coverage, SubFilter rules. */
  format: string[];
  hashOk: boolean;
  cryptoOk: boolean;
  /** Signer certificate found and named by signing-certificate(-v2) where required. */
  signingCertificateOk: boolean;
  changes: Modification;
  /** The change analysis stopped at a limit before finding anything disallowed. */
  changesIncomplete: boolean;
  /** Why an embedded timestamp does not verify. */
  timestampProblem: string | undefined;
  /** A valid (signature or later document) timestamp proves existence before any revocation. */
  poe: boolean;
  /** Leaf validity at the signing time (timestamp genTime, else the claimed time). */
  validity: 'ok' | 'expired' | 'not-yet-valid';
  /** Valid when signed, expired now, and no timestamp proves the signing time. */
  expiredNowWithoutPoe: boolean;
  chain: ChainStatus;
  chainProblems: string[];
  keyUsageOk: boolean;
  revocation: RevocationStatus;
  /** A certificate of the path was revoked at or before the signing time. */
  revokedBeforeSigning: boolean;
  /** Only CA certificates are revoked, not the signer's (ETSI REVOKED_CA_NO_POE). */
  revokedCaOnly: boolean;
  /**
   * The signer certificate has expired at the validation time and no revocation answer issued while
   * it was valid (nor a revocation) is available: its status at the signing time is not established.
   */
  revocationOutOfBounds?: boolean;
  /** MD5, RSA < 2048 anywhere on the path always; SHA-1 only under strict. */
  cryptoConstraint: string | undefined;
}

export interface Verdict {
  indication: Indication;
  subIndication: SubIndication | null;
}

/** ETSI EN 319 102-1 style decision: the first (most severe) failing check decides. */
export function decide(f: Findings): Verdict {
  const failed = (s: SubIndication): Verdict => ({ indication: 'TOTAL_FAILED', subIndication: s });
  const indeterminate = (s: SubIndication): Verdict => ({ indication: 'INDETERMINATE', subIndication: s });
  if (f.format.length > 0) return failed('FORMAT_FAILURE');
  if (!f.hashOk) return failed('HASH_FAILURE');
  if (!f.cryptoOk) return failed('SIG_CRYPTO_FAILURE');
  if (!f.signingCertificateOk) return indeterminate('NO_SIGNING_CERTIFICATE_FOUND');
  // A file too large or damaged to compare is not called changed, but never unchanged either.
  if (f.changes === 'OTHER' && f.changesIncomplete) return indeterminate('GENERIC');
  if (f.changes === 'OTHER' || (f.changes === 'ANNOTATIONS' && !f.allowAnnotations))
    return failed('SIG_CONSTRAINTS_FAILURE');
  if (f.timestampProblem) return failed('FORMAT_FAILURE');
  if (f.revocation === 'REVOKED' && f.revokedBeforeSigning) return failed('REVOKED');
  if (f.validity === 'expired') return failed('EXPIRED');
  if (f.validity === 'not-yet-valid') return failed('NOT_YET_VALID');
  if (f.chain !== 'TRUSTED') return indeterminate('NO_CERTIFICATE_CHAIN_FOUND');
  if (f.chainProblems.length > 0 || !f.keyUsageOk) return indeterminate('CHAIN_CONSTRAINTS_FAILURE');
  if (f.cryptoConstraint) return indeterminate('CRYPTO_CONSTRAINTS_FAILURE');
  if (f.expiredNowWithoutPoe && f.policy === 'strict') return indeterminate('OUT_OF_BOUNDS_NO_POE');
  if (f.revocationOutOfBounds && f.revocation !== 'REVOKED')
    return indeterminate('REVOCATION_OUT_OF_BOUNDS_NO_POE');
  if (f.revocation === 'REVOKED') {
    if (f.poe) return { indication: 'TOTAL_PASSED', subIndication: null };
    return indeterminate(f.revokedCaOnly ? 'REVOKED_CA_NO_POE' : 'REVOKED_NO_POE');
  }
  if (f.policy === 'strict' && f.revocation !== 'GOOD') return indeterminate('TRY_LATER');
  return { indication: 'TOTAL_PASSED', subIndication: null };
}

/** The document's indication: TOTAL_PASSED only when every signature passed (and there is one). */
export function overall(list: Indication[]): Indication {
  if (list.length === 0) return 'INDETERMINATE';
  if (list.every((i) => i === 'TOTAL_PASSED')) return 'TOTAL_PASSED';
  return list.includes('TOTAL_FAILED') ? 'TOTAL_FAILED' : 'INDETERMINATE';
}
