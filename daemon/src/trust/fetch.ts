import { VanthuError } from '@vanthu/shared/errors/index';
import { OCSP_HOST_REMAP } from './known-roots.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** The URL actually fetched: http(s) only, internal VGCA OCSP host remapped to its public name. */
export function effectiveUrl(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new VanthuError('REVOCATION_UNAVAILABLE', `invalid URL ${rawUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new VanthuError('REVOCATION_UNAVAILABLE', `unsupported URL scheme ${url.protocol}`);
  const remap = OCSP_HOST_REMAP[url.hostname];
  if (remap) url.hostname = remap;
  return url;
}

/**
 * GET or POST to a URL taken from a certificate being validated: http(s) only, no redirects, a
 * timeout and a size cap; the internal VGCA OCSP host is remapped to its public name.
 */
export async function fetchBounded(
  rawUrl: string,
  limits: FetchLimits,
  post?: { body: Uint8Array; contentType: string },
): Promise<Uint8Array> {
  const url = effectiveUrl(rawUrl);
  let res: Response;
  try {
    res = await fetch(url, {
      method: post ? 'POST' : 'GET',
      ...(post ? { body: post.body, headers: { 'Content-Type': post.contentType } } : {}),
      signal: AbortSignal.timeout(limits.timeoutMs),
      redirect: 'error',
    });
  } catch (e) {
    throw new VanthuError('REVOCATION_UNAVAILABLE', `${url.host}: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
  if (!res.ok) throw new VanthuError('REVOCATION_UNAVAILABLE', `${url.host} answered HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limits.maxBytes)
    throw new VanthuError('REVOCATION_UNAVAILABLE', `${url.host}: response too large`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = res.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.length;
        if (total > limits.maxBytes) {
          await reader.cancel();
          throw new VanthuError('REVOCATION_UNAVAILABLE', `${url.host}: response too large`);
        }
        chunks.push(value);
      }
    }
  } catch (e) {
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('REVOCATION_UNAVAILABLE', `${url.host}: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  }
  return Buffer.concat(chunks);
}
