import { createRequire } from 'node:module';
import type { Command } from '../command.js';

const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };

export const versionCommand: Command = {
  name: 'version',
  summary: { vi: 'In phiên bản vanthu', en: 'Print the vanthu version' },
  usage: 'version',
  options: {},
  async run(ctx) {
    ctx.emit({ version: pkg.version, node: process.versions.node });
    ctx.say(`vanthu ${pkg.version} (Node ${process.versions.node})`);
    return 0;
  },
};
