import { VanthuError } from '@vanthu/shared/errors/index';
import { type Tlv, children, readTlv } from '../../cms/der.js';

/**
 * Reading the small DER structures of PKCS#12 algorithm parameters (RFC 7292, RFC 8018) with the
 * project's bounded DER walker: a SEQUENCE of known shape, OIDs, octet strings, small integers.
 */
export interface Der {
  readonly buf: Uint8Array;
  readonly tlv: Tlv;
}

const TAG = { integer: 0x02, octetString: 0x04, oid: 0x06, sequence: 0x30 } as const;

function invalid(what: string): VanthuError {
  return new VanthuError('P12_INVALID', `malformed ${what}`);
}

export function parseDer(buf: Uint8Array, what: string): Der {
  try {
    const tlv = readTlv(buf, 0);
    if (tlv.end !== buf.length) throw invalid(what);
    return { buf, tlv };
  } catch {
    throw invalid(what);
  }
}

export function sequenceItems(node: Der, what: string): Der[] {
  if (node.tlv.tag !== TAG.sequence) throw invalid(what);
  try {
    return children(node.buf, node.tlv).map((tlv) => ({ buf: node.buf, tlv }));
  } catch {
    throw invalid(what);
  }
}

export function content(node: Der): Uint8Array {
  return node.buf.subarray(node.tlv.contentStart, node.tlv.contentEnd);
}

export function octets(node: Der | undefined, what: string): Uint8Array {
  if (node?.tlv.tag !== TAG.octetString) throw invalid(what);
  return content(node);
}

/** A non-negative INTEGER small enough for an iteration count or a key length. */
export function smallInteger(node: Der | undefined, what: string): number {
  if (node?.tlv.tag !== TAG.integer) throw invalid(what);
  const bytes = content(node);
  if (bytes.length === 0 || bytes.length > 4 || (bytes[0]! & 0x80) !== 0) throw invalid(what);
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

export function oid(node: Der | undefined, what: string): string {
  if (node?.tlv.tag !== TAG.oid) throw invalid(what);
  const bytes = content(node);
  if (bytes.length === 0) throw invalid(what);
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw invalid(what);
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
export function algorithm(node: Der | undefined, what: string): { oid: string; params?: Der } {
  if (!node) throw invalid(what);
  const [id, params] = sequenceItems(node, what);
  return params ? { oid: oid(id, what), params } : { oid: oid(id, what) };
}

/**
 * The value of an OCTET STRING, primitive (DER) or constructed from pieces (BER, as some PKCS#12
 * writers stream it): the pieces joined. `implicitTag` reads an [n] IMPLICIT OCTET STRING instead.
 */
export function octetString(node: Der | undefined, what: string, implicitTag?: number): Uint8Array {
  const primitive = implicitTag ?? TAG.octetString;
  if (node?.tlv.tag === primitive) return content(node);
  if (node?.tlv.tag !== (primitive | 0x20)) throw invalid(what);
  return Buffer.concat(piecesOf(node, what, 0));
}

function piecesOf(node: Der, what: string, depth: number): Uint8Array[] {
  if (depth > 4) throw invalid(what);
  let kids: Tlv[];
  try {
    kids = children(node.buf, node.tlv);
  } catch {
    throw invalid(what);
  }
  return kids.flatMap((tlv) => {
    if (tlv.tag === TAG.octetString) return [node.buf.subarray(tlv.contentStart, tlv.contentEnd)];
    if (tlv.tag === (TAG.octetString | 0x20)) return piecesOf({ buf: node.buf, tlv }, what, depth + 1);
    throw invalid(what);
  });
}

/** The single element inside an [n] EXPLICIT wrapper. */
export function explicit(node: Der | undefined, n: number, what: string): Der {
  if (node?.tlv.tag !== (0xa0 | n)) throw invalid(what);
  let kids: Tlv[];
  try {
    kids = children(node.buf, node.tlv);
  } catch {
    throw invalid(what);
  }
  if (kids.length !== 1) throw invalid(what);
  return { buf: node.buf, tlv: kids[0]! };
}

/** The DER bytes of an element, tag and length included. */
export function encoded(node: Der): Uint8Array {
  return node.buf.subarray(node.tlv.start, node.tlv.end);
}
