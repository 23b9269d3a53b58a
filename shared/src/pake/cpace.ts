import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, equalBytes } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * CPace, the balanced PAKE of draft-irtf-cfrg-cpace, cipher suite CPACE-RISTR255-SHA512, in the
 * initiator–responder setting. Each side sends one group element derived from the shared
 * password-related string (PRS); an eavesdropper or an active impostor learns nothing it can test
 * a password guess against offline, and each run lets an active attacker test at most one guess.
 * Group arithmetic is @noble/curves' audited ristretto255; this file is only the protocol glue.
 */

const Point = ristretto255.Point;
type Point = InstanceType<typeof Point>;

/** G.DSI for ristretto255. */
export const CPACE_DSI = utf8ToBytes('CPaceRistretto255');
const DSI_ISK = utf8ToBytes('CPaceRistretto255_ISK');
/** H.s_in_bytes: the input block size of SHA-512. */
const SHA512_BLOCK = 128;

/** LEB128 of a length (7 bits per byte, low bits first). */
export function leb128(n: number): Uint8Array {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n = Math.floor(n / 128);
    out.push(n > 0 ? low | 0x80 : low);
  } while (n > 0);
  return Uint8Array.from(out);
}

export function prependLen(data: Uint8Array): Uint8Array {
  return concatBytes(leb128(data.length), data);
}

/** lv_cat: each part with its length in front, so no two different inputs hash alike. */
export function lvCat(...parts: Uint8Array[]): Uint8Array {
  return concatBytes(...parts.map(prependLen));
}

/** generator_string: DSI and PRS, zero-padded to fill SHA-512's first block, then CI and sid. */
export function generatorString(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Uint8Array {
  const zpad = Math.max(0, SHA512_BLOCK - 1 - prependLen(prs).length - prependLen(CPACE_DSI).length);
  return lvCat(CPACE_DSI, prs, new Uint8Array(zpad), ci, sid);
}

/** The password-dependent generator g (RFC 9496 element derivation of a 64-byte hash). */
function calculateGenerator(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Point {
  return ristretto255_hasher.deriveToCurve!(sha512(generatorString(prs, ci, sid)));
}

/** g in its public encoding (for test vectors, and for tests that look for it on the wire). */
export function encodedGenerator(prs: Uint8Array, ci: Uint8Array, sid: Uint8Array): Uint8Array {
  return calculateGenerator(prs, ci, sid).toBytes();
}

/** G.sample_scalar: 32 random bytes with the bits above 252 cleared, read little-endian (never 0). */
export function sampleScalar(): bigint {
  for (;;) {
    const bytes = randomBytes(32);
    bytes[31] = (bytes[31] ?? 0) & 0x0f;
    const y = bytesToNumberLE(bytes);
    // Stryker disable next-line ConditionalExpression: y is 0 with probability 2⁻²⁵², no test can draw it
    if (y !== 0n) return y;
  }
}

/**
 * G.scalar_mult_vfy: y times the peer's encoded element, or undefined when the encoding is invalid
 * or the product is the identity (a party MUST abort then).
 */
export function scalarMultVfy(y: bigint, encoded: Uint8Array): Uint8Array | undefined {
  let point: Point;
  try {
    point = Point.fromBytes(encoded);
  } catch {
    return undefined;
  }
  const k = point.multiply(y);
  return k.is0() ? undefined : k.toBytes();
}

export interface CPaceInputs {
  /** Password-related string, the secret both sides must share. */
  readonly prs: Uint8Array;
  /** Channel identifier: who talks to whom, in which role; never sent, so both must agree on it. */
  readonly ci: Uint8Array;
  /** Session identifier, unique per run (public). */
  readonly sid: Uint8Array;
}

export type CPaceRole = 'initiator' | 'responder';

/** One side of one CPace run: its share to send, then the ISK from the peer's share. */
export class CPaceParty {
  readonly share: Uint8Array;
  readonly #y: bigint;
  readonly #sid: Uint8Array;
  #used = false;

  constructor(
    readonly role: CPaceRole,
    inputs: CPaceInputs,
    readonly ad: Uint8Array = new Uint8Array(0),
    scalar: bigint = sampleScalar(),
  ) {
    this.#y = scalar;
    this.#sid = inputs.sid;
    this.share = calculateGenerator(inputs.prs, inputs.ci, inputs.sid).multiply(scalar).toBytes();
  }

  /**
   * ISK = H(lv_cat(DSI‖"_ISK", sid, K) ‖ transcript_ir), the initiator's message first. Undefined
   * when the peer's share is invalid or yields the identity; a scalar serves one run only.
   */
  isk(peerShare: Uint8Array, peerAd: Uint8Array = new Uint8Array(0)): Uint8Array | undefined {
    if (this.#used) throw new Error('CPace: a party computes one ISK');
    this.#used = true;
    if (equalBytes(peerShare, this.share)) return undefined; // a reflected share
    const k = scalarMultVfy(this.#y, peerShare);
    if (!k) return undefined;
    const mine = lvCat(this.share, this.ad);
    const theirs = lvCat(peerShare, peerAd);
    const transcript = this.role === 'initiator' ? concatBytes(mine, theirs) : concatBytes(theirs, mine);
    return sha512(concatBytes(lvCat(DSI_ISK, this.#sid, k), transcript));
  }
}
