import { listTokens } from '../../token/index.js';
import type { Command } from '../command.js';
import { renderTokens } from '../render-tokens.js';

export const tokensCommand: Command = {
  name: 'tokens',
  summary: {
    vi: 'Liệt kê thư viện PKCS#11, khe, token và chứng thư số',
    en: 'List PKCS#11 modules, slots, tokens and certificates',
  },
  usage: 'tokens [--all] [--json]',
  options: { all: { type: 'boolean', default: false } },
  allowPositionals: false,
  async run(ctx) {
    const listing = await listTokens(ctx.configPath ? { configPath: ctx.configPath } : {});
    ctx.emit(listing);
    ctx.say(renderTokens(ctx.t, listing, ctx.values['all'] === true));
    return 0;
  },
};
