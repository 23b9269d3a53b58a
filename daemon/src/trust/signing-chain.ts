import { certInfo } from './certificate.js';
import { buildChain } from './chain.js';
import type { FetchLimits } from './fetch.js';
import type { TrustStore } from './store.js';

/** The certificates a signature must carry so a recipient holding only the root can validate it. */
export interface SigningChain {
  /** DER, the signer's direct issuer first, up to but not including the trust anchor (or self-signed root). */
  intermediates: Uint8Array[];
  /** The issuer (DN) no source held, when the chain stops short of a root. */
  missingIssuer?: string;
  /** The path ends at a trust anchor or a self-signed root: nothing above it is left to find. */
  reachesRoot: boolean;
}

export interface SigningChainOptions {
  /** Configured anchors and intermediates. */
  store: TrustStore;
  /** Fetch a missing issuer from the AIA caIssuers URL (the trust config's `online`). */
  online: boolean;
  limits: FetchLimits;
}

/**
 * Completes the signer's chain from what the key store holds (`held`, e.g. the token's CA
 * certificates), the configured intermediates and, online, AIA caIssuers under the fetch rules.
 * The anchor itself is left out: the recipient has it, and an embedded root proves nothing.
 */
export async function completeSigningChain(
  leaf: Uint8Array,
  held: readonly Uint8Array[],
  opts: SigningChainOptions,
): Promise<SigningChain> {
  const embedded = held.flatMap((der) => {
    try {
      return [certInfo(der)];
    } catch {
      return [];
    }
  });
  const result = await buildChain(certInfo(leaf), embedded, opts);
  const path = result.chain.slice(1);
  const last = result.chain[result.chain.length - 1]!;
  if (result.status === 'TRUSTED')
    return { intermediates: path.slice(0, -1).map((c) => c.der), reachesRoot: true };
  if (result.status === 'UNTRUSTED') {
    // Ends at a self-signed root nobody here trusts: complete all the same; the root stays out.
    return { intermediates: path.filter((c) => !c.selfIssued).map((c) => c.der), reachesRoot: true };
  }
  // The path already climbs to a CA certificate: what is missing above it is the root a recipient
  // installs as anchor (no configured anchor here says which). Only a missing direct issuer of the
  // leaf leaves a recipient holding only the root unable to build the chain.
  if (path.length > 0) return { intermediates: path.map((c) => c.der), reachesRoot: false };
  return { intermediates: [], missingIssuer: last.issuerDn, reachesRoot: false };
}
