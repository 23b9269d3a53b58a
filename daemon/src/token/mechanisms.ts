import { createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { HASH_BYTES, NODE_HASH } from '../cms/algorithms.js';
import type { HashAlgorithm, KeyAlgorithm, SignOptions } from './signer.js';
import type { PssParams } from './worker/protocol.js';

/** PKCS#11 mechanism and MGF numbers used for signing (PKCS#11 v2.40 §6). */
export const CKM = {
  RSA_PKCS: 0x1,
  RSA_PKCS_PSS: 0xd,
  SHA256_RSA_PKCS: 0x40,
  SHA384_RSA_PKCS: 0x41,
  SHA512_RSA_PKCS: 0x42,
  SHA256_RSA_PKCS_PSS: 0x43,
  SHA384_RSA_PKCS_PSS: 0x44,
  SHA512_RSA_PKCS_PSS: 0x45,
  ECDSA: 0x1041,
  SHA256: 0x250,
  SHA384: 0x260,
  SHA512: 0x270,
} as const;

const HASH_MECH: Record<HashAlgorithm, { digest: number; pkcs1: number; pss: number; mgf: number }> = {
  'SHA-256': { digest: CKM.SHA256, pkcs1: CKM.SHA256_RSA_PKCS, pss: CKM.SHA256_RSA_PKCS_PSS, mgf: 0x2 },
  'SHA-384': { digest: CKM.SHA384, pkcs1: CKM.SHA384_RSA_PKCS, pss: CKM.SHA384_RSA_PKCS_PSS, mgf: 0x3 },
  'SHA-512': { digest: CKM.SHA512, pkcs1: CKM.SHA512_RSA_PKCS, pss: CKM.SHA512_RSA_PKCS_PSS, mgf: 0x4 },
};

/** DER prefix of a DigestInfo (RFC 8017 §9.2 note 1): the digest bytes follow. */
const DIGEST_INFO_PREFIX: Record<HashAlgorithm, string> = {
  'SHA-256': '3031300d060960864801650304020105000420',
  'SHA-384': '3041300d060960864801650304020205000430',
  'SHA-512': '3051300d060960864801650304020305000440',
};

/** How one signature is asked of the token and what to do with its answer. */
export interface SignaturePlan {
  mechanism: number;
  pss?: PssParams;
  /** Bytes passed to C_Sign. */
  input: Uint8Array;
  /** ECDSA answers raw r||s, which CMS needs as DER. */
  output: 'raw' | 'ecdsa-der';
}

export function digestInfo(hash: HashAlgorithm, digest: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash], 'hex'), digest]);
}

/**
 * Chooses the mechanism for a signature from what the token offers: the combined hash-and-sign
 * mechanism when listed (unless `preferRaw`), else the raw one over a digest computed here
 * (CKM_RSA_PKCS over a DigestInfo, CKM_RSA_PKCS_PSS or CKM_ECDSA over the digest).
 */
export function planSignature(
  key: KeyAlgorithm,
  mechanisms: readonly number[],
  data: Uint8Array,
  options: SignOptions,
  preferRaw = false,
): SignaturePlan {
  const has = (m: number): boolean => mechanisms.includes(m);
  const h = HASH_MECH[options.hash];
  const digest = (): Uint8Array => createHash(NODE_HASH[options.hash]).update(data).digest();
  const unsupported = (what: string): VanthuError =>
    new VanthuError('MECHANISM_UNSUPPORTED', `the token offers no ${what} mechanism`);
  if (key === 'EC') {
    if (!has(CKM.ECDSA)) throw unsupported('CKM_ECDSA');
    return { mechanism: CKM.ECDSA, input: digest(), output: 'ecdsa-der' };
  }
  if (options.scheme === 'pss') {
    const pss: PssParams = { hashAlg: h.digest, mgf: h.mgf, saltLen: HASH_BYTES[options.hash] };
    if (has(h.pss) && !preferRaw) return { mechanism: h.pss, pss, input: data, output: 'raw' };
    if (has(CKM.RSA_PKCS_PSS)) return { mechanism: CKM.RSA_PKCS_PSS, pss, input: digest(), output: 'raw' };
    throw unsupported(`RSA-PSS ${options.hash}`);
  }
  if (has(h.pkcs1) && !preferRaw) return { mechanism: h.pkcs1, input: data, output: 'raw' };
  if (has(CKM.RSA_PKCS)) {
    return { mechanism: CKM.RSA_PKCS, input: digestInfo(options.hash, digest()), output: 'raw' };
  }
  throw unsupported(`RSA PKCS#1 v1.5 ${options.hash}`);
}

function derInteger(bytes: Uint8Array): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const body = Buffer.from(bytes.subarray(i));
  const content = body[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), body]) : body;
  return Buffer.concat([Buffer.from([0x02]), derLength(content.length), content]);
}

function derLength(n: number): Buffer {
  return n < 0x80 ? Buffer.from([n]) : Buffer.from([0x81, n]);
}

/** Converts a raw ECDSA signature (r||s, each half the length) into a DER Ecdsa-Sig-Value. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new VanthuError('TOKEN_ERROR', `ECDSA signature of odd length ${raw.length}`);
  }
  const half = raw.length / 2;
  const body = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}
