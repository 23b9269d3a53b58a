import type { ChainStatus } from '../trust/chain.js';
import type { RevocationStatus } from '../trust/revocation.js';
import type { Modification } from './changes.js';

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

/** ETSI EN 319 102-1 sub-indications used by vanthu. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'TRY_LATER'
  /** The signer certificate expired and no revocation data from before its expiry is available. */
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  /** ETSI: indeterminate for another reason (here: changes after signing could not be analysed). */
  | 'GENERIC';

export type Role = 'approver' | 'seal' | 'attachment' | 'copy' | 'income' | 'unknown';
export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'PARTIAL';
export type Policy = 'standard' | 'strict';

export interface SignerSummary {
  commonName: string | null;
  organization: string | null;
  serialNumber: string | null;
  issuer: string | null;
}

export interface TimestampSummary {
  genTime: string | null;
  tsa: string | null;
  valid: boolean;
  chain: ChainStatus;
}

export interface CertificateRevocationSummary {
  subject: string;
  serialNumber: string;
  status: RevocationStatus;
  /** Where the decisive answer came from ("OCSP <url>", "CRL (installed)", …). */
  source: string | null;
  revokedAt: string | null;
}

/** One signature as `vanthu verify --json` prints it (interfaces.md §1, extended). */
export interface SignatureReport {
  field: string;
  role: Role;
  subFilter: string | null;
  signer: SignerSummary;
  /** ISO 8601 +07:00; from the timestamp when there is one, else the claimed time. */
  signingTime: string | null;
  signingTimeSource: 'timestamp' | 'claimed' | 'none';
  /**
   * PAdES baseline level of the signature's form (ETSI EN 319 142-1, as EU DSS names the format):
   * B-B, B-T when it carries a signature timestamp (whether that timestamp holds is `timestamp`'s and
   * the indication's to say), B-LT when its whole path's revocation data comes from the document's
   * /DSS, B-LTA when a later document timestamp also covers it. Null for a document timestamp itself.
   */
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' | null;
  /** Validates from the document alone: chain and every revocation answer from its /DSS. */
  ltv: boolean;
  /** Best proof of existence (signature timestamp, else a later document timestamp), ISO 8601 +07:00. */
  proofOfExistence: string | null;
  timestamp: TimestampSummary | null;
  indication: Indication;
  subIndication: SubIndication | null;
  /** ByteRange digest and signature value both verify (what pdfsig calls "Signature is Valid"). */
  integrity: boolean;
  coverage: Coverage;
  modificationsAfter: Modification;
  /** 1-based pages whose content changed after signing in a way that is not allowed. */
  changedPages: number[];
  chain: ChainStatus;
  /** The worst revocation answer over the path (signer and CA certificates). */
  revocation: RevocationStatus;
  /** One entry per certificate checked, the signer's first. */
  chainRevocation: CertificateRevocationSummary[];
  /** 1-based page of the first visible widget, null when invisible. */
  page: number | null;
  /** [x, y, width, height] of that widget in PDF points (as `vanthu sign --rect`). */
  rect: [number, number, number, number];
  warnings: string[];
  /** Why the indication is not TOTAL_PASSED, one line each. */
  errors: string[];
  /** 0-based revision the signature covers. */
  revision: number;
  algorithm: string | null;
  certificate: { notBefore: string; notAfter: string; sha256: string } | null;
  trustAnchor: string | null;
}

export interface VerifyReport {
  file: string;
  sha256: string;
  indication: Indication;
  signatures: SignatureReport[];
  /** Number of revisions (original + incremental updates). */
  revisions: number;
  /** Field names in signing order. */
  order: string[];
  warnings: string[];
  policy: Policy;
  /** Validation time, ISO 8601 +07:00. */
  validatedAt: string;
}
