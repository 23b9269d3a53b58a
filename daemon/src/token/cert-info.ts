import { X509Certificate as NodeX509, createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as X509 from '@peculiar/x509';
import { keyBitsOf } from './key-bits.js';

// @peculiar/x509 (with tsyringe and a dozen ASN.1 packages) loads when a certificate is first
// described, not when the token layer is imported: signing with a PKCS#12 file does not need it.
let x509: typeof X509 | undefined;

/** What vanthu shows about a certificate (a superset of the protocol's CertificateInfo). */
export interface CertificateDetails {
  /** RFC 4514-style subject with Vietnamese text as UTF-8, e.g. "CN=Trần Văn Minh, O=UBND …". */
  subject: string;
  commonName?: string;
  organization?: string;
  issuer: string;
  issuerCommonName?: string;
  /** Lowercase hex. */
  serialNumber: string;
  /** ISO 8601 instants. */
  notBefore: string;
  notAfter: string;
  /** Key usage names (digitalSignature, nonRepudiation, …). */
  keyUsage: string[];
  /** Extended key usage OIDs. */
  extendedKeyUsage: string[];
  /** SHA-256 of the DER, lowercase hex. */
  fingerprintSha256: string;
  keyAlgorithm: 'RSA' | 'EC' | 'other';
  keyBits?: number;
  isCa: boolean;
}

/** KeyUsage bits as @peculiar/x509 numbers them (KeyUsageFlags). */
const KEY_USAGE_NAMES: readonly [number, string][] = [
  [1, 'digitalSignature'],
  [2, 'nonRepudiation'],
  [4, 'keyEncipherment'],
  [8, 'dataEncipherment'],
  [16, 'keyAgreement'],
  [32, 'keyCertSign'],
  [64, 'cRLSign'],
  [128, 'encipherOnly'],
  [256, 'decipherOnly'],
];

function first(name: X509.Name, type: string): string | undefined {
  return name.getField(type)[0];
}

/**
 * Loads @peculiar/x509 on first use. In the CLI bundle `require` is defined and esbuild bundles this
 * literal call, so the bundle's one instance of the @peculiar packages serves it (a second
 * asn1-schema would not know the first one's classes). Compiled or from source, ESM has no
 * `require` and node_modules' copy loads, the only one there.
 */
function loadX509(): typeof X509 {
  return (
    typeof require === 'function'
      ? require('@peculiar/x509')
      : createRequire(import.meta.url)('@peculiar/x509')
  ) as typeof X509;
}

/** Parses a DER certificate into the fields `vanthu tokens` and the daemon show. */
export function describeCertificate(der: Uint8Array): CertificateDetails {
  x509 ??= loadX509();
  const cert = new x509.X509Certificate(der);
  const subject = cert.subjectName;
  const issuer = cert.issuerName;
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const key = new NodeX509(der).publicKey;
  const type = key.asymmetricKeyType;
  const keyAlgorithm = type === 'rsa' || type === 'rsa-pss' ? 'RSA' : type === 'ec' ? 'EC' : 'other';
  const keyBits = keyBitsOf(key);
  const cn = first(subject, 'CN');
  const o = first(subject, 'O');
  const icn = first(issuer, 'CN');
  return {
    subject: cert.subject.normalize('NFC'),
    ...(cn ? { commonName: cn.normalize('NFC') } : {}),
    ...(o ? { organization: o.normalize('NFC') } : {}),
    issuer: cert.issuer.normalize('NFC'),
    ...(icn ? { issuerCommonName: icn.normalize('NFC') } : {}),
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyUsage: ku ? KEY_USAGE_NAMES.filter(([bit]) => (ku.usages & bit) !== 0).map(([, n]) => n) : [],
    extendedKeyUsage: eku ? eku.usages.map(String) : [],
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    keyAlgorithm,
    ...(keyBits !== undefined ? { keyBits } : {}),
    isCa: bc?.ca === true,
  };
}

/** Whether the certificate is valid at `at` (validity period only; chains are checked elsewhere). */
export function validityAt(
  c: Pick<CertificateDetails, 'notBefore' | 'notAfter'>,
  at = new Date(),
): 'valid' | 'expired' | 'not-yet-valid' {
  if (at.getTime() < Date.parse(c.notBefore)) return 'not-yet-valid';
  if (at.getTime() > Date.parse(c.notAfter)) return 'expired';
  return 'valid';
}
