import { X509Certificate, createHash } from 'node:crypto';
import { type NameAttribute, type X509Fields, readX509, serialHex } from './x509-fields.js';
import {
  accessUris,
  authorityKeyIdentifier,
  basicConstraints,
  crlDistributionUris,
  extendedKeyUsage,
  keyUsageBits,
  subjectKeyIdentifier,
} from './x509-extensions.js';

/** Short names of the attribute types a DN shows (the report's and the chain messages' form). */
export const OID_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.5': 'serialNumber',
  '2.5.4.12': 'T',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
};

/** One certificate, parsed once: what chain building, key usage and revocation checks need. */
export interface CertInfo {
  der: Uint8Array;
  node: X509Certificate;
  /** The certificate's outer signatureAlgorithm (OID and parameters' DER). */
  signatureAlgorithm: X509Fields['signatureAlgorithm'];
  /** INTEGER content of serialNumber, as encoded. */
  serial: Uint8Array;
  /** The subjectPublicKey bits (what an OCSP CertID's issuerKeyHash hashes). */
  publicKeyBits: Uint8Array;
  /** SHA-256 of the DER, upper-case hex. */
  fingerprint: string;
  subject: Record<string, string>;
  subjectDn: string;
  issuerDn: string;
  subjectDer: Buffer;
  issuerDer: Buffer;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** KeyUsageFlags bits, or undefined when the extension is absent. */
  keyUsage: number | undefined;
  extendedKeyUsage: string[];
  isCa: boolean;
  /** basicConstraints pathLenConstraint, when present. */
  pathLen: number | undefined;
  /** OIDs of the extensions marked critical. */
  criticalExtensions: string[];
  selfIssued: boolean;
  ski: string | undefined;
  aki: string | undefined;
  crlUrls: string[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  keyBits: number | undefined;
}

/** KeyUsage bits (RFC 5280 §4.2.1.3), in the numbering of keyUsageBits. */
export const KU = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
} as const;
export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

const cache = new Map<string, CertInfo>();

/** Parses DER (throws on anything that is not one X.509 certificate). */
export function certInfo(input: Uint8Array): CertInfo {
  const key = createHash('sha256').update(input).digest('hex').toUpperCase();
  const hit = cache.get(key);
  if (hit) return hit;
  // The kept fields are views of this copy: the caller's bytes may be a view of a buffer reused later
  // (and a Buffer's slice() is only a view, so the copy is made by the constructor).
  const der = new Uint8Array(input);
  // node:crypto (OpenSSL) parses the whole certificate strictly; the fields are then read in place.
  const node = new X509Certificate(der);
  const x = readX509(der);
  const ext = <T>(oid: string, read: (value: Uint8Array) => T): T | undefined => {
    const e = x.extensions.find((item) => item.oid === oid);
    return e ? read(e.value) : undefined;
  };
  const bc = ext('2.5.29.19', basicConstraints);
  const aia = ext('1.3.6.1.5.5.7.1.1', accessUris) ?? [];
  const aiaUris = (method: string): string[] =>
    aia.filter((a) => a.method === method && a.uri !== undefined).map((a) => a.uri!);
  const info: CertInfo = {
    der,
    node,
    signatureAlgorithm: x.signatureAlgorithm,
    serial: x.serial,
    publicKeyBits: x.publicKeyBits,
    fingerprint: key,
    subject: nameFields(x.subject),
    subjectDn: dn(x.subject),
    issuerDn: dn(x.issuer),
    subjectDer: x.subjectDer,
    issuerDer: x.issuerDer,
    serialHex: serialHex(x.serial),
    notBefore: x.notBefore,
    notAfter: x.notAfter,
    keyUsage: ext('2.5.29.15', keyUsageBits),
    extendedKeyUsage: ext('2.5.29.37', extendedKeyUsage) ?? [],
    isCa: bc?.cA === true,
    pathLen: bc?.pathLen,
    criticalExtensions: x.extensions.filter((e) => e.critical).map((e) => e.oid),
    selfIssued: x.subjectDer.equals(x.issuerDer),
    ski: ext('2.5.29.14', subjectKeyIdentifier),
    aki: ext('2.5.29.35', authorityKeyIdentifier),
    crlUrls: ext('2.5.29.31', crlDistributionUris) ?? [],
    ocspUrls: aiaUris('1.3.6.1.5.5.7.48.1'),
    caIssuerUrls: aiaUris('1.3.6.1.5.5.7.48.2'),
    keyBits: node.publicKey.asymmetricKeyDetails?.modulusLength ?? undefined,
  };
  if (cache.size > 2000) cache.clear();
  cache.set(key, info);
  return info;
}

function nameFields(name: NameAttribute[][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rdn of name)
    for (const atv of rdn) {
      const k = OID_NAMES[atv.type] ?? atv.type;
      if (out[k] === undefined) out[k] = atv.value;
    }
  return out;
}

/** RFC 4514-like, most specific first: "CN=…, O=…, C=VN". */
function dn(name: NameAttribute[][]): string {
  return [...name]
    .reverse()
    .flatMap((rdn) => rdn.map((atv) => `${OID_NAMES[atv.type] ?? atv.type}=${atv.value}`))
    .join(', ');
}

/** Does `issuer` plausibly issue `cert` (names, key identifiers) and verify its signature? */
export function issuedBy(cert: CertInfo, issuer: CertInfo): boolean {
  if (!cert.issuerDer.equals(issuer.subjectDer)) return false;
  if (cert.aki && issuer.ski && cert.aki !== issuer.ski) return false;
  try {
    return cert.node.verify(issuer.node.publicKey);
  } catch {
    return false;
  }
}

/** DER certificates from PEM text (any number of CERTIFICATE blocks). */
export function pemCertificates(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re =
    /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;
  for (const m of text.matchAll(re))
    out.push(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  return out;
}
