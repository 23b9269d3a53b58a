import { VanthuError } from '@vanthu/shared/errors/index';
import { loadConfigSection } from '../config/section.js';
import { revocationCacheDir } from '../config/paths.js';
import { parseNetwork } from './address-policy.js';
import type { TrustFetchConfig } from './fetch-limits.js';

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
  /** Internal hosts/networks certificate URLs may reach, and the URL cap per verification. */
  fetch?: TrustFetchConfig;
  /** Cache of fetched revocation data; default `<dataDir>/revocation-cache`. */
  cacheDir?: string;
  policy?: 'standard' | 'strict';
  /** Accept comments and other non-form annotations added after signing (default false). */
  allowAnnotations?: boolean;
}

/**
 * The trust section of the configuration (user file or `--config FILE`, with the admin file and its
 * locks merged over it by the config loader), checked here because this module owns it.
 */
export function loadTrustConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): TrustConfig & { cacheDir: string } {
  const loaded = loadConfigSection('trust', { configPath, env });
  const raw = loaded.value ?? {};
  const where = `${loaded.fileOf()}: trust`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VanthuError('CONFIG_INVALID', `${where} must be an object`);
  const section = raw as TrustConfig;
  for (const k of ['anchors', 'intermediates', 'crls'] as const) {
    const v = section[k];
    if (v !== undefined && (!Array.isArray(v) || !v.every((s) => typeof s === 'string')))
      throw new VanthuError('CONFIG_INVALID', `${where}.${k} must be a list of paths`);
  }
  if (section.policy !== undefined && section.policy !== 'standard' && section.policy !== 'strict')
    throw new VanthuError('CONFIG_INVALID', `${where}.policy must be "standard" or "strict"`);
  for (const k of ['timeoutMs', 'maxResponseBytes'] as const) {
    const v = section[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0))
      throw new VanthuError('CONFIG_INVALID', `${where}.${k} must be a positive number`);
  }
  if (section.fetch !== undefined) checkFetch(section.fetch, `${where}.fetch`);
  return {
    ...section,
    cacheDir: section.cacheDir ?? revocationCacheDir(env),
  };
}

function checkFetch(raw: unknown, where: string): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VanthuError('CONFIG_INVALID', `${where} must be an object`);
  const f = raw as Record<string, unknown>;
  for (const k of Object.keys(f))
    if (!['allowHosts', 'allowNetworks', 'maxUrls'].includes(k))
      throw new VanthuError('CONFIG_INVALID', `${where}.${k} is not a setting`);
  for (const k of ['allowHosts', 'allowNetworks'] as const) {
    const v = f[k];
    if (v !== undefined && (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)))
      throw new VanthuError(
        'CONFIG_INVALID',
        `${where}.${k} must be a list of ${k === 'allowHosts' ? 'host names' : 'networks'}`,
      );
  }
  for (const n of (f['allowNetworks'] as string[] | undefined) ?? [])
    if (!parseNetwork(n))
      throw new VanthuError(
        'CONFIG_INVALID',
        `${where}.allowNetworks: "${n}" is not an address or CIDR network`,
      );
  const max = f['maxUrls'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0))
    throw new VanthuError('CONFIG_INVALID', `${where}.maxUrls must be a whole number ≥ 0`);
}
