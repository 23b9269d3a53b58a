/**
 * A DER writer (ITU-T X.690 §10) for the structures vanthu builds itself: CMS SignedData and its
 * attributes, algorithm identifiers. Each function returns the whole encoding of one value, so a
 * structure is written inside out from parts that are already DER.
 */

/** The length octets: short form below 128, otherwise the fewest long-form octets (§10.1). */
export function derLength(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`DER length ${n}`);
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One value: its identifier octet, length and the concatenated parts as contents. */
export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const head = derLength(length);
  const out = new Uint8Array(1 + head.length + length);
  out[0] = tag;
  out.set(head, 1);
  let at = 1 + head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...parts: readonly Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/** SET OF: DER orders the elements by their encodings, compared as octet strings (§11.6). */
export function setOf(items: readonly Uint8Array[]): Uint8Array {
  return tlv(0x31, ...[...items].sort(compareOctets));
}

/** Octet-string order of X.690 §11.6: the first differing octet decides, a prefix comes first. */
export function compareOctets(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** [n] EXPLICIT: a constructed context-specific wrapper around complete encodings. */
export const explicit = (n: number, ...parts: readonly Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...parts);

export const octetString = (bytes: Uint8Array): Uint8Array => tlv(0x04, bytes);

export const NULL_DER: Uint8Array = Uint8Array.of(0x05, 0x00);

/** INTEGER from its contents as a certificate encodes them (serial numbers are copied, not re-encoded). */
export const integerContent = (content: Uint8Array): Uint8Array => tlv(0x02, content);

/** INTEGER of a non-negative safe integer, in the fewest octets with a clear sign bit (§8.3). */
export function smallIntegerDer(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`DER integer ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || bytes[0]! >= 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

/** OBJECT IDENTIFIER from dotted text: the first two arcs in one subidentifier, base 128 (§8.19). */
export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : Number.NaN));
  const [first, second] = arcs;
  if (
    arcs.length < 2 ||
    arcs.some((a) => !Number.isSafeInteger(a)) ||
    first! > 2 ||
    (first! < 2 && second! > 39)
  ) {
    throw new RangeError(`OID ${dotted}`);
  }
  const body: number[] = [];
  for (const arc of [first! * 40 + second!, ...arcs.slice(2)]) {
    const chunk = [arc % 128];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v % 128) | 0x80);
    body.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(body));
}

/** MMDDHHMMSSZ of a date in UTC, whole seconds: what UTCTime and GeneralizedTime share after the year. */
function monthToSecond(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

/** UTCTime YYMMDDHHMMSSZ (§11.8), for dates 1950–2049 as RFC 5280 §4.1.2.5.1 uses it. */
export function utcTimeDer(d: Date): Uint8Array {
  const year = d.getUTCFullYear();
  if (year < 1950 || year > 2049) throw new RangeError(`UTCTime year ${year}`);
  return tlv(0x17, new TextEncoder().encode(`${String(year % 100).padStart(2, '0')}${monthToSecond(d)}`));
}

/** GeneralizedTime YYYYMMDDHHMMSSZ, whole seconds (§11.7; RFC 5280 §4.1.2.5.2). */
export function generalizedTimeDer(d: Date): Uint8Array {
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`GeneralizedTime year ${year}`);
  return tlv(0x18, new TextEncoder().encode(`${String(year).padStart(4, '0')}${monthToSecond(d)}`));
}
