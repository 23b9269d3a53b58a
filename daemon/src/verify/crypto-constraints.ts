import { DIGESTS, signatureDigestOid } from '../cms/verify-value.js';
import type { CertInfo } from '../trust/certificate.js';
import type { Policy } from './types.js';

const MIN_RSA_BITS = 2048;

export interface CryptoFindings {
  /** CRYPTO_CONSTRAINTS_FAILURE causes. */
  failures: string[];
  warnings: string[];
}

/**
 * standards.md §7 "Algorithms" over everything the signature relies on: the CMS digest and the
 * digest of the signature value, the signature of every certificate on the path (not the root's
 * self-signature, which proves nothing), and every RSA key on it. MD5 and RSA below 2048 bits are
 * refused; SHA-1 is a warning under `standard` and refused under `strict`.
 */
export function cryptoConstraints(
  signatureDigests: readonly string[],
  chain: readonly CertInfo[],
  policy: Policy,
): CryptoFindings {
  const out: CryptoFindings = { failures: [], warnings: [] };
  const digest = (oid: string | undefined, what: string): void => {
    const weak = oid ? DIGESTS[oid]?.weak : undefined;
    if (weak === 'md5') out.failures.push(`MD5 digest (${what})`);
    else if (weak === 'sha1' && policy === 'strict')
      out.failures.push(`SHA-1 digest (${what}), refused under the strict policy`);
    else if (weak === 'sha1') out.warnings.push(`SHA-1 digest (${what})`);
  };
  for (const oid of new Set(signatureDigests)) digest(oid, 'the signature');
  chain.forEach((cert, i) => {
    const who = i === 0 ? 'the signer certificate' : `CA certificate ${cert.subjectDn}`;
    if (!(cert.selfIssued && i === chain.length - 1))
      digest(signatureDigestOid(cert.signatureAlgorithm), `signature of ${who}`);
    const rsa = cert.node.publicKey.asymmetricKeyType?.startsWith('rsa') === true;
    // Stryker disable next-line ConditionalExpression: `undefined < MIN_RSA_BITS` is false: the `!== undefined` guard only serves the type checker
    if (rsa && cert.keyBits !== undefined && cert.keyBits < MIN_RSA_BITS)
      out.failures.push(`RSA key of ${cert.keyBits} bits in ${who} (at least ${MIN_RSA_BITS} required)`);
  });
  return out;
}
