import { readFileSync } from 'node:fs';
import { daemonFile } from '../../daemon-dir.js';
import type { Command } from '../command.js';

/** The product's version: the root package.json, beside daemon/. */
const pkg = JSON.parse(readFileSync(daemonFile('..', 'package.json'), 'utf8')) as { version: string };

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
