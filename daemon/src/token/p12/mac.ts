import { createHmac, timingSafeEqual } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { KDF_PURPOSE, bmpPassword, pkcs12Derive } from './kdf.js';
import { MAX_ITERATIONS } from './pbe.js';

/** MacData digest algorithms by OID (SHA-1 for legacy files, SHA-256 for OpenSSL 3's default). */
const MAC_HASH: Record<string, { name: string; bytes: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', bytes: 20 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', bytes: 28 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', bytes: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', bytes: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', bytes: 64 },
};

export interface MacInput {
  digestOid: string;
  digest: Uint8Array;
  salt: Uint8Array;
  iterations: number;
}

/**
 * Checks the PFX integrity MAC (RFC 7292 §5.1: HMAC keyed by the PKCS#12 derivation of the
 * password) over the authenticated safe. False means the password is wrong or the file altered.
 */
export function macMatches(mac: MacInput, password: string, authSafe: Uint8Array): boolean {
  const hash = MAC_HASH[mac.digestOid];
  if (!hash) throw new VanthuError('P12_INVALID', `unsupported PKCS#12 MAC digest ${mac.digestOid}`);
  if (mac.iterations < 1 || mac.iterations > MAX_ITERATIONS) {
    throw new VanthuError('P12_INVALID', `PKCS#12 MAC with ${mac.iterations} iterations`);
  }
  if (mac.digest.length !== hash.bytes) return false;
  // An empty password is written by some tools as no password at all (zero bytes, not 00 00).
  const candidates = password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
  return candidates.some((pass) => {
    const key = pkcs12Derive(hash.name, pass, mac.salt, mac.iterations, KDF_PURPOSE.mac, hash.bytes);
    const expected = createHmac(hash.name, key).update(authSafe).digest();
    return timingSafeEqual(expected, mac.digest);
  });
}
