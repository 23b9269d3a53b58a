import { verifySignatureValue } from '../cms/verify-value.js';
import type { CertInfo } from './certificate.js';
import { KU } from './certificate.js';
import { type CrlFields, readCrl } from './crl-der.js';

export interface RevocationAnswer {
  status: 'GOOD' | 'REVOKED' | 'UNKNOWN';
  revokedAt?: Date;
  /** "CRL <url|file>" or "OCSP <url>". */
  source: string;
  thisUpdate?: Date;
  nextUpdate?: Date;
  /** Why the answer is UNKNOWN. */
  error?: string;
}

export interface ParsedCrl extends CrlFields {
  der: Uint8Array;
}

/** Reads a DER CRL strictly (trust/crl-der.ts); a malformed one throws. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  return { der, ...readCrl(der) };
}

/**
 * The status of `cert` in a CRL: the CRL must be issued by `issuer` (name and signature, cRLSign
 * when key usage is present) and current at `now` (thisUpdate ≤ now < nextUpdate).
 */
export function crlStatus(
  parsed: ParsedCrl,
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  source: string,
): RevocationAnswer {
  const base = {
    source,
    thisUpdate: parsed.thisUpdate,
    ...(parsed.nextUpdate ? { nextUpdate: parsed.nextUpdate } : {}),
  };
  if (!parsed.issuerDer.equals(issuer.subjectDer))
    return { ...base, status: 'UNKNOWN', error: 'CRL of another issuer' };
  if (issuer.keyUsage !== undefined && (issuer.keyUsage & KU.cRLSign) === 0)
    return { ...base, status: 'UNKNOWN', error: 'the issuer may not sign CRLs' };
  const check = verifySignatureValue(
    parsed.signatureAlgorithm,
    undefined,
    issuer.node.publicKey,
    parsed.tbs,
    parsed.signature,
  );
  if (!check.valid)
    return {
      ...base,
      status: 'UNKNOWN',
      error: `CRL signature invalid${check.error ? `: ${check.error}` : ''}`,
    };
  if (parsed.thisUpdate.getTime() > now.getTime() + 300_000)
    return { ...base, status: 'UNKNOWN', error: 'CRL issued in the future' };
  if (parsed.nextUpdate && parsed.nextUpdate.getTime() < now.getTime())
    return { ...base, status: 'UNKNOWN', error: 'CRL expired' };
  for (const entry of parsed.revoked) {
    if (entry.serialHex === cert.serialHex) return { ...base, status: 'REVOKED', revokedAt: entry.revokedAt };
  }
  return { ...base, status: 'GOOD' };
}
