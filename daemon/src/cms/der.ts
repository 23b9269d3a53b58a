/**
 * A minimal DER walker for the places where a signature covers the original encoding: the signed
 * attributes of a SignerInfo, tbsCertList, tbsResponseData. The strict parsing is done by
 * @peculiar/asn1-*; this only locates raw byte spans, bounded by the input.
 */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte within the walked buffer. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content (before the end-of-contents octets of an indefinite length). */
  contentEnd: number;
  /** Offset just past the element. */
  end: number;
}

export class DerFault extends Error {}

/**
 * Reads the TLV at `at` (single-byte tags). Indefinite lengths (BER, as NSS writes CMS) are
 * followed through their end-of-contents octets, nesting bounded.
 */
export function readTlv(buf: Uint8Array, at: number, limit = buf.length, depth = 0): Tlv {
  if (depth > 64) throw new DerFault('BER nesting too deep');
  if (at + 2 > limit) throw new DerFault('truncated DER');
  const tag = buf[at]!;
  if ((tag & 0x1f) === 0x1f) throw new DerFault('multi-byte tag');
  let len = buf[at + 1]!;
  let p = at + 2;
  if (len === 0x80) {
    if ((tag & 0x20) === 0) throw new DerFault('indefinite length on a primitive element');
    let q = p;
    for (let count = 0; ; count++) {
      if (q + 2 > limit) throw new DerFault('indefinite length without end-of-contents');
      if (buf[q] === 0 && buf[q + 1] === 0)
        return { tag, start: at, contentStart: p, contentEnd: q, end: q + 2 };
      if (count > 100_000) throw new DerFault('too many BER elements');
      q = readTlv(buf, q, limit, depth + 1).end;
    }
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4) throw new DerFault('oversized DER length');
    if (p + n > limit) throw new DerFault('truncated DER length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    p += n;
  }
  if (p + len > limit) throw new DerFault('DER content beyond its container');
  return { tag, start: at, contentStart: p, contentEnd: p + len, end: p + len };
}

/** The children of a constructed TLV. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const t = readTlv(buf, p, parent.contentEnd);
    out.push(t);
    p = t.end;
    if (out.length > 10_000) throw new DerFault('too many DER elements');
  }
  return out;
}

export function slice(buf: Uint8Array, t: Tlv): Uint8Array {
  return buf.subarray(t.start, t.end);
}

/** Raw DER of the first element of a SEQUENCE (the "to be signed" part of certificates, CRLs, OCSP). */
export function firstChildDer(der: Uint8Array): Uint8Array {
  const outer = readTlv(der, 0);
  const first = children(der, outer)[0];
  if (!first) throw new DerFault('empty SEQUENCE');
  return slice(der, first);
}
