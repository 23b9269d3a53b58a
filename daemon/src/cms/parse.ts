import { createHash } from 'node:crypto';
import {
  SignedData,
  type SignerInfo,
  id_contentType,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from '../asn1/cms.js';
import { AsnConvert, OctetString } from '../asn1/schema.js';
import { type Name, Time } from '../asn1/x509.js';
import { DerFault, type Tlv, children, readTlv, slice } from './der.js';
import { SigningCertificateV2, id_aa_signingCertificateV2 } from './ess.js';
import { id_aa_signatureTimeStampToken } from './signed-data.js';
import { DIGESTS, digestOfSignatureOid } from './verify-value.js';
import { certInfo } from '../trust/certificate.js';

/** id-aa-signingCertificate (RFC 2634, ESS v1 with SHA-1). */
const id_aa_signingCertificate = '1.2.840.113549.1.9.16.2.12';
const SHA256 = '2.16.840.1.101.3.4.2.1';
/** The signed attributes read here; each must have exactly one value (RFC 5652 §11, RFC 5035). */
const INTERPRETED = new Set([
  id_contentType,
  id_messageDigest,
  id_signingTime,
  id_aa_signingCertificateV2,
  id_aa_signingCertificate,
]);

export interface EssReference {
  version: 1 | 2;
  hashOid: string;
  hash: Uint8Array;
}

/** The parts of a PDF signature's CMS SignedData the verifier needs, all from one strict parse. */
export interface ParsedCms {
  signerInfo: SignerInfo;
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

const ab = (u: Uint8Array): ArrayBuffer =>
  u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;

/** Parses /Contents strictly: one DER ContentInfo of SignedData with exactly one SignerInfo. */
export function parseCms(contents: Uint8Array): ParsedCms {
  let outer: ReturnType<typeof readTlv>;
  try {
    outer = readTlv(contents, 0);
  } catch (e) {
    throw new CmsFormatError(`/Contents is not DER: ${(e as Error).message}`);
  }
  const der = contents.subarray(0, outer.end);
  const trailingBytes = contents.subarray(outer.end).some((b) => b !== 0);
  let sd: SignedData;
  try {
    const parts = signedDataOf(der);
    sd = AsnConvert.parse(ab(parts.signedData), SignedData);
    // Each certificate is parsed strictly once per DER (node:crypto, then its fields), and kept.
    for (const c of parts.certificates) certInfo(c);
  } catch (e) {
    if (e instanceof CmsFormatError) throw e;
    throw new CmsFormatError(`CMS does not parse: ${(e as Error).message}`);
  }
  if (sd.signerInfos.length !== 1)
    throw new CmsFormatError(`${sd.signerInfos.length} SignerInfos, expected 1`);
  const si = sd.signerInfos[0]!;
  const ec = sd.encapContentInfo.eContent;
  const eContentRaw = ec?.single ?? ec?.any;
  const eContent = eContentRaw
    ? new Uint8Array(eContentRaw instanceof OctetString ? eContentRaw.buffer : eContentRaw)
    : undefined;
  // The embedded certificates as they are in the file (hashes and ESS references cover these bytes).
  const certificates = rawCertificates(der);
  const warnings: string[] = [];
  const signerCertificate = findSignerCertificate(si, certificates);
  const digestOid = digestAlgorithmOf(si.digestAlgorithm.algorithm, warnings);

  let messageDigest: Uint8Array | undefined;
  let contentType: string | undefined;
  let signingTime: Date | undefined;
  let ess: EssReference[] | undefined;
  let signedAttrsDer: Uint8Array | undefined;
  if (si.signedAttrs) {
    // Signed attributes are DER by rule (RFC 5652 §5.3); a BER encoding is re-encoded.
    signedAttrsDer =
      rawSignedAttrs(der) ?? derSet(si.signedAttrs.map((a) => Buffer.from(AsnConvert.serialize(a))));
    const seen = new Set<string>();
    for (const a of si.signedAttrs) {
      if (seen.has(a.attrType)) throw new CmsFormatError(`signed attribute ${a.attrType} appears twice`);
      seen.add(a.attrType);
      const v = a.attrValues[0];
      if (!INTERPRETED.has(a.attrType)) {
        // Not read here, so its shape cannot mislead the verifier: reported, not refused.
        if (a.attrValues.length !== 1)
          warnings.push(`signed attribute ${a.attrType} (not interpreted) has ${a.attrValues.length} values`);
        continue;
      }
      if (a.attrValues.length !== 1 || !v)
        throw new CmsFormatError(`attribute ${a.attrType} needs one value`);
      try {
        if (a.attrType === id_messageDigest)
          messageDigest = new Uint8Array(AsnConvert.parse(v, OctetString).buffer);
        else if (a.attrType === id_contentType) contentType = oidFromDer(new Uint8Array(v));
        else if (a.attrType === id_signingTime) signingTime = AsnConvert.parse(v, Time).getTime();
        else if (a.attrType === id_aa_signingCertificateV2) {
          const sc = AsnConvert.parse(v, SigningCertificateV2);
          ess = sc.certs.map((c) => ({
            version: 2 as const,
            hashOid: c.hashAlgorithm?.algorithm ?? SHA256,
            hash: new Uint8Array(c.certHash.buffer),
          }));
        } else if (a.attrType === id_aa_signingCertificate && !ess) {
          ess = essV1(new Uint8Array(v));
        }
      } catch (e) {
        if (e instanceof CmsFormatError) throw e;
        throw new CmsFormatError(`attribute ${a.attrType} does not parse: ${(e as Error).message}`);
      }
    }
    if (!messageDigest) throw new CmsFormatError('signed attributes without message-digest');
    if (contentType === undefined) throw new CmsFormatError('signed attributes without content-type');
  }
  let timestampToken: Uint8Array | undefined;
  for (const a of si.unsignedAttrs ?? []) {
    if (a.attrType === id_aa_signatureTimeStampToken && a.attrValues[0])
      timestampToken = new Uint8Array(a.attrValues[0]);
  }
  return {
    signerInfo: si,
    eContentType: sd.encapContentInfo.eContentType,
    eContent,
    certificates,
    signerCertificate,
    digestOid,
    signedAttrsDer,
    messageDigest,
    contentType,
    signingTime,
    ess,
    signatureValue: new Uint8Array(si.signature.buffer),
    timestampToken,
    trailingBytes,
    warnings,
  };
}

/**
 * SignerInfo.digestAlgorithm as a digest OID. Some signers write the signature algorithm there
 * (sha256WithRSAEncryption instead of sha256); its digest is unambiguous, so it is read as that
 * digest with a warning, as EU DSS does. Anything else unknown stays a format error.
 */
function digestAlgorithmOf(oid: string, warnings: string[]): string {
  if (DIGESTS[oid]) return oid;
  const digest = digestOfSignatureOid(oid);
  if (!digest || !DIGESTS[digest]) throw new CmsFormatError(`unknown digest algorithm ${oid}`);
  warnings.push(
    `the CMS names the digest algorithm by a signature algorithm OID (${oid}); read as ${DIGESTS[digest].name}`,
  );
  return digest;
}

function findSignerCertificate(si: SignerInfo, certs: Uint8Array[]): Uint8Array | undefined {
  const ias = si.sid.issuerAndSerialNumber;
  const ski = si.sid.subjectKeyIdentifier;
  if (ias) {
    const serial = Buffer.from(ias.serialNumber);
    const issuer = Buffer.from(AsnConvert.serialize(ias.issuer as Name));
    // Every certificate here was read by certInfo when the CMS was parsed.
    return certs.find((der) => {
      const c = certInfo(der);
      return serial.equals(c.serial) && issuer.equals(c.issuerDer);
    });
  }
  if (!ski) return undefined;
  const wanted = Buffer.from(ski.buffer).toString('hex');
  return certs.find((der) => certInfo(der).ski === wanted);
}

/**
 * The SignedData of a ContentInfo, read with the DER walker (the schema would decode the whole tree
 * once more for ContentInfo's ANY). When every CertificateChoices is an X.509 certificate they are
 * left out of it and parsed one by one through certInfo (trust/certificate.ts): strictly, and only once per
 * DER however many signatures and timestamps of a file carry them.
 */
function signedDataOf(der: Uint8Array): { signedData: Uint8Array; certificates: Uint8Array[] } {
  const ci = readTlv(der, 0);
  const parts = ci.tag === 0x30 ? children(der, ci) : [];
  const [type, content] = parts;
  if (parts.length !== 2 || type?.tag !== 0x06 || content?.tag !== 0xa0)
    throw new DerFault('not a ContentInfo (contentType, [0] content)');
  if (oidFromDer(slice(der, type)) !== id_signedData)
    throw new CmsFormatError('ContentInfo is not SignedData');
  const inner = children(der, content);
  const sdTlv = inner[0];
  if (inner.length !== 1 || sdTlv?.tag !== 0x30)
    throw new DerFault('ContentInfo content is not one SEQUENCE');
  const kids = children(der, sdTlv);
  const set = kids.find((t) => t.tag === 0xa0);
  const choices = set ? children(der, set) : [];
  if (!set || choices.some((t) => t.tag !== 0x30)) return { signedData: slice(der, sdTlv), certificates: [] };
  return {
    signedData: sequence(
      der,
      kids.filter((t) => t !== set),
    ),
    certificates: choices.map((t) => slice(der, t)),
  };
}

/** A definite-length SEQUENCE of the given elements' bytes. */
function sequence(der: Uint8Array, items: Tlv[]): Uint8Array {
  const body = Buffer.concat(items.map((t) => slice(der, t)));
  const n = body.length;
  const len =
    n < 0x80
      ? [n]
      : n < 0x100
        ? [0x81, n]
        : n < 0x10000
          ? [0x82, n >> 8, n & 0xff]
          : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([0x30, ...len]), body]);
}

/** The raw certificates of SignedData.certificates ([0] IMPLICIT SET OF CertificateChoices). */
function rawCertificates(der: Uint8Array): Uint8Array[] {
  try {
    const ci = readTlv(der, 0);
    const sdTlv = children(der, children(der, ci)[1]!)[0]!;
    const set = children(der, sdTlv).find((t) => t.tag === 0xa0);
    return set
      ? children(der, set)
          .filter((t) => t.tag === 0x30)
          .map((t) => der.slice(t.start, t.end))
      : [];
  } catch (e) {
    throw new CmsFormatError(`certificates: ${(e as Error).message}`);
  }
}

/** The original bytes of SignerInfo.signedAttrs with the [0] tag replaced by SET (RFC 5652 §5.4). */
function rawSignedAttrs(der: Uint8Array): Uint8Array | undefined {
  try {
    const ci = readTlv(der, 0);
    const explicit = children(der, ci)[1];
    if (!explicit) throw new DerFault('ContentInfo without content');
    const sdTlv = children(der, explicit)[0];
    if (!sdTlv) throw new DerFault('empty SignedData');
    const sdKids = children(der, sdTlv);
    const signerInfos = sdKids[sdKids.length - 1];
    if (signerInfos?.tag !== 0x31) throw new DerFault('no signerInfos SET');
    const si = children(der, signerInfos)[0];
    if (!si) throw new DerFault('empty signerInfos');
    const attrs = children(der, si).find((t) => t.tag === 0xa0);
    if (!attrs) throw new DerFault('signed attributes not found');
    if (attrs.contentEnd !== attrs.end) return undefined;
    const out = Buffer.from(slice(der, attrs));
    out[0] = 0x31;
    return out;
  } catch (e) {
    throw new CmsFormatError(`signed attributes: ${(e as Error).message}`);
  }
}

/** SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID { certHash OCTET STRING (SHA-1), … } } */
function essV1(v: Uint8Array): EssReference[] {
  const sc = readTlv(v, 0);
  const certs = children(v, sc)[0];
  if (!certs) throw new CmsFormatError('empty SigningCertificate');
  return children(v, certs).map((id) => {
    const hash = children(v, id)[0];
    if (hash?.tag !== 0x04) throw new CmsFormatError('ESSCertID without certHash');
    return {
      version: 1 as const,
      hashOid: '1.3.14.3.2.26',
      hash: v.slice(hash.contentStart, hash.contentEnd),
    };
  });
}

function oidFromDer(v: Uint8Array): string {
  const t = readTlv(v, 0);
  if (t.tag !== 0x06) throw new CmsFormatError('content-type is not an OID');
  const b = v.subarray(t.contentStart, t.contentEnd);
  const arcs: number[] = [];
  let acc = 0;
  for (const byte of b) {
    acc = acc * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0)
        arcs.push(Math.min(2, Math.floor(acc / 40)), acc - Math.min(2, Math.floor(acc / 40)) * 40);
      else arcs.push(acc);
      acc = 0;
    }
  }
  return arcs.join('.');
}

/** Does the ESS reference name this certificate (hash of its DER)? */
export function essMatches(refs: EssReference[], certificate: Uint8Array): boolean {
  return refs.some((r) => {
    const d = DIGESTS[r.hashOid];
    return d !== undefined && createHash(d.node).update(certificate).digest().equals(Buffer.from(r.hash));
  });
}

/** SET OF the given DER elements (the signed attributes as the signature covers them). */
function derSet(items: Buffer[]): Buffer {
  const body = Buffer.concat(items);
  const len: number[] = [];
  for (let v = body.length; v > 0; v = Math.floor(v / 256)) len.unshift(v & 0xff);
  const head = body.length < 0x80 ? [body.length] : [0x80 | len.length, ...len];
  return Buffer.concat([Buffer.from([0x31, ...head]), body]);
}
