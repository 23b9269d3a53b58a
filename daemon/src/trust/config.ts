import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { resolvePaths } from '../config/paths.js';

/** The `trust` section of config.json. */
export interface TrustConfig {
  /** Trust anchors: certificate files (PEM, DER, P7B) or directories of them. */
  anchors?: string[];
  /** Intermediate CA certificates for chain building (never trusted by themselves). */
  intermediates?: string[];
  /** CRL files (DER or PEM) installed by the admin. */
  crls?: string[];
  /** Fetch CRLs, OCSP answers and missing issuers from the URLs in certificates (default true). */
  online?: boolean;
  /** Per request timeout (ms, default 5000) and response cap (bytes, default 10 MiB). */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Cache of fetched revocation data; default `<dataDir>/revocation-cache`. */
  cacheDir?: string;
  policy?: 'standard' | 'strict';
  /** Accept comments and other non-form annotations added after signing (default false). */
  allowAnnotations?: boolean;
}

/** Reads the trust section from the given config file, or the per-user one; an absent file = defaults. */
export function loadTrustConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): TrustConfig & { cacheDir: string } {
  const paths = resolvePaths(env);
  const file = configPath ?? join(paths.userConfigDir, 'config.json');
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || configPath)
      throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
  }
  let section: TrustConfig = {};
  if (text !== undefined) {
    try {
      section = ((JSON.parse(text) as { trust?: TrustConfig }).trust ?? {}) as TrustConfig;
    } catch (error) {
      throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
    }
    const lists = ['anchors', 'intermediates', 'crls'] as const;
    for (const k of lists) {
      const v = section[k];
      if (v !== undefined && (!Array.isArray(v) || !v.every((s) => typeof s === 'string')))
        throw new VanthuError('CONFIG_INVALID', `${file}: trust.${k} must be a list of paths`);
    }
    if (section.policy !== undefined && section.policy !== 'standard' && section.policy !== 'strict')
      throw new VanthuError('CONFIG_INVALID', `${file}: trust.policy must be "standard" or "strict"`);
  }
  return { ...section, cacheDir: section.cacheDir ?? join(paths.userDataDir, 'revocation-cache') };
}
