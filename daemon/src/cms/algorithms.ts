import type { HashAlgorithm, KeyAlgorithm, RsaScheme } from '../token/signer.js';
import { NULL_DER, explicit, oid, sequence, smallIntegerDer } from './der-write.js';

export const DIGEST_OID: Record<HashAlgorithm, string> = {
  'SHA-256': '2.16.840.1.101.3.4.2.1',
  'SHA-384': '2.16.840.1.101.3.4.2.2',
  'SHA-512': '2.16.840.1.101.3.4.2.3',
};
export const NODE_HASH: Record<HashAlgorithm, string> = {
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
export const HASH_BYTES: Record<HashAlgorithm, number> = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
const ECDSA_OID: Record<HashAlgorithm, string> = {
  'SHA-256': '1.2.840.10045.4.3.2',
  'SHA-384': '1.2.840.10045.4.3.3',
  'SHA-512': '1.2.840.10045.4.3.4',
};
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';

/** DER of a digest AlgorithmIdentifier, parameters absent (RFC 5754 §2). */
export function digestAlgorithm(hash: HashAlgorithm): Uint8Array {
  return sequence(oid(DIGEST_OID[hash]));
}

/**
 * DER of the signatureAlgorithm of SignerInfo: rsaEncryption (PKCS#1 v1.5, the form most validators expect),
 * RSASSA-PSS with explicit parameters (hash, MGF1 with the same hash, salt = hash length), or
 * ecdsa-with-SHAx.
 */
export function signatureAlgorithm(key: KeyAlgorithm, hash: HashAlgorithm, scheme: RsaScheme): Uint8Array {
  if (key === 'EC') return sequence(oid(ECDSA_OID[hash]));
  if (scheme === 'pss') {
    // RSASSA-PSS-params (RFC 4055 §3.1): trailerField keeps its DEFAULT 1 and so stays absent.
    const digest = sequence(oid(DIGEST_OID[hash]), NULL_DER);
    const params = sequence(
      explicit(0, digest),
      explicit(1, sequence(oid(MGF1), digest)),
      explicit(2, smallIntegerDer(HASH_BYTES[hash])),
    );
    return sequence(oid(RSASSA_PSS), params);
  }
  return sequence(oid(RSA_ENCRYPTION), NULL_DER);
}
