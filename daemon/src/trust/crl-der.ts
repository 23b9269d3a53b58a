import { DerFault, slice } from '../cms/der.js';
import {
  type AlgorithmId,
  algorithmIdentifier,
  content,
  expectSequence,
  whole,
  x509Time,
} from '../cms/der-values.js';
import { serialHex } from './x509-fields.js';

/** One entry of revokedCertificates. */
export interface RevokedEntry {
  /** The serial number as CertInfo.serialHex writes it: upper-case hex, leading zero octets dropped. */
  serialHex: string;
  revokedAt: Date;
}

/** The fields of an X.509 CRL (RFC 5280 §5.1) that revocation checking reads, from the DER itself. */
export interface CrlFields {
  /** The encoding of tbsCertList, as signed. */
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmId;
  /** The signature value (the BIT STRING's octets). */
  signature: Uint8Array;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  revoked: RevokedEntry[];
}

const INTEGER = 0x02;
const BIT_STRING = 0x03;
const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
const isTime = (tag: number | undefined): boolean => tag === UTC_TIME || tag === GENERALIZED_TIME;

/**
 * CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING };
 * TBSCertList ::= SEQUENCE { version INTEGER OPTIONAL, signature, issuer Name, thisUpdate Time,
 * nextUpdate Time OPTIONAL, revokedCertificates SEQUENCE OF { userCertificate INTEGER,
 * revocationDate Time, crlEntryExtensions OPTIONAL } OPTIONAL, crlExtensions [0] OPTIONAL }.
 * DER only (definite lengths); anything out of place is a DerFault.
 */
export function readCrl(der: Uint8Array): CrlFields {
  const [tbs, sigAlg, sigValue, ...extra] = expectSequence(der, whole(der), 'CertificateList');
  if (!tbs || !sigAlg || sigValue?.tag !== BIT_STRING || extra.length > 0)
    throw new DerFault('CertificateList: not { tbsCertList, signatureAlgorithm, signatureValue }');
  if (sigValue.contentEnd === sigValue.contentStart || der[sigValue.contentStart] !== 0)
    throw new DerFault('CertificateList: the signature is not whole octets');
  const parts = expectSequence(der, tbs, 'tbsCertList');
  let i = parts[0]?.tag === INTEGER ? 1 : 0;
  const [signature, issuer, thisUpdate] = parts.slice(i, i + 3);
  if (!signature || issuer?.tag !== 0x30 || !isTime(thisUpdate?.tag))
    throw new DerFault('tbsCertList: signature, issuer and thisUpdate expected');
  algorithmIdentifier(der, signature);
  i += 3;
  const nextUpdate = isTime(parts[i]?.tag) ? parts[i++] : undefined;
  const revokedList = parts[i]?.tag === 0x30 ? parts[i++] : undefined;
  if (parts[i]?.tag === 0xa0) i++;
  if (i !== parts.length) throw new DerFault('tbsCertList: unexpected fields');
  const revoked = (revokedList ? expectSequence(der, revokedList, 'revokedCertificates') : []).map(
    (entry) => {
      const [serial, date, ...rest] = expectSequence(der, entry, 'revokedCertificates entry');
      if (serial?.tag !== INTEGER || serial.contentEnd === serial.contentStart || !isTime(date?.tag))
        throw new DerFault('revokedCertificates entry: userCertificate and revocationDate expected');
      if (rest.length > 1 || (rest[0] && rest[0].tag !== 0x30))
        throw new DerFault('revokedCertificates entry: unexpected fields');
      return {
        serialHex: serialHex(content(der, serial)),
        revokedAt: x509Time(der, date!),
      };
    },
  );
  return {
    tbs: slice(der, tbs),
    signatureAlgorithm: algorithmIdentifier(der, sigAlg),
    signature: der.subarray(sigValue.contentStart + 1, sigValue.contentEnd),
    issuerDer: Buffer.from(slice(der, issuer)),
    thisUpdate: x509Time(der, thisUpdate!),
    nextUpdate: nextUpdate ? x509Time(der, nextUpdate) : undefined,
    revoked,
  };
}
