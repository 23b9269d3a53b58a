import type { TokenInfo } from '@vanthu/shared/protocol/index';
import type { SigningChainOptions } from './signing-chain.js';
import { chainWarningFor } from './signing-key.js';

/**
 * Adds `chainWarning` to every certificate of the listing whose chain cannot be completed from
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
      const warning = c.der ? await chainWarningFor(Buffer.from(c.der, 'base64'), held, chain) : undefined;
      certificates.push(warning ? { ...c, chainWarning: warning } : c);
    }
    out.push({ ...token, certificates });
  }
  return out;
}
