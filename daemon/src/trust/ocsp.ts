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

const sameId = (a: CertID, b: CertID): boolean =>
  Buffer.from(AsnConvert.serialize(a)).equals(Buffer.from(AsnConvert.serialize(b)));

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
  const unknown = (error: string): RevocationAnswer => ({ status: 'UNKNOWN', source, error });
  let basic: BasicOCSPResponse;
  try {
    const resp = AsnConvert.parse(
      der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer,
      OCSPResponse,
    );
    if (resp.responseStatus !== OCSPResponseStatus.successful)
      return unknown(`responder status ${resp.responseStatus}`);
    if (!resp.responseBytes || resp.responseBytes.responseType !== id_pkix_ocsp_basic)
      return unknown('not a basic OCSP response');
    basic = AsnConvert.parse(resp.responseBytes.response.buffer, BasicOCSPResponse);
  } catch (e) {
    return unknown(`unreadable OCSP response: ${(e as Error).message}`);
  }
  const tbs = basic.tbsResponseDataRaw
    ? new Uint8Array(basic.tbsResponseDataRaw)
    : firstChildDer(new Uint8Array(AsnConvert.serialize(basic)));
  const signers: CertInfo[] = [issuer];
  for (const c of basic.certs ?? []) {
    const info = certInfo(new Uint8Array(AsnConvert.serialize(c)));
    if (issuedBy(info, issuer) && info.extendedKeyUsage.includes(EKU_OCSP_SIGNING)) signers.push(info);
  }
  const signer = signers.find(
    (s) =>
      verifySignatureValue(
        basic.signatureAlgorithm,
        undefined,
        s.node.publicKey,
        tbs,
        new Uint8Array(basic.signature),
      ).valid,
  );
  if (!signer)
    return unknown('OCSP response signature does not verify with the issuer or an authorised responder');
  if (signer !== issuer && (signer.notBefore > now || signer.notAfter < now))
    return unknown('OCSP responder certificate outside its validity');
  const id = certId(cert, issuer);
  const single = basic.tbsResponseData.responses.find((r) => sameId(r.certID, id));
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
