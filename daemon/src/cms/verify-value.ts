import { type KeyObject, constants, createPublicKey, verify } from 'node:crypto';
import type { AlgorithmId } from './der-values.js';
import { MGF1, readPssParams } from './pss-params.js';

export type { AlgorithmId } from './der-values.js';

/** Digest OIDs we recognise, with node:crypto names and strength class. */
export const DIGESTS: Record<string, { node: string; name: string; weak?: 'sha1' | 'md5' }> = {
  '2.16.840.1.101.3.4.2.1': { node: 'sha256', name: 'SHA-256' },
  '2.16.840.1.101.3.4.2.2': { node: 'sha384', name: 'SHA-384' },
  '2.16.840.1.101.3.4.2.3': { node: 'sha512', name: 'SHA-512' },
  '1.3.14.3.2.26': { node: 'sha1', name: 'SHA-1', weak: 'sha1' },
  '1.2.840.113549.2.5': { node: 'md5', name: 'MD5', weak: 'md5' },
};

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** Signature algorithm OIDs that name their digest. */
const WITH_DIGEST: Record<string, { key: 'RSA' | 'EC'; digest: string }> = {
  '1.2.840.113549.1.1.11': { key: 'RSA', digest: '2.16.840.1.101.3.4.2.1' },
  '1.2.840.113549.1.1.12': { key: 'RSA', digest: '2.16.840.1.101.3.4.2.2' },
  '1.2.840.113549.1.1.13': { key: 'RSA', digest: '2.16.840.1.101.3.4.2.3' },
  '1.2.840.113549.1.1.5': { key: 'RSA', digest: '1.3.14.3.2.26' },
  '1.2.840.113549.1.1.4': { key: 'RSA', digest: '1.2.840.113549.2.5' },
  '1.2.840.10045.4.3.2': { key: 'EC', digest: '2.16.840.1.101.3.4.2.1' },
  '1.2.840.10045.4.3.3': { key: 'EC', digest: '2.16.840.1.101.3.4.2.2' },
  '1.2.840.10045.4.3.4': { key: 'EC', digest: '2.16.840.1.101.3.4.2.3' },
  '1.2.840.10045.4.1': { key: 'EC', digest: '1.3.14.3.2.26' },
};

export interface SignatureCheck {
  valid: boolean;
  /** Human name, e.g. "RSA-PSS SHA-256". */
  algorithm: string;
  /** The digest actually used (OID). */
  digestOid: string;
  /** Why the value could not be checked at all (unknown algorithm, key mismatch). */
  error?: string;
}

/**
 * Checks a signature value with node:crypto: RSA PKCS#1 v1.5, RSA-PSS with its explicit parameters
 * (MGF1 over the same hash, any salt length), ECDSA (DER signature). `digestOid` is the
 * SignerInfo's digestAlgorithm, used when the signature algorithm does not name one.
 */
export function verifySignatureValue(
  algorithm: AlgorithmId,
  digestOid: string | undefined,
  publicKey: KeyObject | Uint8Array,
  data: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const key = publicKey instanceof Uint8Array ? spkiKey(publicKey) : publicKey;
  const oid = algorithm.algorithm;
  const fail = (name: string, error: string, d = digestOid ?? ''): SignatureCheck => ({
    valid: false,
    algorithm: name,
    digestOid: d,
    error,
  });
  try {
    if (oid === RSA_PSS) {
      if (!algorithm.parameters) return fail('RSA-PSS', 'RSA-PSS without parameters');
      const p = readPssParams(algorithm.parameters);
      const hashOid = p.hash;
      const d = DIGESTS[hashOid];
      if (!d) return fail('RSA-PSS', `unknown PSS hash ${hashOid}`, hashOid);
      if (p.mgf !== MGF1) return fail('RSA-PSS', `unsupported mask generation ${p.mgf}`, hashOid);
      if (p.mgfHash !== hashOid) return fail('RSA-PSS', 'MGF1 hash differs from the PSS hash', hashOid);
      if (p.trailerField !== 1) return fail('RSA-PSS', 'unsupported PSS trailer field', hashOid);
      if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss')
        return fail('RSA-PSS', 'the certificate key is not RSA', hashOid);
      const valid = verify(
        d.node,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength },
        signature,
      );
      return { valid, algorithm: `RSA-PSS ${d.name}`, digestOid: hashOid };
    }
    let keyType: 'RSA' | 'EC';
    let dOid: string | undefined;
    if (oid === RSA_ENCRYPTION) {
      keyType = 'RSA';
      dOid = digestOid;
    } else if (oid === EC_PUBLIC_KEY) {
      keyType = 'EC';
      dOid = digestOid;
    } else {
      const w = WITH_DIGEST[oid];
      if (!w) return fail(oid, `unknown signature algorithm ${oid}`);
      keyType = w.key;
      dOid = w.digest;
    }
    const d = dOid ? DIGESTS[dOid] : undefined;
    if (!d || !dOid) return fail(keyType, `unknown digest ${dOid ?? '(none)'}`);
    const kt = key.asymmetricKeyType;
    if (keyType === 'RSA' && kt !== 'rsa')
      return fail(`RSA ${d.name}`, 'the certificate key is not RSA', dOid);
    if (keyType === 'EC' && kt !== 'ec')
      return fail(`ECDSA ${d.name}`, 'the certificate key is not EC', dOid);
    const valid =
      keyType === 'EC'
        ? verify(d.node, data, { key, dsaEncoding: 'der' }, signature)
        : verify(d.node, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return { valid, algorithm: `${keyType === 'EC' ? 'ECDSA' : 'RSA'} ${d.name}`, digestOid: dOid };
  } catch (e) {
    return fail(oid, (e as Error).message);
  }
}

/**
 * The digest OID named by a signature algorithm OID (sha256WithRSAEncryption → SHA-256,
 * ecdsa-with-SHA384 → SHA-384, …), for signers that put one in SignerInfo.digestAlgorithm.
 */
export function digestOfSignatureOid(oid: string): string | undefined {
  return WITH_DIGEST[oid]?.digest;
}

/** The digest a signature algorithm names itself (sha256WithRSA, ecdsa-with-SHA256, RSA-PSS), if any. */
export function signatureDigestOid(algorithm: AlgorithmId): string | undefined {
  if (algorithm.algorithm === RSA_PSS && algorithm.parameters)
    return readPssParams(algorithm.parameters).hash;
  return WITH_DIGEST[algorithm.algorithm]?.digest;
}

export function spkiKey(spki: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
}
