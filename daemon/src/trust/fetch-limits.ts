import { AddressPolicy } from './address-policy.js';
import type { FetchLimits } from './fetch.js';

/** Config `trust.fetch`: where certificate URLs may lead and how many one verification may fetch. */
export interface TrustFetchConfig {
  /** Internal host names certificate URLs may reach (exact, case-insensitive). */
  allowHosts?: string[];
  /** Internal networks (CIDR) certificate URLs may reach, e.g. "10.20.0.0/16". */
  allowNetworks?: string[];
  /** Certificate URLs fetched per verification at most (default 24). */
  maxUrls?: number;
}

export const DEFAULT_MAX_URLS = 24;

/** The limits of one verification's fetches: a fresh URL budget, the admin's internal allowlist. */
export function verificationFetchLimits(options: {
  timeoutMs?: number | undefined;
  maxResponseBytes?: number | undefined;
  fetch?: TrustFetchConfig | undefined;
}): FetchLimits {
  return {
    timeoutMs: options.timeoutMs ?? 5000,
    maxBytes: options.maxResponseBytes ?? 10 * 1024 * 1024,
    addresses: new AddressPolicy({
      hosts: options.fetch?.allowHosts ?? [],
      networks: options.fetch?.allowNetworks ?? [],
    }),
    budget: { remaining: options.fetch?.maxUrls ?? DEFAULT_MAX_URLS },
  };
}
