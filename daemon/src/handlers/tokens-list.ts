import type { TokenInfo } from '@vanthu/shared/protocol/index';
import type { Lang } from '@vanthu/shared/errors/index';
import { chainWarningText } from '../trust/signing-key.js';
import type { Handler } from './context.js';

/** Each certificate's chain warning worded in the connection's language (hello `lang`). */
function inLanguage(tokens: TokenInfo[], lang: Lang): TokenInfo[] {
  return tokens.map((t) => ({
    ...t,
    certificates: t.certificates.map((c) =>
      c.chainMissingIssuer === undefined
        ? c
        : { ...c, chainWarning: chainWarningText(c.chainMissingIssuer, lang) },
    ),
  }));
}

export const tokensListHandler: Handler<Record<string, never>> = {
  async handle(_payload, ctx) {
    return { result: { tokens: inLanguage(await ctx.services.keys.listTokens(), ctx.state.lang) } };
  },
};
