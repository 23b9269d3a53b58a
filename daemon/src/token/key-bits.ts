import type { KeyObject } from 'node:crypto';

const EC_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };

/**
 * RSA modulus or EC curve size of a key; undefined for other key types. Its own module: the
 * PKCS#12 signer needs it without the certificate describer, whose bundle chunk is @peculiar/x509's.
 */
export function keyBitsOf(key: KeyObject): number | undefined {
  const details = key.asymmetricKeyDetails;
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') return details?.modulusLength;
  if (type === 'ec') return EC_BITS[details?.namedCurve ?? ''];
  return undefined;
}
