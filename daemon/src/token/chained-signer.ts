import type { Signer } from './signer.js';

/** The same key, with `chain` as the certificates every signature made with it embeds. */
export function withChain(signer: Signer, chain: readonly Uint8Array[]): Signer {
  return {
    certificate: signer.certificate,
    chain,
    keyAlgorithm: signer.keyAlgorithm,
    keyBits: signer.keyBits,
    description: signer.description,
    sign: (data, options) => signer.sign(data, options),
    close: () => signer.close(),
  };
}
