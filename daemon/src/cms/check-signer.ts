import { createHash } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ParsedCms } from './parse.js';
import { DIGESTS, verifySignatureValue } from './verify-value.js';

export interface SignerCheck {
  /** messageDigest equals the digest of the signed content. */
  digestMatches: boolean;
  /** The signature value verifies over the signed attributes with the signer's key. */
  signatureValid: boolean;
  algorithm: string;
  /** The digest the signature value was computed with (OID). */
  digestOid: string;
  problems: string[];
}

/** The node:crypto digest of `data` with the CMS digest algorithm. */
export function cmsDigest(parsed: ParsedCms, data: Uint8Array): Buffer {
  return createHash(DIGESTS[parsed.digestOid]!.node).update(data).digest();
}

/**
 * The two integrity checks of a CMS signer: message-digest against `contentDigest` (computed by the
 * caller, e.g. over PDF byte ranges), and the signature over the DER signed attributes.
 */
export function checkSigner(parsed: ParsedCms, contentDigest: Uint8Array, publicKey: KeyObject): SignerCheck {
  const problems: string[] = [];
  if (!parsed.signedAttrsDer || !parsed.messageDigest) {
    return {
      digestMatches: false,
      signatureValid: false,
      algorithm: '',
      digestOid: parsed.digestOid,
      problems: ['no signed attributes'],
    };
  }
  const digestMatches = Buffer.from(parsed.messageDigest).equals(Buffer.from(contentDigest));
  if (!digestMatches) problems.push('message-digest does not match the signed bytes');
  const check = verifySignatureValue(
    parsed.signatureAlgorithm,
    parsed.digestOid,
    publicKey,
    parsed.signedAttrsDer,
    parsed.signatureValue,
  );
  if (check.error) problems.push(check.error);
  else if (!check.valid) problems.push('the signature value does not verify with the signer certificate');
  return {
    digestMatches,
    signatureValid: check.valid,
    algorithm: check.algorithm,
    digestOid: check.digestOid,
    problems,
  };
}
