import { AsnConvert } from '../asn1/schema.js';
import { CertificateList } from '../asn1/x509.js';
import { firstChildDer } from '../cms/der.js';
import { verifySignatureValue } from '../cms/verify-value.js';
import type { CertInfo } from './certificate.js';
import { KU } from './certificate.js';

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

export interface ParsedCrl {
  der: Uint8Array;
  crl: CertificateList;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
}

export function parseCrl(der: Uint8Array): ParsedCrl {
  const crl = AsnConvert.parse(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
    CertificateList,
  );
  return {
    der,
    crl,
    issuerDer: Buffer.from(AsnConvert.serialize(crl.tbsCertList.issuer)),
    thisUpdate: crl.tbsCertList.thisUpdate.getTime(),
    nextUpdate: crl.tbsCertList.nextUpdate?.getTime(),
  };
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
  const tbs = parsed.crl.tbsCertListRaw
    ? new Uint8Array(parsed.crl.tbsCertListRaw)
    : firstChildDer(parsed.der);
  const check = verifySignatureValue(
    parsed.crl.signatureAlgorithm,
    undefined,
    issuer.node.publicKey,
    tbs,
    new Uint8Array(parsed.crl.signature),
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
  for (const entry of parsed.crl.tbsCertList.revokedCertificates ?? []) {
    const serial = Buffer.from(entry.userCertificate)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '')
      .toUpperCase();
    if (serial === cert.serialHex)
      return { ...base, status: 'REVOKED', revokedAt: entry.revocationDate.getTime() };
  }
  return { ...base, status: 'GOOD' };
}
