import { loadTrustConfig } from './config.js';
import { verificationFetchLimits } from './fetch-limits.js';
import type { SigningChainOptions } from './signing-chain.js';
import { TrustStore } from './store.js';

/**
 * What completing a signer's chain may use, from the `trust` section of the configuration: its
 * anchors and intermediates, and AIA caIssuers when `online` (under the same fetch rules as
 * verification).
 */
export function signingChainOptions(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): SigningChainOptions {
  const config = loadTrustConfig(configPath, env);
  const store = new TrustStore();
  store.loadAnchors(config.anchors ?? []);
  store.loadIntermediates(config.intermediates ?? []);
  return { store, online: config.online ?? true, limits: verificationFetchLimits(config) };
}
