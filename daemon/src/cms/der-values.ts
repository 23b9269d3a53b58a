import { DerFault, type Tlv, children, readTlv } from './der.js';

// Primitive DER values read in place, for the readers that walk certificates and OCSP responses
// without the @peculiar schemas (trust/x509-fields.ts, trust/ocsp-der.ts).

export const SEQUENCE = 0x30;
export const SET = 0x31;

/** Indefinite lengths are BER, not DER: refused at every level these readers walk. */
export function definite(der: Uint8Array, t: Tlv): Tlv {
  if (der[t.start + 1] === 0x80) throw new DerFault('indefinite length (BER) where DER is required');
  return t;
}

/** The one element of `der`: nothing may follow it. */
export function whole(der: Uint8Array): Tlv {
  const t = definite(der, readTlv(der, 0));
  if (t.end !== der.length) throw new DerFault('bytes after the DER element');
  return t;
}

/** The children of a SEQUENCE (or SET, with `tag`), each with a definite length. */
export function expectSequence(der: Uint8Array, t: Tlv, what: string, tag = SEQUENCE): Tlv[] {
  if (t.tag !== tag) throw new DerFault(`${what} is not a ${tag === SET ? 'SET' : 'SEQUENCE'}`);
  return children(der, definite(der, t)).map((c) => definite(der, c));
}

/** The single element an EXPLICIT tag wraps. */
export function only(der: Uint8Array, t: Tlv, what: string): Tlv {
  const [inner, ...rest] = children(der, definite(der, t));
  if (!inner || rest.length > 0) throw new DerFault(`${what}: [${t.tag & 0x1f}] must hold one element`);
  return definite(der, inner);
}

export function content(der: Uint8Array, t: Tlv): Uint8Array {
  return der.subarray(t.contentStart, t.contentEnd);
}

/** A non-negative INTEGER or ENUMERATED of at most 4 bytes. */
export function smallInteger(der: Uint8Array, t: Tlv, what: string): number {
  const n = t.contentEnd - t.contentStart;
  if (n < 1 || n > 4 || (der[t.contentStart]! & 0x80) !== 0)
    throw new DerFault(`${what}: not a small non-negative integer`);
  let v = 0;
  for (let i = t.contentStart; i < t.contentEnd; i++) v = v * 256 + der[i]!;
  return v;
}

export function oidString(der: Uint8Array, t: Tlv): string {
  const arcs: number[] = [];
  let acc = 0;
  if (t.contentEnd === t.contentStart || (der[t.contentEnd - 1]! & 0x80) !== 0)
    throw new DerFault('malformed OBJECT IDENTIFIER');
  for (let i = t.contentStart; i < t.contentEnd; i++) {
    const byte = der[i]!;
    acc = acc * 128 + (byte & 0x7f);
    // Stryker disable next-line EqualityOperator: the bound is not an integer, so > and >= agree on every arc
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new DerFault('OBJECT IDENTIFIER arc too large');
    if (byte & 0x80) continue;
    if (arcs.length === 0) {
      const first = Math.min(2, Math.floor(acc / 40));
      arcs.push(first, acc - first * 40);
    } else arcs.push(acc);
    acc = 0;
  }
  return arcs.join('.');
}

/** GeneralizedTime in UTC: YYYYMMDDHHMMSS[.fff]Z (RFC 5280 and RFC 6960 use no other form). */
export function generalizedTime(der: Uint8Array, t: Tlv): Date {
  const text = Buffer.from(content(der, t)).toString('latin1');
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) throw new DerFault(`malformed GeneralizedTime "${text.slice(0, 32)}"`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return checkedDate(y, mo, d, h, mi, s, ms, text);
}

/** UTCTime YYMMDDHHMMSSZ; years 50–99 are 19xx, 00–49 are 20xx (RFC 5280 §4.1.2.5.1). */
export function utcTime(der: Uint8Array, t: Tlv): Date {
  const text = Buffer.from(content(der, t)).toString('latin1');
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new DerFault(`malformed UTCTime "${text.slice(0, 32)}"`);
  const [yy, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return checkedDate(yy < 50 ? 2000 + yy : 1900 + yy, mo, d, h, mi, s, 0, text);
}

/** A certificate's Time: UTCTime or GeneralizedTime. */
export function x509Time(der: Uint8Array, t: Tlv): Date {
  if (t.tag === 0x17) return utcTime(der, t);
  if (t.tag === 0x18) return generalizedTime(der, t);
  throw new DerFault('a validity time is neither UTCTime nor GeneralizedTime');
}

function checkedDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  text: string,
): Date {
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  // An hour past 23 always moves the date, so the date check covers it; minutes and seconds may not.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || mi > 59 || s > 59)
    throw new DerFault(`time out of range "${text}"`);
  return date;
}

/** An AlgorithmIdentifier as read: its OID and the DER of its parameters, when present. */
export interface AlgorithmId {
  algorithm: string;
  parameters?: ArrayBuffer | null | undefined;
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }; a NULL is no parameters. */
export function algorithmIdentifier(der: Uint8Array, t: Tlv): AlgorithmId {
  const [oid, params, ...rest] = expectSequence(der, t, 'AlgorithmIdentifier');
  if (oid?.tag !== 0x06 || rest.length > 0) throw new DerFault('AlgorithmIdentifier: malformed');
  const out: AlgorithmId = { algorithm: oidString(der, oid) };
  // NULL parameters (the RSA PKCS#1 algorithms) are no parameters.
  if (params && !(params.tag === 0x05 && params.contentEnd === params.contentStart))
    out.parameters = new Uint8Array(der.subarray(params.start, params.end)).buffer as ArrayBuffer;
  return out;
}
