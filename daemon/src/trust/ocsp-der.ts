import { DerFault, type Tlv, children, slice } from '../cms/der.js';
import {
  SEQUENCE,
  expectSequence,
  generalizedTime,
  oidString,
  only,
  smallInteger,
  whole,
} from '../cms/der-values.js';

/**
 * A strict DER reader for OCSP responses (RFC 6960 §4.2.1), limited to the fields validation reads.
 * A verification reads every /DSS answer it needs; the schema parser (@peculiar/asn1-ocsp) cost
 * 6–15 ms an answer and its module load, this a fraction of a millisecond. Anything that is not DER
 * of that shape — wrong tag, length beyond its container, indefinite length, bytes left over — throws
 * DerFault; what the signature covers (tbsResponseData) is kept as the exact bytes read.
 */

export type OcspCertStatus =
  | { kind: 'good' }
  | { kind: 'revoked'; revocationTime: Date }
  | { kind: 'unknown' };

export interface OcspSingleResponse {
  /** DER of the CertID, as the responder wrote it (compared byte for byte with ours). */
  certIdDer: Buffer;
  certStatus: OcspCertStatus;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
}

export interface BasicOcspDer {
  /** The signed bytes: DER of tbsResponseData. */
  tbs: Uint8Array;
  /** byName: DER of the responder's Name; byKey: SHA-1 of its public key. */
  responderId: { byName: Uint8Array } | { byKey: Uint8Array };
  producedAt: Date;
  responses: OcspSingleResponse[];
  /** signatureAlgorithm: its OID and the DER of its parameters (null when absent or NULL). */
  signatureAlgorithm: { oid: string; parameters: Uint8Array | null };
  signature: Uint8Array;
  /** DER of each certificate the response carries (a delegated responder's). */
  certs: Uint8Array[];
}

export type OcspResponseDer = { status: number; basic: BasicOcspDer | undefined; responseType?: string };

const OID = 0x06;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const INTEGER = 0x02;
const ENUMERATED = 0x0a;
const NULL = 0x05;
const GENERALIZED_TIME = 0x18;
const ctx = (n: number): number => 0xa0 + n;
const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** The response status and, for a successful basic response, its fields. */
export function readOcspResponse(der: Uint8Array): OcspResponseDer {
  const top = whole(der);
  const [status, bytes, ...rest] = expectSequence(der, top, 'OCSPResponse');
  if (!status || status.tag !== ENUMERATED)
    throw new DerFault('OCSPResponse: responseStatus is not ENUMERATED');
  const code = smallInteger(der, status, 'responseStatus');
  if (rest.length > 0) throw new DerFault('OCSPResponse: unexpected elements');
  if (!bytes) return { status: code, basic: undefined };
  if (bytes.tag !== ctx(0)) throw new DerFault('OCSPResponse: responseBytes is not [0]');
  const [rb, ...more] = children(der, bytes);
  if (!rb || more.length > 0) throw new DerFault('OCSPResponse: [0] must hold one ResponseBytes');
  const [type, octets, ...extra] = expectSequence(der, rb, 'ResponseBytes');
  if (!type || type.tag !== OID || !octets || octets.tag !== OCTET_STRING || extra.length > 0)
    throw new DerFault('ResponseBytes: expected responseType and response');
  const responseType = oidString(der, type);
  if (responseType !== ID_PKIX_OCSP_BASIC) return { status: code, basic: undefined, responseType };
  return {
    status: code,
    responseType,
    basic: readBasicOcsp(der.subarray(octets.contentStart, octets.contentEnd)),
  };
}

/** BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature, certs [0] OPTIONAL } */
export function readBasicOcsp(der: Uint8Array): BasicOcspDer {
  const [tbs, alg, sig, certs, ...rest] = expectSequence(der, whole(der), 'BasicOCSPResponse');
  if (!tbs || !alg || !sig) throw new DerFault('BasicOCSPResponse: missing elements');
  if (rest.length > 0 || (certs && certs.tag !== ctx(0)))
    throw new DerFault('BasicOCSPResponse: unexpected elements');
  if (sig.tag !== BIT_STRING) throw new DerFault('BasicOCSPResponse: signature is not a BIT STRING');
  if (sig.contentEnd === sig.contentStart || der[sig.contentStart] !== 0)
    throw new DerFault('BasicOCSPResponse: the signature has unused bits');
  const data = readResponseData(der, tbs);
  return {
    tbs: slice(der, tbs),
    ...data,
    signatureAlgorithm: algorithmIdentifier(der, alg),
    signature: der.subarray(sig.contentStart + 1, sig.contentEnd),
    certs: certs ? certificates(der, certs) : [],
  };
}

/** ResponseData ::= SEQUENCE { version [0] DEFAULT v1, responderID, producedAt, responses, responseExtensions [1] OPTIONAL } */
function readResponseData(
  der: Uint8Array,
  tbs: Tlv,
): Pick<BasicOcspDer, 'responderId' | 'producedAt' | 'responses'> {
  const items = expectSequence(der, tbs, 'ResponseData');
  let i = 0;
  if (items[0]?.tag === ctx(0)) {
    const [v, ...more] = children(der, items[0]);
    if (!v || v.tag !== INTEGER || more.length > 0 || smallInteger(der, v, 'version') !== 0)
      throw new DerFault('ResponseData: unsupported version');
    i = 1;
  }
  const rid = items[i];
  const produced = items[i + 1];
  const list = items[i + 2];
  const ext = items[i + 3];
  if (!rid || !produced || !list) throw new DerFault('ResponseData: missing elements');
  if (items.length > i + 4 || (ext && ext.tag !== ctx(1)))
    throw new DerFault('ResponseData: unexpected elements');
  if (ext) expectSequence(der, only(der, ext, 'responseExtensions'), 'Extensions');
  if (rid.tag !== ctx(1) && rid.tag !== ctx(2))
    throw new DerFault('ResponseData: responderID is not [1] or [2]');
  const id = only(der, rid, 'responderID');
  let responderId: BasicOcspDer['responderId'];
  if (rid.tag === ctx(1)) {
    expectSequence(der, id, 'responderID byName');
    responderId = { byName: slice(der, id) };
  } else {
    if (id.tag !== OCTET_STRING) throw new DerFault('responderID byKey is not an OCTET STRING');
    responderId = { byKey: der.subarray(id.contentStart, id.contentEnd) };
  }
  if (produced.tag !== GENERALIZED_TIME)
    throw new DerFault('ResponseData: producedAt is not GeneralizedTime');
  const responses = expectSequence(der, list, 'responses').map((s) => singleResponse(der, s));
  return { responderId, producedAt: generalizedTime(der, produced), responses };
}

/** SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0] OPTIONAL, singleExtensions [1] OPTIONAL } */
function singleResponse(der: Uint8Array, t: Tlv): OcspSingleResponse {
  const [id, status, thisUpdate, ...rest] = expectSequence(der, t, 'SingleResponse');
  if (!id || !status || !thisUpdate) throw new DerFault('SingleResponse: missing elements');
  const idParts = expectSequence(der, id, 'CertID');
  if (
    idParts.length !== 4 ||
    idParts[0]!.tag !== SEQUENCE ||
    idParts[1]!.tag !== OCTET_STRING ||
    idParts[2]!.tag !== OCTET_STRING ||
    idParts[3]!.tag !== INTEGER
  )
    throw new DerFault('CertID: expected hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber');
  if (thisUpdate.tag !== GENERALIZED_TIME)
    throw new DerFault('SingleResponse: thisUpdate is not GeneralizedTime');
  let next: Tlv | undefined;
  let k = 0;
  if (rest[k]?.tag === ctx(0)) next = only(der, rest[k++]!, 'nextUpdate');
  if (rest[k]?.tag === ctx(1)) expectSequence(der, only(der, rest[k++]!, 'singleExtensions'), 'Extensions');
  if (k !== rest.length) throw new DerFault('SingleResponse: unexpected elements');
  if (next && next.tag !== GENERALIZED_TIME)
    throw new DerFault('SingleResponse: nextUpdate is not GeneralizedTime');
  return {
    certIdDer: Buffer.from(slice(der, id)),
    certStatus: certStatus(der, status),
    thisUpdate: generalizedTime(der, thisUpdate),
    nextUpdate: next ? generalizedTime(der, next) : undefined,
  };
}

/** good [0] IMPLICIT NULL | revoked [1] IMPLICIT RevokedInfo | unknown [2] IMPLICIT NULL */
function certStatus(der: Uint8Array, t: Tlv): OcspCertStatus {
  if (t.tag === 0x80 || t.tag === 0x82) {
    if (t.contentEnd !== t.contentStart) throw new DerFault('certStatus: good/unknown must be empty');
    return { kind: t.tag === 0x80 ? 'good' : 'unknown' };
  }
  if (t.tag !== ctx(1)) throw new DerFault('certStatus: not good, revoked or unknown');
  // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
  const [time, reason, ...rest] = children(der, t);
  if (!time || time.tag !== GENERALIZED_TIME)
    throw new DerFault('RevokedInfo: revocationTime is not GeneralizedTime');
  if (
    rest.length > 0 ||
    (reason && (reason.tag !== ctx(0) || only(der, reason, 'revocationReason').tag !== ENUMERATED))
  )
    throw new DerFault('RevokedInfo: unexpected elements');
  return { kind: 'revoked', revocationTime: generalizedTime(der, time) };
}

function algorithmIdentifier(der: Uint8Array, t: Tlv): BasicOcspDer['signatureAlgorithm'] {
  const [oid, params, ...rest] = expectSequence(der, t, 'AlgorithmIdentifier');
  if (!oid || oid.tag !== OID || rest.length > 0) throw new DerFault('AlgorithmIdentifier: malformed');
  const isNull = params?.tag === NULL;
  if (isNull && params.contentEnd !== params.contentStart)
    throw new DerFault('AlgorithmIdentifier: NULL with content');
  return { oid: oidString(der, oid), parameters: params && !isNull ? slice(der, params) : null };
}

/** certs [0] EXPLICIT SEQUENCE OF Certificate: each one's DER (certInfo parses them strictly). */
function certificates(der: Uint8Array, t: Tlv): Uint8Array[] {
  return expectSequence(der, only(der, t, 'certs'), 'certs').map((c) => {
    if (c.tag !== SEQUENCE) throw new DerFault('certs: an element is not a Certificate');
    return slice(der, c);
  });
}
