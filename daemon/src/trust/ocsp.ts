import { createHash, randomBytes } from 'node:crypto';
import {
  BasicOCSPResponse,
  CertID,
  OCSPRequest,
  OCSPResponse,
  OCSPResponseStatus,
  Request,
  TBSRequest,
  id_pkix_ocsp_basic,
  id_pkix_ocsp_nonce,
} from '../asn1/ocsp.js';
import { AsnConvert, OctetString } from '../asn1/schema.js';
import { AlgorithmIdentifier, Extension } from '../asn1/x509.js';
import { firstChildDer } from '../cms/der.js';
import { verifySignatureValue } from '../cms/verify-value.js';
import { type CertInfo, EKU_OCSP_SIGNING, certInfo, issuedBy } from './certificate.js';
import type { RevocationAnswer } from './crl.js';

const SHA1 = '1.3.14.3.2.26';

/** CertID with SHA-1 (what every deployed responder answers, RFC 6960 §4.1.1). */
export function certId(cert: CertInfo, issuer: CertInfo): CertID {
  const spk = issuer.asn.tbsCertificate.subjectPublicKeyInfo.subjectPublicKey;
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: null }),
    issuerNameHash: new OctetString(createHash('sha1').update(issuer.subjectDer).digest()),
    issuerKeyHash: new OctetString(createHash('sha1').update(Buffer.from(spk)).digest()),
    serialNumber: cert.asn.tbsCertificate.serialNumber,
  });
}

export function ocspRequest(id: CertID): { der: Uint8Array; nonce: Buffer } {
  const nonce = randomBytes(16);
  const req = new OCSPRequest({
    tbsRequest: new TBSRequest({
      requestList: [new Request({ reqCert: id })],
      requestExtensions: [
        new Extension({
          extnID: id_pkix_ocsp_nonce,
          extnValue: new OctetString(AsnConvert.serialize(new OctetString(nonce))),
        }),
      ],
    }),
  });
  return { der: new Uint8Array(AsnConvert.serialize(req)), nonce };
}

/** A basic OCSP response read once, to be judged for any certificate and time without re-reading. */
export interface ParsedOcsp {
  basic: BasicOCSPResponse;
  /** The signed bytes (tbsResponseData). */
  tbs: Uint8Array;
  /** The certificates the response carries (a delegated responder's). */
  certs: CertInfo[];
  /** DER of each single response's CertID, in order. */
  singleIds: Buffer[];
  /** Which certificate's signature verified, per issuer fingerprint (null: none). */
  signerByIssuer: Map<string, CertInfo | null>;
}

/** Parses an OCSP response: a successful BasicOCSPResponse, or why it is not one. */
export function readOcsp(der: Uint8Array): ParsedOcsp | { error: string } {
  try {
    const resp = AsnConvert.parse(
      der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
      OCSPResponse,
    );
    if (resp.responseStatus !== OCSPResponseStatus.successful)
      return { error: `responder status ${resp.responseStatus}` };
    if (!resp.responseBytes || resp.responseBytes.responseType !== id_pkix_ocsp_basic)
      return { error: 'not a basic OCSP response' };
    const basic = AsnConvert.parse(resp.responseBytes.response.buffer, BasicOCSPResponse);
    const tbs = basic.tbsResponseDataRaw
      ? new Uint8Array(basic.tbsResponseDataRaw)
      : firstChildDer(new Uint8Array(AsnConvert.serialize(basic)));
    return {
      basic,
      tbs,
      certs: (basic.certs ?? []).map((c) => certInfo(new Uint8Array(AsnConvert.serialize(c)))),
      singleIds: basic.tbsResponseData.responses.map((r) => Buffer.from(AsnConvert.serialize(r.certID))),
      signerByIssuer: new Map(),
    };
  } catch (e) {
    return { error: `unreadable OCSP response: ${(e as Error).message}` };
  }
}

/** The index of the single response for `cert` (issued by `issuer`), or -1. */
export function singleFor(parsed: ParsedOcsp, cert: CertInfo, issuer: CertInfo): number {
  const id = Buffer.from(AsnConvert.serialize(certId(cert, issuer)));
  return parsed.singleIds.findIndex((d) => d.equals(id));
}

/**
 * The certificate whose key verifies the response: `issuer` itself or a responder certificate it
 * issued with id-kp-OCSPSigning. Verified once per issuer, however often the response is judged.
 */
function signerOf(parsed: ParsedOcsp, issuer: CertInfo): CertInfo | undefined {
  const known = parsed.signerByIssuer.get(issuer.fingerprint);
  if (known !== undefined) return known ?? undefined;
  const { basic, tbs } = parsed;
  const candidates = [
    issuer,
    ...parsed.certs.filter((c) => issuedBy(c, issuer) && c.extendedKeyUsage.includes(EKU_OCSP_SIGNING)),
  ];
  const signer = candidates.find(
    (s) =>
      verifySignatureValue(
        basic.signatureAlgorithm,
        undefined,
        s.node.publicKey,
        tbs,
        new Uint8Array(basic.signature),
      ).valid,
  );
  parsed.signerByIssuer.set(issuer.fingerprint, signer ?? null);
  return signer;
}

/**
 * Reads an OCSP response for `cert`: status successful, a BasicOCSPResponse signed by the issuer or
 * by a responder certificate the issuer issued with id-kp-OCSPSigning, the single response for our
 * CertID, current at `now`.
 */
export function ocspStatus(
  der: Uint8Array,
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  source: string,
): RevocationAnswer {
  const parsed = readOcsp(der);
  if ('error' in parsed) return { status: 'UNKNOWN', source, error: parsed.error };
  return ocspAnswer(parsed, cert, issuer, now, source);
}

/** {@link ocspStatus} on a response already read. */
export function ocspAnswer(
  parsed: ParsedOcsp,
  cert: CertInfo,
  issuer: CertInfo,
  now: Date,
  source: string,
): RevocationAnswer {
  const unknown = (error: string): RevocationAnswer => ({ status: 'UNKNOWN', source, error });
  const signer = signerOf(parsed, issuer);
  if (!signer)
    return unknown('OCSP response signature does not verify with the issuer or an authorised responder');
  if (signer !== issuer && (signer.notBefore > now || signer.notAfter < now))
    return unknown('OCSP responder certificate outside its validity');
  const single = parsed.basic.tbsResponseData.responses[singleFor(parsed, cert, issuer)];
  if (!single) return unknown('the response does not cover this certificate');
  const base = {
    source,
    thisUpdate: single.thisUpdate,
    ...(single.nextUpdate ? { nextUpdate: single.nextUpdate } : {}),
  };
  if (single.thisUpdate.getTime() > now.getTime() + 300_000)
    return { ...base, status: 'UNKNOWN', error: 'response from the future' };
  if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime())
    return { ...base, status: 'UNKNOWN', error: 'response expired' };
  if (single.certStatus.revoked)
    return { ...base, status: 'REVOKED', revokedAt: single.certStatus.revoked.revocationTime };
  if (single.certStatus.unknown !== undefined || single.certStatus.good === undefined)
    return { ...base, status: 'UNKNOWN', error: 'the responder does not know this certificate' };
  return { ...base, status: 'GOOD' };
}
