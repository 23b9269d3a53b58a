import type { Signer } from '../token/signer.js';

/**
 * Upper estimate of the DER size of the CMS a signing will produce, so the /Contents placeholder is
 * big enough on the first try: certificates + signature value + attributes and structure, plus room
 * for a timestamp token (which carries the TSA's own certificates).
 */
export function estimateCmsSize(signer: Signer, withTimestamp: boolean): number {
  const certs = signer.certificate.length + signer.chain.reduce((n, c) => n + c.length, 0);
  const sig =
    signer.keyAlgorithm === 'EC' ? Math.ceil(signer.keyBits / 8) * 2 + 9 : Math.ceil(signer.keyBits / 8);
  const structure = 1200 + signer.certificate.length / 4;
  const tsa = withTimestamp ? 7000 : 0;
  return Math.ceil(certs + sig + structure + tsa);
}
