import { editJsonFile } from '../fs/edit-json.js';

/**
 * Makes the demo's root CA a trust anchor of the demo user's configuration (so documents signed with
 * the demo token verify green) and turns off online revocation fetching, which the offline demo
 * certificates do not support. Other settings in the file are kept.
 */
export function trustDemoRoot(configFile: string, rootFile: string): void {
  editJsonFile(configFile, (config) => {
    const trust = (config['trust'] ?? {}) as { anchors?: unknown[] };
    const anchors = (trust.anchors ?? []).filter((a) => a !== rootFile);
    config['trust'] = { ...trust, anchors: [rootFile, ...anchors], online: false };
  });
}
