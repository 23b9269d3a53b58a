import type { Handler } from './context.js';

export const tokensListHandler: Handler<Record<string, never>> = {
  async handle(_payload, ctx) {
    return { result: { tokens: await ctx.services.keys.listTokens() } };
  },
};
