import type { LookupAddress } from 'node:dns';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';
import { AddressPolicy } from './address-policy.js';
import { OCSP_HOST_REMAP } from './known-roots.js';

export interface FetchLimits {
  /** Total time for one fetch: name lookup, connection, headers and body. */
  timeoutMs: number;
  /** Response body cap, enforced while the body streams in. */
  maxBytes: number;
  /** Which internal addresses may be reached (admin `trust.fetch`); default: none. */
  addresses?: AddressPolicy;
  /** URLs this verification may still fetch; shared by all its fetches, decremented per request. */
  budget?: { remaining: number };
}

const fail = (detail: string, cause?: unknown): VanthuError =>
  new VanthuError('REVOCATION_UNAVAILABLE', detail, undefined, cause ? { cause } : undefined);

/** The URL actually fetched: http(s) only, internal VGCA OCSP host remapped to its public name. */
export function effectiveUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw fail(`invalid URL ${rawUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fail(`not fetched: unsupported URL scheme ${url.protocol}`);
  const remap = OCSP_HOST_REMAP[url.hostname];
  if (remap) url.hostname = remap;
  return url;
}

/**
 * A DNS lookup that checks every address of the name against the policy and hands the socket only
 * the checked addresses, so a second answer from the resolver (DNS rebinding) is never used.
 */
function checkedLookup(policy: AddressPolicy, dnsLookup: typeof import('node:dns').lookup) {
  return (
    hostname: string,
    options: { all?: boolean },
    callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dnsLookup(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      try {
        for (const a of addresses) policy.check(hostname, a.address);
      } catch (e) {
        return callback(e as Error, '');
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(fail(`${hostname} has no address`), '');
      callback(null, first.address, first.family);
    });
  };
}

/**
 * GET or POST to a URL taken from a certificate being validated: http(s) only, public addresses
 * only (unless the admin allows an internal host or network), no redirects, one overall deadline,
 * a body cap enforced while streaming, and a per-verification URL budget.
 */
export async function fetchBounded(
  rawUrl: string,
  limits: FetchLimits,
  post?: { body: Uint8Array; contentType: string; accept?: string },
): Promise<Uint8Array> {
  const url = effectiveUrl(rawUrl);
  const policy = limits.addresses ?? new AddressPolicy();
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An IP literal never goes through the lookup, so it is checked here.
  if (isIP(host) !== 0) policy.check(host, host);
  if (limits.budget) {
    if (limits.budget.remaining <= 0)
      throw fail('not fetched: certificate URL limit for this verification reached');
    limits.budget.remaining--;
  }
  // The HTTP client loads on the first fetch: an offline verification never compiles it.
  const [send, { lookup: dnsLookup }] = await Promise.all([
    url.protocol === 'https:'
      ? import('node:https').then((m) => m.request)
      : import('node:http').then((m) => m.request),
    import('node:dns'),
  ]);
  return new Promise<Uint8Array>((resolve, reject) => {
    let req: ClientRequest | undefined;
    const finish = (e: unknown, body?: Uint8Array): void => {
      clearTimeout(timer);
      if (body && e === undefined) {
        resolve(body);
        return;
      }
      req?.destroy();
      reject(isVanthuError(e) ? e : fail(`${url.host}: ${(e as Error).message}`, e));
    };
    const timer = setTimeout(
      () => finish(fail(`${url.host}: no complete answer within ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
    req = send(
      url,
      {
        method: post ? 'POST' : 'GET',
        agent: false,
        lookup: checkedLookup(policy, dnsLookup) as never,
        headers: post
          ? {
              'Content-Type': post.contentType,
              'Content-Length': post.body.length,
              ...(post.accept ? { Accept: post.accept } : {}),
            }
          : {},
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400)
          return finish(fail(`${url.host} answered HTTP ${status}: redirects are not followed`));
        if (status < 200 || status >= 300) return finish(fail(`${url.host} answered HTTP ${status}`));
        if (Number(res.headers['content-length'] ?? '0') > limits.maxBytes)
          return finish(fail(`${url.host}: response over ${limits.maxBytes} bytes`));
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limits.maxBytes)
            return finish(fail(`${url.host}: response over ${limits.maxBytes} bytes`));
          chunks.push(chunk);
        });
        res.on('end', () => finish(undefined, Buffer.concat(chunks)));
        res.on('error', (e) => finish(e));
      },
    );
    req.on('error', (e) => finish(e));
    req.end(post ? Buffer.from(post.body) : undefined);
  });
}
