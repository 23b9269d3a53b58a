import { DerFault, type Tlv, slice } from '../cms/der.js';
import {
  type AlgorithmId,
  SET,
  algorithmIdentifier,
  content,
  expectSequence,
  only,
  oidString,
  whole,
  x509Time,
} from '../cms/der-values.js';

/**
 * The fields of an X.509 certificate (RFC 5280 §4.1) that chain building, key usage, revocation and
 * the report read, walked in place over the DER. Every verification reads the signer's chain, the
 * TSA's and the OCSP responders' certificates and those in /DSS; the schema parser
 * (@peculiar/asn1-x509) costs milliseconds each, this a fraction of one. It reads no more than it
 * returns: node:crypto's X509Certificate, which certInfo builds first, is the strict parse.
 */
export interface X509Fields {
  /** INTEGER content of serialNumber, as encoded (a leading 00 kept). */
  serial: Uint8Array;
  /** The outer signatureAlgorithm: its OID and the DER of its parameters, when present and not NULL. */
  signatureAlgorithm: AlgorithmId;
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** Each RDN's attributes: type OID and value, in encoding order. */
  issuer: NameAttribute[][];
  subject: NameAttribute[][];
  notBefore: Date;
  notAfter: Date;
  /** The subjectPublicKey BIT STRING's bits, without the unused-bits octet (what OCSP hashes). */
  publicKeyBits: Uint8Array;
  extensions: X509Extension[];
}

export interface NameAttribute {
  type: string;
  value: string;
}

export interface X509Extension {
  oid: string;
  critical: boolean;
  /** Content of extnValue: the DER of the extension's own value. */
  value: Uint8Array;
}

const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const OID = 0x06;
const BOOLEAN = 0x01;
const ctx = (n: number): number => 0xa0 + n;

/** A serial number's INTEGER content as vanthu names it: upper-case hex, leading zero octets dropped. */
export function serialHex(content: Uint8Array): string {
  return Buffer.from(content)
    .toString('hex')
    .replace(/^(00)+(?=.)/, '')
    .toUpperCase();
}

export function readX509(der: Uint8Array): X509Fields {
  const [tbs, sigAlg, sigValue, ...extra] = expectSequence(der, whole(der), 'Certificate');
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a third element implies the first two; the checks only narrow the types
  if (!tbs || !sigAlg || sigValue?.tag !== BIT_STRING || extra.length > 0)
    throw new DerFault('Certificate: not { tbsCertificate, signatureAlgorithm, signatureValue }');
  const parts = expectSequence(der, tbs, 'tbsCertificate');
  let i = parts[0]?.tag === ctx(0) ? 1 : 0;
  const [serial, , issuer, validity, subject, spki] = parts.slice(i, i + 6);
  if (serial?.tag !== INTEGER || !issuer || !validity || !subject || !spki)
    throw new DerFault('tbsCertificate: fields missing');
  i += 6;
  // issuerUniqueID [1] and subjectUniqueID [2] (IMPLICIT BIT STRING) are skipped.
  while (parts[i] && (parts[i]!.tag === 0x81 || parts[i]!.tag === 0x82)) i++;
  const extensionsTlv = parts[i]?.tag === ctx(3) ? parts[i++] : undefined;
  if (i !== parts.length) throw new DerFault('tbsCertificate: unexpected trailing fields');
  const [notBefore, notAfter, ...moreTimes] = expectSequence(der, validity, 'Validity');
  if (!notBefore || !notAfter || moreTimes.length > 0) throw new DerFault('Validity: two times expected');
  const [, key] = expectSequence(der, spki, 'SubjectPublicKeyInfo');
  if (key?.tag !== BIT_STRING || key.contentEnd === key.contentStart)
    throw new DerFault('SubjectPublicKeyInfo: no subjectPublicKey');
  return {
    serial: content(der, serial),
    signatureAlgorithm: algorithmIdentifier(der, sigAlg),
    issuerDer: Buffer.from(slice(der, issuer)),
    subjectDer: Buffer.from(slice(der, subject)),
    issuer: readName(der, issuer),
    subject: readName(der, subject),
    notBefore: x509Time(der, notBefore),
    notAfter: x509Time(der, notAfter),
    publicKeyBits: der.subarray(key.contentStart + 1, key.contentEnd),
    extensions: extensionsTlv ? readExtensions(der, extensionsTlv) : [],
  };
}

function readName(der: Uint8Array, t: Tlv): NameAttribute[][] {
  return expectSequence(der, t, 'Name').map((rdn) =>
    expectSequence(der, rdn, 'RelativeDistinguishedName', SET).map((atv) => {
      const [type, value, ...rest] = expectSequence(der, atv, 'AttributeTypeAndValue');
      if (type?.tag !== OID || !value || rest.length > 0)
        throw new DerFault('AttributeTypeAndValue: malformed');
      return { type: oidString(der, type), value: attributeText(der, value) };
    }),
  );
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * An attribute value as text, the way the report has always shown names: the string types decoded
 * (UTF8String strictly, else byte for byte), BMPString as UTF-16BE, UniversalString by the low 16
 * bits of each character; any other type as the hex of its whole encoding.
 */
export function attributeText(der: Uint8Array, t: Tlv): string {
  const bytes = content(der, t);
  switch (t.tag) {
    case 0x0c: // UTF8String
      return utf8OrBytes(bytes);
    case 0x13: // PrintableString
    case 0x14: // TeletexString
    case 0x16: // IA5String
      return latin1(bytes);
    case 0x1e: // BMPString
      if (bytes.length % 2 !== 0) throw new DerFault('BMPString of odd length');
      return charCodes(bytes, 2);
    case 0x1c: // UniversalString
      if (bytes.length % 4 !== 0) throw new DerFault('UniversalString not a multiple of 4 bytes');
      return charCodes(bytes, 4);
    default:
      return Buffer.from(slice(der, t)).toString('hex');
  }
}

/** UTF-8 when the bytes are valid UTF-8, else byte for byte (as a schema parser would fall back). */
function utf8OrBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1(bytes);
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}

/** Each `width`-byte big-endian unit's low 16 bits as one UTF-16 code unit. */
function charCodes(bytes: Uint8Array, width: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += width)
    out += String.fromCharCode((bytes[i + width - 2]! << 8) | bytes[i + width - 1]!);
  return out;
}

function readExtensions(der: Uint8Array, t: Tlv): X509Extension[] {
  return expectSequence(der, only(der, t, 'extensions'), 'Extensions').map((ext) => {
    const fields = expectSequence(der, ext, 'Extension');
    const [oid, second, third, ...rest] = fields;
    const critical = second?.tag === BOOLEAN ? second : undefined;
    const value = critical ? third : second;
    if (oid?.tag !== OID || value?.tag !== OCTET_STRING || rest.length > 0 || (!critical && third))
      throw new DerFault('Extension: malformed');
    if (critical && critical.contentEnd - critical.contentStart !== 1)
      throw new DerFault('Extension: malformed BOOLEAN');
    return {
      oid: oidString(der, oid),
      critical: critical !== undefined && der[critical.contentStart] !== 0,
      value: content(der, value),
    };
  });
}
