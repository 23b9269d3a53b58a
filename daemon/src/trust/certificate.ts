import { X509Certificate, createHash } from 'node:crypto';
import { AsnConvert } from '../asn1/schema.js';
import { parseCertificate } from '../cms/parsed-certificates.js';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  CRLDistributionPoints,
  type Certificate,
  ExtendedKeyUsage,
  KeyUsage,
  KeyUsageFlags,
  type Name,
  SubjectKeyIdentifier,
} from '../asn1/x509.js';

const OID_NAMES: Record<string, string> = {
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
  asn: Certificate;
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

export const KU = KeyUsageFlags;
export const EKU_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const EKU_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

const cache = new Map<string, CertInfo>();

/** Parses DER (throws on anything that is not one X.509 certificate). */
export function certInfo(der: Uint8Array): CertInfo {
  const key = createHash('sha256').update(der).digest('hex').toUpperCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const node = new X509Certificate(Buffer.from(der));
  const asn = parseCertificate(der, key);
  const tbs = asn.tbsCertificate;
  const ext = <T>(oid: string, type: new () => T): T | undefined => {
    const e = tbs.extensions?.find((x) => x.extnID === oid);
    return e ? AsnConvert.parse(e.extnValue.buffer, type) : undefined;
  };
  const ku = ext('2.5.29.15', KeyUsage);
  const bc = ext('2.5.29.19', BasicConstraints);
  const eku = ext('2.5.29.37', ExtendedKeyUsage);
  const ski = ext('2.5.29.14', SubjectKeyIdentifier);
  const aki = ext('2.5.29.35', AuthorityKeyIdentifier);
  const cdp = ext('2.5.29.31', CRLDistributionPoints);
  const aia = ext('1.3.6.1.5.5.7.1.1', AuthorityInfoAccessSyntax);
  const uris = (names: { uniformResourceIdentifier?: string }[] | undefined): string[] =>
    (names ?? []).map((n) => n.uniformResourceIdentifier).filter((u): u is string => typeof u === 'string');
  const subjectDer = Buffer.from(AsnConvert.serialize(tbs.subject));
  const issuerDer = Buffer.from(AsnConvert.serialize(tbs.issuer));
  const info: CertInfo = {
    der,
    node,
    asn,
    fingerprint: key,
    subject: nameFields(tbs.subject),
    subjectDn: dn(tbs.subject),
    issuerDn: dn(tbs.issuer),
    subjectDer,
    issuerDer,
    serialHex: Buffer.from(tbs.serialNumber)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '')
      .toUpperCase(),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    keyUsage: ku ? ku.toNumber() : undefined,
    extendedKeyUsage: eku ? [...eku] : [],
    isCa: bc?.cA === true,
    pathLen: bc?.pathLenConstraint,
    criticalExtensions: (tbs.extensions ?? []).filter((x) => x.critical).map((x) => x.extnID),
    selfIssued: subjectDer.equals(issuerDer),
    ski: ski ? Buffer.from(ski.buffer).toString('hex') : undefined,
    aki: aki?.keyIdentifier ? Buffer.from(aki.keyIdentifier.buffer).toString('hex') : undefined,
    crlUrls: (cdp ?? []).flatMap((d) => uris(d.distributionPoint?.fullName)),
    ocspUrls: uris(
      (aia ?? []).filter((a) => a.accessMethod === '1.3.6.1.5.5.7.48.1').map((a) => a.accessLocation),
    ),
    caIssuerUrls: uris(
      (aia ?? []).filter((a) => a.accessMethod === '1.3.6.1.5.5.7.48.2').map((a) => a.accessLocation),
    ),
    keyBits: node.publicKey.asymmetricKeyDetails?.modulusLength ?? undefined,
  };
  if (cache.size > 2000) cache.clear();
  cache.set(key, info);
  return info;
}

function nameFields(name: Name): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rdn of name)
    for (const atv of rdn) {
      const k = OID_NAMES[atv.type] ?? atv.type;
      if (out[k] === undefined) out[k] = atv.value.toString();
    }
  return out;
}

/** RFC 4514-like, most specific first: "CN=…, O=…, C=VN". */
function dn(name: Name): string {
  return [...name]
    .reverse()
    .flatMap((rdn) => [...rdn].map((atv) => `${OID_NAMES[atv.type] ?? atv.type}=${atv.value.toString()}`))
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
