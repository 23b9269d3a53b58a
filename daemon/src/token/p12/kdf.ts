import { createHash, hash as oneShot } from 'node:crypto';

/** What the PKCS#12 key derivation produces (RFC 7292 appendix B.3). */
export const KDF_PURPOSE = { key: 1, iv: 2, mac: 3 } as const;

/** Hashes the PKCS#12 derivation is used with, by Node name: output length u and block length v. */
const HASH_SIZES: Record<string, { u: number; v: number }> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
};

/** The password as PKCS#12 derivation takes it: BMPString (UTF-16BE) with a two-byte terminator. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

function fill(source: Uint8Array, v: number): Uint8Array {
  const out = new Uint8Array(v * Math.ceil(source.length / v));
  for (let i = 0; i < out.length; i++) out[i] = source[i % source.length]!;
  return out;
}

/**
 * RFC 7292 appendix B.2: derives `length` bytes for a purpose (key, IV or MAC key) from a BMP
 * password, a salt and an iteration count, with the given hash.
 */
export function pkcs12Derive(
  hash: string,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  purpose: number,
  length: number,
): Uint8Array {
  const sizes = HASH_SIZES[hash];
  if (!sizes) throw new RangeError(`PKCS#12 key derivation with ${hash}`);
  const { u, v } = sizes;
  const d = new Uint8Array(v).fill(purpose);
  const i = new Uint8Array([...fill(salt, v), ...fill(password, v)]);
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    let a = createHash(hash).update(d).update(i).digest();
    // One-shot hashing: no Hash object per round (OpenSSL's files iterate 2,048 times).
    for (let n = 1; n < iterations; n++) a = oneShot(hash, a, 'buffer');
    out.set(a.subarray(0, Math.min(u, length - done)), done);
    done += u;
    if (done >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
    const b = fill(a, v).subarray(0, v);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        carry += i[j + k]! + b[k]!;
        i[j + k] = carry & 0xff;
        carry >>= 8;
      }
    }
  }
  return out;
}
