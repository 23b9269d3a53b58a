import { existsSync, readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from './write-file.js';

/**
 * Makes the demo's root CA a trust anchor of the demo user's configuration (so documents signed with
 * the demo token verify green) and turns off online revocation fetching, which the offline demo
 * certificates do not support. Other settings in the file are kept.
 */
export function trustDemoRoot(configFile: string, rootFile: string): void {
  let config: Record<string, unknown> = {};
  if (existsSync(configFile)) {
    try {
      config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new VanthuError('CONFIG_INVALID', `${configFile}: ${(e as Error).message}`);
    }
  }
  const trust = (config['trust'] ?? {}) as { anchors?: unknown[] };
  const anchors = (trust.anchors ?? []).filter((a) => a !== rootFile);
  config['trust'] = { ...trust, anchors: [rootFile, ...anchors], online: false };
  writeFileAtomic(configFile, `${JSON.stringify(config, null, 2)}\n`);
}
