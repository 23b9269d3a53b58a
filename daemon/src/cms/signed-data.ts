import { createHash } from 'node:crypto';
import {
  Attribute,
  CertificateChoices,
  CertificateSet,
  CMSVersion,
  ContentInfo,
  DigestAlgorithmIdentifiers,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedData,
  SignerIdentifier,
  SignerInfo,
  SignerInfos,
  id_contentType,
  id_data,
  id_messageDigest,
  id_signedData,
  id_signingTime,
} from '../asn1/cms.js';
import { AsnConvert, OctetString } from '../asn1/schema.js';
import { Certificate, GeneralName, GeneralNames } from '../asn1/x509.js';
import type { HashAlgorithm, RsaScheme, Signer } from '../token/signer.js';
import { NODE_HASH, digestAlgorithm, signatureAlgorithm } from './algorithms.js';
import {
  EssCertIdV2,
  EssCertIdV2s,
  IssuerSerial,
  SigningCertificateV2,
  id_aa_signingCertificateV2,
} from './ess.js';

/** id-aa-signatureTimeStampToken (RFC 3161 Appendix A). */
export const id_aa_signatureTimeStampToken = '1.2.840.113549.1.9.16.2.14';

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

/** DER of one attribute value list: SET OF the already-encoded values. */
function attribute(type: string, valueDer: ArrayBuffer): Attribute {
  return new Attribute({ attrType: type, attrValues: [valueDer] });
}

/**
 * Builds a detached CMS SignedData for a PDF signature: content-type, message-digest and
 * signing-certificate-v2 as signed attributes (signing-time only for adbe.pkcs7.detached), the
 * signer's certificate and chain, and optionally an RFC 3161 signature timestamp (PAdES B-T).
 */
export async function buildSignedData(opts: CmsOptions): Promise<Uint8Array> {
  const hash = opts.hash ?? 'SHA-256';
  const scheme = opts.scheme ?? 'pkcs1';
  const signer = opts.signer;
  const cert = AsnConvert.parse(signer.certificate, Certificate);

  const essId = new EssCertIdV2({
    certHash: new OctetString(createHash('sha256').update(signer.certificate).digest()),
    issuerSerial: new IssuerSerial({
      issuer: new GeneralNames([new GeneralName({ directoryName: cert.tbsCertificate.issuer })]),
      serialNumber: cert.tbsCertificate.serialNumber,
    }),
  });
  const attrs: Attribute[] = [
    attribute(id_contentType, oidDer(id_data)),
    attribute(id_messageDigest, AsnConvert.serialize(new OctetString(opts.contentDigest))),
    attribute(
      id_aa_signingCertificateV2,
      AsnConvert.serialize(new SigningCertificateV2({ certs: new EssCertIdV2s([essId]) })),
    ),
  ];
  if (opts.subFilter === 'adbe.pkcs7.detached' && opts.signingTime) {
    attrs.push(attribute(id_signingTime, utcTimeDer(opts.signingTime)));
  }
  // DER SET OF: elements sorted by their encodings; the same order goes into SignerInfo.
  const encoded = attrs.map((a) => ({ a, der: Buffer.from(AsnConvert.serialize(a)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  const sortedAttrs = encoded.map((e) => e.a);
  const setDer = derSet(encoded.map((e) => e.der));

  const signature = await signer.sign(setDer, { hash, scheme });

  const signerInfo = new SignerInfo({
    version: CMSVersion.v1,
    sid: new SignerIdentifier({
      issuerAndSerialNumber: new IssuerAndSerialNumber({
        issuer: cert.tbsCertificate.issuer,
        serialNumber: cert.tbsCertificate.serialNumber,
      }),
    }),
    digestAlgorithm: digestAlgorithm(hash),
    signedAttrs: sortedAttrs,
    signatureAlgorithm: signatureAlgorithm(signer.keyAlgorithm, hash, scheme),
    signature: new OctetString(signature),
  });
  if (opts.timestamp) {
    const token = await opts.timestamp(signature);
    signerInfo.unsignedAttrs = [attribute(id_aa_signatureTimeStampToken, toArrayBuffer(token))];
  }

  const certs = [signer.certificate, ...signer.chain].map(
    (der) => new CertificateChoices({ certificate: AsnConvert.parse(der, Certificate) }),
  );
  const signedData = new SignedData({
    version: CMSVersion.v1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([digestAlgorithm(hash)]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(certs),
    signerInfos: new SignerInfos([signerInfo]),
  });
  const info = new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) });
  return new Uint8Array(AsnConvert.serialize(info));
}

/** Digest of `data` with the CMS hash (used for the timestamp imprint). */
export function digest(hash: HashAlgorithm, data: Uint8Array): Uint8Array {
  return createHash(NODE_HASH[hash]).update(data).digest();
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function derSet(items: Buffer[]): Buffer {
  const body = Buffer.concat(items);
  return Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]);
}

function utcTimeDer(d: Date): ArrayBuffer {
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return toArrayBuffer(Buffer.concat([Buffer.from([0x17, s.length]), Buffer.from(s, 'latin1')]));
}

export function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

/** DER of an OBJECT IDENTIFIER value (the content-type attribute). */
function oidDer(oid: string): ArrayBuffer {
  const arcs = oid.split('.').map(Number);
  const body: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    body.push(...chunk);
  }
  return toArrayBuffer(Buffer.from([0x06, body.length, ...body]));
}
