import type { TokenInfo } from '@vanthu/shared/protocol/index';
import { type SigningChainOptions, completeSigningChain } from './signing-chain.js';
import { chainWarningText } from './signing-key.js';

/**
 * Adds `chainWarning` (and the missing issuer alone, for screens that word it in their own language)
 * to every certificate of the listing whose chain cannot be completed from
 * its token's certificates, the configured intermediates or AIA. A certificate without its DER is
 * left as it is.
 */
export async function withChainWarnings(
  tokens: TokenInfo[],
  chain: SigningChainOptions,
): Promise<TokenInfo[]> {
  const out: TokenInfo[] = [];
  for (const token of tokens) {
    const held = token.certificates.flatMap((c) => (c.der ? [Buffer.from(c.der, 'base64')] : []));
    const certificates = [];
    for (const c of token.certificates) {
      const missing = c.der
        ? (await completeSigningChain(Buffer.from(c.der, 'base64'), held, chain)).missingIssuer
        : undefined;
      certificates.push(
        missing === undefined
          ? c
          : { ...c, chainWarning: chainWarningText(missing, 'vi'), chainMissingIssuer: missing },
      );
    }
    out.push({ ...token, certificates });
  }
  return out;
}
