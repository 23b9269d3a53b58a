import { DerFault, type Tlv, readTlv } from '../cms/der.js';
import { SEQUENCE, content, expectSequence, oidString, smallInteger, whole } from '../cms/der-values.js';

// The values of the certificate extensions validation reads (RFC 5280 §4.2), each from the DER in
// its extnValue. Malformed values throw DerFault: a certificate whose extension cannot be read is
// not one the chain may use.

/** KeyUsage bits as numbers: digitalSignature = 1, nonRepudiation = 2, … decipherOnly = 256. */
export function keyUsageBits(value: Uint8Array): number {
  const t = whole(value);
  if (t.tag !== 0x03 || t.contentEnd === t.contentStart) throw new DerFault('KeyUsage: not a BIT STRING');
  const unused = value[t.contentStart]!;
  const bits = value.subarray(t.contentStart + 1, t.contentEnd);
  if (unused > 7 || (bits.length === 0 && unused !== 0))
    throw new DerFault('KeyUsage: bad unused-bits count');
  let n = 0;
  const count = bits.length * 8 - unused;
  for (let i = 0; i < count; i++) if (bits[i >> 3]! & (0x80 >> (i & 7))) n += 2 ** i;
  return n;
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } */
export function basicConstraints(value: Uint8Array): { cA: boolean; pathLen: number | undefined } {
  const items = expectSequence(value, whole(value), 'BasicConstraints');
  let i = 0;
  let cA = false;
  if (items[i]?.tag === 0x01) {
    const b = items[i++]!;
    if (b.contentEnd - b.contentStart !== 1) throw new DerFault('BasicConstraints: malformed BOOLEAN');
    cA = value[b.contentStart] !== 0;
  }
  let pathLen: number | undefined;
  if (items[i]?.tag === 0x02) pathLen = smallInteger(value, items[i++]!, 'pathLenConstraint');
  if (i !== items.length) throw new DerFault('BasicConstraints: unexpected fields');
  return { cA, pathLen };
}

/** ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
export function extendedKeyUsage(value: Uint8Array): string[] {
  return expectSequence(value, whole(value), 'ExtKeyUsageSyntax').map((t) => {
    if (t.tag !== 0x06) throw new DerFault('ExtKeyUsageSyntax: an element is not an OID');
    return oidString(value, t);
  });
}

/** SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING), as lower-case hex. */
export function subjectKeyIdentifier(value: Uint8Array): string {
  const t = whole(value);
  if (t.tag !== 0x04) throw new DerFault('SubjectKeyIdentifier: not an OCTET STRING');
  return Buffer.from(content(value, t)).toString('hex');
}

/** AuthorityKeyIdentifier's keyIdentifier [0] IMPLICIT OCTET STRING, as lower-case hex, if present. */
export function authorityKeyIdentifier(value: Uint8Array): string | undefined {
  const items = expectSequence(value, whole(value), 'AuthorityKeyIdentifier');
  const id = items.find((t) => t.tag === 0x80);
  return id ? Buffer.from(content(value, id)).toString('hex') : undefined;
}

/** The URIs of every distribution point's fullName (CRLDistributionPoints). */
export function crlDistributionUris(value: Uint8Array): string[] {
  const out: string[] = [];
  for (const point of expectSequence(value, whole(value), 'CRLDistributionPoints')) {
    const name = expectSequence(value, point, 'DistributionPoint').find((t) => t.tag === 0xa0);
    if (!name) continue;
    // DistributionPointName is a CHOICE, so its [0] is explicit; fullName [0] IMPLICIT GeneralNames.
    const inner = readTlv(value, name.contentStart, name.contentEnd);
    if (inner.end !== name.contentEnd) throw new DerFault('DistributionPointName: malformed');
    if (inner.tag === 0xa0) out.push(...uris(value, generalNames(value, inner)));
  }
  return out;
}

/** AuthorityInfoAccessSyntax: the URIs of the access descriptions with `method`. */
export function accessUris(value: Uint8Array): { method: string; uri: string | undefined }[] {
  return expectSequence(value, whole(value), 'AuthorityInfoAccessSyntax').map((desc) => {
    const [method, location, ...rest] = expectSequence(value, desc, 'AccessDescription');
    if (method?.tag !== 0x06 || !location || rest.length > 0)
      throw new DerFault('AccessDescription: malformed');
    return { method: oidString(value, method), uri: uris(value, [location])[0] };
  });
}

function generalNames(der: Uint8Array, t: Tlv): Tlv[] {
  // Stryker disable next-line StringLiteral: the tag is set to SEQUENCE here, so this name is never shown
  return expectSequence(der, { ...t, tag: SEQUENCE }, 'GeneralNames');
}

/** uniformResourceIdentifier [6] IMPLICIT IA5String, the others skipped. */
function uris(der: Uint8Array, names: Tlv[]): string[] {
  return names.filter((n) => n.tag === 0x86).map((n) => Buffer.from(content(der, n)).toString('latin1'));
}
