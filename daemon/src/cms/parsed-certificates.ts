import { createHash } from 'node:crypto';
import { AsnConvert } from '../asn1/schema.js';
import { Certificate } from '../asn1/x509.js';

/** Recently parsed certificates by SHA-256 of their DER; bounded, for a daemon that runs for days. */
const recent = new Map<string, Certificate>();
const MAX_KEPT = 512;

export const derFingerprint = (der: Uint8Array): string =>
  createHash('sha256').update(der).digest('hex').toUpperCase();

/**
 * The schema parse of one X.509 certificate (throws on anything else), done once per DER: each CMS
 * checks the certificates it carries, certInfo reads the same ones, and every timestamp of a file
 * carries the same TSA certificate and root. The result is shared: callers do not modify it.
 */
export function parseCertificate(der: Uint8Array, fingerprint = derFingerprint(der)): Certificate {
  const known = recent.get(fingerprint);
  if (known) return known;
  const cert = AsnConvert.parse(
    der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
    Certificate,
  );
  if (recent.size >= MAX_KEPT) recent.delete(recent.keys().next().value!);
  recent.set(fingerprint, cert);
  return cert;
}
