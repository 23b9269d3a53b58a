import { isVanthuError } from '@vanthu/shared/errors/index';
import { REFUSED_BY_ADDRESS_POLICY } from './address-policy.js';
import { type CertInfo, certInfo, issuedBy } from './certificate.js';
import { type FetchLimits, fetchBounded } from './fetch.js';
import { pathProblems } from './path-constraints.js';
import type { TrustStore } from './store.js';
import { parseCertificates } from './store.js';

export type ChainStatus = 'TRUSTED' | 'UNTRUSTED' | 'NO_CHAIN';

export interface ChainResult {
  status: ChainStatus;
  /** Leaf first, up to the anchor or the last certificate found. */
  chain: CertInfo[];
  anchor: CertInfo | undefined;
  /** RFC 5280 constraint violations on the path (path-constraints.ts). */
  problems: string[];
  /** AIA caIssuers URLs that could not be fetched, one sentence each (why the chain may be incomplete). */
  unfetched: string[];
}

export interface ChainOptions {
  store: TrustStore;
  /** Fetch a missing issuer from the AIA caIssuers URL. */
  online: boolean;
  limits: FetchLimits;
}

const MAX_DEPTH = 10;

/**
 * Builds a path from `leaf` to a trust anchor using the certificates embedded in the signature,
 * the store's intermediates and, online, AIA caIssuers (one hop: a fetched certificate's own AIA is
 * never followed). Every link's signature is verified.
 */
export async function buildChain(
  leaf: CertInfo,
  embedded: CertInfo[],
  opts: ChainOptions,
): Promise<ChainResult> {
  const fetched = new Map<string, CertInfo[]>();
  // Certificates obtained from an AIA URL: never a source of further URLs, and used only on a
  // path that reaches an anchor.
  const fromAia = new Set<string>();
  const unfetched: string[] = [];
  const candidates = async (c: CertInfo): Promise<CertInfo[]> => {
    const local = [...embedded.filter((e) => e.subjectDer.equals(c.issuerDer)), ...opts.store.issuersOf(c)];
    if (local.length > 0 || !opts.online || fromAia.has(c.fingerprint)) return local;
    const out: CertInfo[] = [];
    for (const url of c.caIssuerUrls.slice(0, 2)) {
      let got = fetched.get(url);
      if (!got) {
        try {
          got = parseCertificates(await fetchBounded(url, opts.limits)).map((d) => certInfo(d));
        } catch (e) {
          unfetched.push(unfetchedIssuer(url, e));
          got = [];
        }
        fetched.set(url, got);
        for (const g of got) fromAia.add(g.fingerprint);
      }
      out.push(...got.filter((e) => e.subjectDer.equals(c.issuerDer)));
    }
    return out;
  };
  let best: CertInfo[] = [leaf];
  let bestStatus: ChainStatus = 'NO_CHAIN';
  const walk = async (path: CertInfo[]): Promise<CertInfo[] | undefined> => {
    const cur = path[path.length - 1]!;
    if (opts.store.isAnchor(cur)) return path;
    // A path through a fetched certificate is never reported as the best untrusted one.
    const reportable = !path.some((p) => fromAia.has(p.fingerprint));
    if (cur.selfIssued && issuedBy(cur, cur)) {
      if (reportable && (bestStatus === 'NO_CHAIN' || path.length > best.length)) {
        best = path;
        bestStatus = 'UNTRUSTED';
      }
      return undefined;
    }
    if (reportable && bestStatus === 'NO_CHAIN' && path.length > best.length) best = path;
    if (path.length >= MAX_DEPTH) return undefined;
    for (const issuer of await candidates(cur)) {
      if (path.some((p) => p.fingerprint === issuer.fingerprint)) continue;
      if (!issuedBy(cur, issuer)) continue;
      const found = await walk([...path, issuer]);
      if (found) return found;
    }
    return undefined;
  };
  const trusted = await walk([leaf]);
  if (trusted) {
    return {
      status: 'TRUSTED',
      chain: trusted,
      anchor: trusted[trusted.length - 1],
      problems: pathProblems(trusted),
      unfetched,
    };
  }
  return { status: bestStatus, chain: best, anchor: undefined, problems: pathProblems(best), unfetched };
}

/** Says which issuer URL failed and why; a refusal by the address policy is named as such. */
function unfetchedIssuer(url: string, error: unknown): string {
  const detail = isVanthuError(error) ? error.details?.['detail'] : undefined;
  const message =
    typeof detail === 'string' ? detail : error instanceof Error ? error.message : String(error);
  const why = message.replace(/^not fetched: /, '');
  if (isVanthuError(error) && error.details?.[REFUSED_BY_ADDRESS_POLICY] === true)
    return `the issuer certificate could not be fetched: ${url} refused by the address policy (${why})`;
  return `the issuer certificate could not be fetched: ${url} (${why})`;
}
