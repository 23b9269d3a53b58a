import { createHash } from 'node:crypto';
import { certInfo } from '../trust/certificate.js';
import { DerFault, type Tlv, children, readTlv } from './der.js';
import { type AlgorithmId, algorithmIdentifier, oidString, x509Time } from './der-values.js';
import { tlv } from './der-write.js';
import { DIGESTS, digestOfSignatureOid } from './verify-value.js';

import {
  ID_CONTENT_TYPE,
  ID_MESSAGE_DIGEST,
  ID_SIGNATURE_TIMESTAMP_TOKEN,
  ID_SIGNED_DATA,
  ID_SIGNING_CERTIFICATE,
  ID_SIGNING_CERTIFICATE_V2,
  ID_SIGNING_TIME,
} from './cms-oids.js';
const SHA256 = '2.16.840.1.101.3.4.2.1';
/** The signed attributes read here; each must have exactly one value (RFC 5652 §11, RFC 5035). */
const INTERPRETED = new Set([
  ID_CONTENT_TYPE,
  ID_MESSAGE_DIGEST,
  ID_SIGNING_TIME,
  ID_SIGNING_CERTIFICATE_V2,
  ID_SIGNING_CERTIFICATE,
]);

export interface EssReference {
  version: 1 | 2;
  hashOid: string;
  hash: Uint8Array;
}

/** The parts of a PDF signature's CMS SignedData the verifier needs, all from one strict parse. */
export interface ParsedCms {
  /** SignerInfo.signatureAlgorithm. */
  signatureAlgorithm: AlgorithmId;
  eContentType: string;
  /** Encapsulated content (a timestamp token's TSTInfo); undefined for a detached PDF signature. */
  eContent: Uint8Array | undefined;
  /** Every embedded certificate (DER). */
  certificates: Uint8Array[];
  /** The certificate the SignerInfo names (issuerAndSerialNumber or subjectKeyIdentifier). */
  signerCertificate: Uint8Array | undefined;
  digestOid: string;
  /** DER of the signed attributes re-tagged as SET OF (what the signature covers), if present. */
  signedAttrsDer: Uint8Array | undefined;
  messageDigest: Uint8Array | undefined;
  contentType: string | undefined;
  /** CMS signing-time attribute (adbe.pkcs7.detached; PAdES forbids it). */
  signingTime: Date | undefined;
  ess: EssReference[] | undefined;
  signatureValue: Uint8Array;
  /** RFC 3161 token (DER ContentInfo) from the unsigned attributes. */
  timestampToken: Uint8Array | undefined;
  /** Non-zero bytes after the DER inside /Contents. */
  trailingBytes: boolean;
  warnings: string[];
}

export class CmsFormatError extends Error {}

/**
 * A copy of `der[start, end)`. Never `slice`: on a Buffer (what /Contents often is) that is a view,
 * and a later write to the result (the signed attributes' re-tag) would change the caller's bytes.
 */
function bytesOf(der: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(der.subarray(start, end));
}

/**
 * Parses /Contents strictly: one ContentInfo of SignedData (RFC 5652 §5) with exactly one
 * SignerInfo. Whatever does not parse is a CmsFormatError.
 */
export function parseCms(contents: Uint8Array): ParsedCms {
  try {
    return readCms(contents);
  } catch (e) {
    if (e instanceof CmsFormatError) throw e;
    throw new CmsFormatError(`CMS does not parse: ${(e as Error).message}`);
  }
}

function readCms(contents: Uint8Array): ParsedCms {
  let outer: Tlv;
  try {
    outer = readTlv(contents, 0);
  } catch (e) {
    throw new CmsFormatError(`/Contents is not DER: ${(e as Error).message}`);
  }
  const der = contents.subarray(0, outer.end);
  const trailingBytes = contents.subarray(outer.end).some((b) => b !== 0);
  const sd = readSignedData(der, outer);
  // Each certificate is parsed strictly once per DER (node:crypto, then its fields), and kept.
  for (const c of sd.certificates) certInfo(c);
  if (sd.signerInfos.length !== 1)
    throw new CmsFormatError(`${sd.signerInfos.length} SignerInfos, expected 1`);
  const si = readSignerInfo(der, sd.signerInfos[0]!);
  const warnings: string[] = [];
  const signerCertificate = findSignerCertificate(der, si.sid, sd.certificates);
  const digestOid = digestAlgorithmOf(si.digestAlgorithm, warnings);

  let messageDigest: Uint8Array | undefined;
  let contentType: string | undefined;
  let signingTime: Date | undefined;
  let ess: EssReference[] | undefined;
  let signedAttrsDer: Uint8Array | undefined;
  if (si.signedAttrs) {
    // What the signature covers: the attributes' encoding with the [0] tag replaced by SET
    // (RFC 5652 §5.4). They are DER by rule (§5.3); indefinite lengths are made definite.
    signedAttrsDer = definiteCopy(der, si.signedAttrs);
    signedAttrsDer[0] = 0x31;
    const seen = new Set<string>();
    for (const a of attributes(der, si.signedAttrs)) {
      if (seen.has(a.type)) throw new CmsFormatError(`signed attribute ${a.type} appears twice`);
      seen.add(a.type);
      if (!INTERPRETED.has(a.type)) {
        // Not read here, so its shape cannot mislead the verifier: reported, not refused.
        if (a.values.length !== 1)
          warnings.push(`signed attribute ${a.type} (not interpreted) has ${a.values.length} values`);
        continue;
      }
      const v = a.values[0];
      if (a.values.length !== 1 || !v) throw new CmsFormatError(`attribute ${a.type} needs one value`);
      try {
        if (a.type === ID_MESSAGE_DIGEST) messageDigest = octets(der, v, 'message-digest');
        else if (a.type === ID_CONTENT_TYPE) contentType = oidOf(der, v, 'content-type');
        else if (a.type === ID_SIGNING_TIME) signingTime = x509Time(der, v);
        else if (a.type === ID_SIGNING_CERTIFICATE_V2) ess = essV2(der, v);
        else if (a.type === ID_SIGNING_CERTIFICATE && !ess) ess = essV1(der, v);
      } catch (e) {
        if (e instanceof CmsFormatError) throw e;
        throw new CmsFormatError(`attribute ${a.type} does not parse: ${(e as Error).message}`);
      }
    }
    if (!messageDigest) throw new CmsFormatError('signed attributes without message-digest');
    if (contentType === undefined) throw new CmsFormatError('signed attributes without content-type');
  }
  let timestampToken: Uint8Array | undefined;
  if (si.unsignedAttrs) {
    for (const a of attributes(der, si.unsignedAttrs)) {
      const v = a.values[0];
      if (a.type === ID_SIGNATURE_TIMESTAMP_TOKEN && v) timestampToken = bytesOf(der, v.start, v.end);
    }
  }
  return {
    signatureAlgorithm: si.signatureAlgorithm,
    eContentType: sd.eContentType,
    eContent: sd.eContent,
    certificates: sd.certificates,
    signerCertificate,
    digestOid,
    signedAttrsDer,
    messageDigest,
    contentType,
    signingTime,
    ess,
    signatureValue: si.signature,
    timestampToken,
    trailingBytes,
    warnings,
  };
}

interface SignedDataParts {
  eContentType: string;
  eContent: Uint8Array | undefined;
  /** The X.509 certificates of SignedData.certificates, copied as they are in the file. */
  certificates: Uint8Array[];
  signerInfos: Tlv[];
}

/**
 * ContentInfo { contentType signedData, [0] EXPLICIT SignedData } and SignedData ::= SEQUENCE {
 * version, digestAlgorithms SET OF, encapContentInfo, certificates [0] IMPLICIT OPTIONAL,
 * crls [1] IMPLICIT OPTIONAL, signerInfos SET OF }: each element in its place, nothing more.
 * BER lengths are followed (NSS writes them); hashes and ESS references cover the certificates'
 * own bytes, so those are kept as they are.
 */
function readSignedData(der: Uint8Array, ci: Tlv): SignedDataParts {
  const parts = elements(der, ci, 'ContentInfo');
  if (parts.length !== 2 || parts[0]!.tag !== 0x06 || parts[1]!.tag !== 0xa0)
    throw new DerFault('ContentInfo: not { contentType, [0] content }');
  if (oidString(der, parts[0]!) !== ID_SIGNED_DATA) throw new CmsFormatError('ContentInfo is not SignedData');
  const inner = children(der, parts[1]!);
  if (inner.length !== 1) throw new DerFault('ContentInfo: [0] must hold one SignedData');
  const kids = elements(der, inner[0]!, 'SignedData');
  // version, digestAlgorithms, encapContentInfo and signerInfos at least.
  if (kids.length < 4) throw new DerFault('SignedData: fields missing');
  const [version, digestAlgorithms, encap] = kids as [Tlv, Tlv, Tlv];
  if (version.tag !== 0x02) throw new DerFault('SignedData: no version');
  if (digestAlgorithms.tag !== 0x31) throw new DerFault('SignedData: no digestAlgorithms SET');
  for (const a of children(der, digestAlgorithms)) algorithmIdentifier(der, a);
  let at = 3;
  const certificateSet = kids[at]!.tag === 0xa0 ? kids[at++] : undefined;
  if (kids[at]?.tag === 0xa1) at++;
  const signerInfos = kids[at];
  if (signerInfos?.tag !== 0x31 || at !== kids.length - 1)
    throw new DerFault('SignedData: signerInfos SET missing or misplaced');
  const [eType, eWrapped, ...rest] = elements(der, encap, 'EncapsulatedContentInfo');
  if (eType?.tag !== 0x06 || rest.length > 0 || (eWrapped && eWrapped.tag !== 0xa0))
    throw new DerFault('EncapsulatedContentInfo: not { eContentType, [0] eContent OPTIONAL }');
  let eContent: Uint8Array | undefined;
  if (eWrapped) {
    const pieces = children(der, eWrapped);
    if (pieces.length !== 1) throw new DerFault('eContent: [0] must hold one OCTET STRING');
    eContent = octetStringValue(der, pieces[0]!, 0);
  }
  // Other CertificateChoices (attribute certificates, "other") are carried, not used.
  const certificates = certificateSet
    ? children(der, certificateSet)
        .filter((t) => t.tag === 0x30)
        .map((t) => bytesOf(der, t.start, t.end))
    : [];
  return {
    eContentType: oidString(der, eType),
    eContent,
    certificates,
    signerInfos: children(der, signerInfos),
  };
}

/** The elements of a SEQUENCE, or a DerFault naming what it should have been. */
function elements(der: Uint8Array, t: Tlv, what: string): Tlv[] {
  if (t.tag !== 0x30) throw new DerFault(`${what} is not a SEQUENCE`);
  return children(der, t);
}

interface SignerInfoParts {
  sid: Tlv;
  digestAlgorithm: string;
  signedAttrs: Tlv | undefined;
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
  unsignedAttrs: Tlv | undefined;
}

/**
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT OPTIONAL,
 * signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL }.
 */
function readSignerInfo(der: Uint8Array, t: Tlv): SignerInfoParts {
  const kids = elements(der, t, 'SignerInfo');
  // version, sid, digestAlgorithm, signatureAlgorithm and signature at least.
  if (kids.length < 5) throw new DerFault('SignerInfo: fields missing');
  const [version, sid, digest] = kids as [Tlv, Tlv, Tlv];
  if (version.tag !== 0x02) throw new DerFault('SignerInfo: no version');
  if (sid.tag !== 0x30 && sid.tag !== 0x80) throw new DerFault('SignerInfo: sid is neither form');
  let at = 3;
  const signedAttrs = kids[at]!.tag === 0xa0 ? kids[at++] : undefined;
  const sigAlg = kids[at++]!;
  const signature = kids[at++];
  const unsignedAttrs = kids[at]?.tag === 0xa1 ? kids[at++] : undefined;
  if (signature?.tag !== 0x04 || at !== kids.length)
    throw new DerFault('SignerInfo: signatureAlgorithm and signature missing or misplaced');
  return {
    sid,
    digestAlgorithm: algorithmIdentifier(der, digest).algorithm,
    signedAttrs,
    signatureAlgorithm: algorithmIdentifier(der, sigAlg),
    signature: bytesOf(der, signature.contentStart, signature.contentEnd),
    unsignedAttrs,
  };
}

/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }. */
function attributes(der: Uint8Array, set: Tlv): { type: string; values: Tlv[] }[] {
  return children(der, set).map((a) => {
    const parts = elements(der, a, 'Attribute');
    if (parts.length !== 2 || parts[0]!.tag !== 0x06 || parts[1]!.tag !== 0x31)
      throw new CmsFormatError('an attribute is not { OID, SET OF values }');
    return { type: oidString(der, parts[0]!), values: children(der, parts[1]!) };
  });
}

/**
 * An OCTET STRING's value: primitive, or (BER) constructed from primitive pieces, which are
 * joined. A copy, so the result does not keep /Contents alive.
 */
function octetStringValue(der: Uint8Array, t: Tlv, depth: number): Uint8Array {
  if (t.tag === 0x04) return bytesOf(der, t.contentStart, t.contentEnd);
  if (t.tag !== 0x24 || depth > 8) throw new DerFault('not an OCTET STRING');
  return Buffer.concat(children(der, t).map((c) => octetStringValue(der, c, depth + 1)));
}

/** A primitive OCTET STRING (what a signed attribute's DER allows). */
function octets(der: Uint8Array, t: Tlv, what: string): Uint8Array {
  if (t.tag !== 0x04) throw new CmsFormatError(`${what} is not an OCTET STRING`);
  return bytesOf(der, t.contentStart, t.contentEnd);
}

function oidOf(der: Uint8Array, t: Tlv, what: string): string {
  if (t.tag !== 0x06) throw new CmsFormatError(`${what} is not an OID`);
  return oidString(der, t);
}

/** A copy of one element with every indefinite length made definite (BER → DER lengths). */
function definiteCopy(der: Uint8Array, t: Tlv): Uint8Array {
  if (t.contentEnd === t.end) return bytesOf(der, t.start, t.end);
  return tlv(t.tag, ...children(der, t).map((c) => definiteCopy(der, c)));
}

/**
 * SignerInfo.digestAlgorithm as a digest OID. Some signers write the signature algorithm there
 * (sha256WithRSAEncryption instead of sha256); its digest is unambiguous, so it is read as that
 * digest with a warning, as EU DSS does. Anything else unknown stays a format error.
 */
function digestAlgorithmOf(oid: string, warnings: string[]): string {
  if (DIGESTS[oid]) return oid;
  // Every digest a signature algorithm OID names is one DIGESTS knows (verify-value.ts).
  const digest = digestOfSignatureOid(oid);
  if (!digest) throw new CmsFormatError(`unknown digest algorithm ${oid}`);
  warnings.push(
    `the CMS names the digest algorithm by a signature algorithm OID (${oid}); read as ${DIGESTS[digest]!.name}`,
  );
  return digest;
}

/** The certificate the sid names: issuerAndSerialNumber, or [0] subjectKeyIdentifier. */
function findSignerCertificate(der: Uint8Array, sid: Tlv, certs: Uint8Array[]): Uint8Array | undefined {
  if (sid.tag === 0x80) {
    const wanted = Buffer.from(der.subarray(sid.contentStart, sid.contentEnd)).toString('hex');
    return certs.find((c) => certInfo(c).ski === wanted);
  }
  const parts = children(der, sid);
  if (parts.length !== 2 || parts[0]!.tag !== 0x30 || parts[1]!.tag !== 0x02)
    throw new CmsFormatError('issuerAndSerialNumber: not { issuer Name, serialNumber INTEGER }');
  const [issuer, serial] = parts as [Tlv, Tlv];
  const issuerDer = Buffer.from(definiteCopy(der, issuer));
  const serialBytes = Buffer.from(der.subarray(serial.contentStart, serial.contentEnd));
  // Every certificate here was read by certInfo when the CMS was parsed.
  return certs.find((c) => {
    const info = certInfo(c);
    return serialBytes.equals(info.serial) && issuerDer.equals(info.issuerDer);
  });
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies OPTIONAL };
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256, certHash OCTET STRING,
 * issuerSerial OPTIONAL } (RFC 5035 §3).
 */
function essV2(der: Uint8Array, v: Tlv): EssReference[] {
  const [certs] = elements(der, v, 'SigningCertificateV2');
  if (certs?.tag !== 0x30) throw new CmsFormatError('SigningCertificateV2 without certs');
  return children(der, certs).map((id) => {
    const [first, second] = elements(der, id, 'ESSCertIDv2');
    const hashed = first?.tag === 0x30;
    const hash = hashed ? second : first;
    if (hash?.tag !== 0x04) throw new CmsFormatError('ESSCertIDv2 without certHash');
    return {
      version: 2 as const,
      hashOid: hashed ? algorithmIdentifier(der, first).algorithm : SHA256,
      hash: bytesOf(der, hash.contentStart, hash.contentEnd),
    };
  });
}

/** SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID { certHash OCTET STRING (SHA-1), … } } */
function essV1(der: Uint8Array, v: Tlv): EssReference[] {
  const [certs] = elements(der, v, 'SigningCertificate');
  if (certs?.tag !== 0x30) throw new CmsFormatError('SigningCertificate without certs');
  return children(der, certs).map((id) => {
    const hash = elements(der, id, 'ESSCertID')[0];
    if (hash?.tag !== 0x04) throw new CmsFormatError('ESSCertID without certHash');
    return {
      version: 1 as const,
      hashOid: '1.3.14.3.2.26',
      hash: bytesOf(der, hash.contentStart, hash.contentEnd),
    };
  });
}

/** Does the ESS reference name this certificate (hash of its DER)? */
export function essMatches(refs: EssReference[], certificate: Uint8Array): boolean {
  return refs.some((r) => {
    const d = DIGESTS[r.hashOid];
    return d !== undefined && createHash(d.node).update(certificate).digest().equals(Buffer.from(r.hash));
  });
}
