import { createHash, randomBytes } from 'node:crypto';
import { CertID, OCSPRequest, Request, TBSRequest, id_pkix_ocsp_nonce } from '../asn1/ocsp.js';
import { AsnConvert, OctetString } from '../asn1/schema.js';
import { AlgorithmIdentifier, Extension } from '../asn1/x509.js';
import type { CertInfo } from './certificate.js';

// Reading and judging responses needs no schema: a verification that only reads /DSS answers never
// loads @peculiar/asn1-ocsp (ocsp-answer.ts). This module builds requests.
export { type ParsedOcsp, ocspAnswer, ocspStatus, readOcsp, singleFor } from './ocsp-answer.js';

const SHA1 = '1.3.14.3.2.26';

/** CertID with SHA-1 (what every deployed responder answers, RFC 6960 §4.1.1). */
export function certId(cert: CertInfo, issuer: CertInfo): CertID {
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: SHA1, parameters: null }),
    issuerNameHash: new OctetString(createHash('sha1').update(issuer.subjectDer).digest()),
    issuerKeyHash: new OctetString(createHash('sha1').update(issuer.publicKeyBits).digest()),
    serialNumber: new Uint8Array(cert.serial).buffer,
  });
}

/** The CertID's DER in hex: the key of its cached answers. */
export function certIdHex(id: CertID): string {
  return Buffer.from(AsnConvert.serialize(id)).toString('hex');
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
