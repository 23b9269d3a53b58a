import { AlgorithmIdentifier } from '../asn1/x509.js';
import { AsnConvert } from '../asn1/schema.js';
import { RsaSaPssParams, id_RSASSA_PSS, id_mgf1, id_rsaEncryption } from '../asn1/rsa.js';
import type { HashAlgorithm, KeyAlgorithm, RsaScheme } from '../token/signer.js';

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
const NULL = new Uint8Array([5, 0]).buffer;

/** Digest AlgorithmIdentifier with absent parameters (RFC 5754 §2). */
export function digestAlgorithm(hash: HashAlgorithm): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: DIGEST_OID[hash] });
}

/**
 * signatureAlgorithm of SignerInfo: rsaEncryption (PKCS#1 v1.5, the form most validators expect),
 * RSASSA-PSS with explicit parameters (hash, MGF1 with the same hash, salt = hash length), or
 * ecdsa-with-SHAx.
 */
export function signatureAlgorithm(
  key: KeyAlgorithm,
  hash: HashAlgorithm,
  scheme: RsaScheme,
): AlgorithmIdentifier {
  if (key === 'EC') return new AlgorithmIdentifier({ algorithm: ECDSA_OID[hash] });
  if (scheme === 'pss') {
    const params = new RsaSaPssParams({
      hashAlgorithm: new AlgorithmIdentifier({ algorithm: DIGEST_OID[hash], parameters: NULL }),
      maskGenAlgorithm: new AlgorithmIdentifier({
        algorithm: id_mgf1,
        parameters: AsnConvert.serialize(
          new AlgorithmIdentifier({ algorithm: DIGEST_OID[hash], parameters: NULL }),
        ),
      }),
      saltLength: HASH_BYTES[hash],
    });
    return new AlgorithmIdentifier({ algorithm: id_RSASSA_PSS, parameters: AsnConvert.serialize(params) });
  }
  return new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: NULL });
}
