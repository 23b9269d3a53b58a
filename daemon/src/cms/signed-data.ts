import { createHash } from 'node:crypto';
import type { HashAlgorithm, RsaScheme, Signer } from '../token/signer.js';
import { readX509 } from '../trust/x509-fields.js';
import { NODE_HASH, digestAlgorithm, signatureAlgorithm } from './algorithms.js';
import {
  compareOctets,
  explicit,
  integerContent,
  octetString,
  oid,
  sequence,
  setOf,
  smallIntegerDer,
  tlv,
  utcTimeDer,
  generalizedTimeDer,
} from './der-write.js';
import {
  ID_CONTENT_TYPE,
  ID_DATA,
  ID_MESSAGE_DIGEST,
  ID_SIGNATURE_TIMESTAMP_TOKEN,
  ID_SIGNED_DATA,
  ID_SIGNING_CERTIFICATE_V2,
  ID_SIGNING_TIME,
} from './cms-oids.js';

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
export const id_aa_signatureTimeStampToken = ID_SIGNATURE_TIMESTAMP_TOKEN;

export type SubFilter = 'ETSI.CAdES.detached' | 'adbe.pkcs7.detached';

export interface CmsOptions {
  signer: Signer;
  /** Digest of the signed content (the PDF byte ranges), computed by the caller. */
  contentDigest: Uint8Array;
  hash?: HashAlgorithm;
  scheme?: RsaScheme;
  subFilter: SubFilter;
  /** Only for adbe.pkcs7.detached: PAdES forbids the CMS signing-time attribute. */
  signingTime?: Date;
  /** Obtains an RFC 3161 token (DER ContentInfo) over the given signature value (B-T). */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF value }, one value. */
function attribute(type: string, valueDer: Uint8Array): Uint8Array {
  return sequence(oid(type), setOf([valueDer]));
}

/** signing-time (RFC 5652 §11.3): UTCTime from 1950 to 2049, GeneralizedTime outside. */
function signingTimeDer(d: Date): Uint8Array {
  const year = d.getUTCFullYear();
  return year >= 1950 && year <= 2049 ? utcTimeDer(d) : generalizedTimeDer(d);
}

/**
 * signing-certificate-v2 (RFC 5035 §3): SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF
 * ESSCertIDv2 }, one ESSCertIDv2 { certHash, issuerSerial { issuer GeneralNames, serialNumber } }
 * whose hashAlgorithm stays absent for its DEFAULT id-sha256, as DER requires. The issuer is one
 * GeneralName, directoryName [4] (explicit: Name is a CHOICE).
 */
function signingCertificateV2(certificate: Uint8Array, issuer: Uint8Array, serial: Uint8Array): Uint8Array {
  const certHash = createHash('sha256').update(certificate).digest();
  const issuerSerial = sequence(sequence(explicit(4, issuer)), integerContent(serial));
  return sequence(sequence(sequence(octetString(certHash), issuerSerial)));
}

/**
 * Builds a detached CMS SignedData (RFC 5652) for a PDF signature: content-type, message-digest and
 * signing-certificate-v2 as signed attributes (signing-time only for adbe.pkcs7.detached), the
 * signer's certificate and chain, and optionally an RFC 3161 signature timestamp (PAdES B-T).
 */
export async function buildSignedData(opts: CmsOptions): Promise<Uint8Array> {
  const hash = opts.hash ?? 'SHA-256';
  const scheme = opts.scheme ?? 'pkcs1';
  const signer = opts.signer;
  const cert = readX509(signer.certificate);

  const attrs = [
    attribute(ID_CONTENT_TYPE, oid(ID_DATA)),
    attribute(ID_MESSAGE_DIGEST, octetString(opts.contentDigest)),
    attribute(
      ID_SIGNING_CERTIFICATE_V2,
      signingCertificateV2(signer.certificate, cert.issuerDer, cert.serial),
    ),
  ];
  if (opts.subFilter === 'adbe.pkcs7.detached' && opts.signingTime) {
    attrs.push(attribute(ID_SIGNING_TIME, signingTimeDer(opts.signingTime)));
  }
  // The signature covers the attributes as a DER SET OF (tag 0x31, sorted); SignerInfo carries the
  // same contents under [0] IMPLICIT.
  attrs.sort(compareOctets);
  const signedAttrs = tlv(0x31, ...attrs);
  const signature = await signer.sign(signedAttrs, { hash, scheme });
  const signerInfoParts = [
    smallIntegerDer(1),
    sequence(cert.issuerDer, integerContent(cert.serial)),
    digestAlgorithm(hash),
    tlv(0xa0, ...attrs),
    signatureAlgorithm(signer.keyAlgorithm, hash, scheme),
    octetString(signature),
  ];
  if (opts.timestamp) {
    const token = await opts.timestamp(signature);
    signerInfoParts.push(tlv(0xa1, attribute(id_aa_signatureTimeStampToken, token)));
  }
  // The signer's certificate first, then its chain, as given: validators that take the first
  // certificate for the signer's still find it (CMS needs DER only for the signed attributes).
  const certificates = tlv(0xa0, signer.certificate, ...signer.chain);
  const signedData = sequence(
    smallIntegerDer(1),
    setOf([digestAlgorithm(hash)]),
    sequence(oid(ID_DATA)),
    certificates,
    setOf([sequence(...signerInfoParts)]),
  );
  return sequence(oid(ID_SIGNED_DATA), explicit(0, signedData));
}

/** Digest of `data` with the CMS hash (used for the timestamp imprint). */
export function digest(hash: HashAlgorithm, data: Uint8Array): Uint8Array {
  return createHash(NODE_HASH[hash]).update(data).digest();
}

export function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}
