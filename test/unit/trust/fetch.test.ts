import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AddressPolicy, internalKind } from '../../../daemon/src/trust/address-policy.js';
import { type FetchLimits, fetchBounded } from '../../../daemon/src/trust/fetch.js';

/** A loopback server whose routes misbehave on purpose; every request that reaches it is counted. */
let server: Server;
let base: string;
let hits: string[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_req, res) => res.end(Buffer.from('certificate bytes')),
  '/endless': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/pkix-crl' });
    const chunk = Buffer.alloc(16 * 1024, 0x41);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  },
  '/silent': () => {
    // Never answers: the request hangs until the client gives up.
  },
  '/trickle': (_req, res) => {
    res.writeHead(200);
    const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write('x')), 50);
  },
  '/redirect': (_req, res) => {
    res.writeHead(302, { Location: `${base}/ok` });
    res.end();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    (routes[req.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  hits = [];
});

const loopbackAllowed = (over: Partial<FetchLimits> = {}): FetchLimits => ({
  timeoutMs: 2000,
  maxBytes: 64 * 1024,
  addresses: new AddressPolicy({ networks: ['127.0.0.0/8'] }),
  ...over,
});

describe('internal address ranges', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.200.1.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::192.168.0.1', 'private'],
    ['::7f00:1', 'reserved (IPv4-compatible)'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved (Teredo)'],
    ['2001:db8::1', 'reserved (documentation)'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
  ])('%s is %s', (ip, kind) => {
    expect(internalKind(ip)).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '203.162.4.190',
    '2001:4860:4860::8888',
    '::ffff:808:808',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('%s is public', (ip) => {
    expect(internalKind(ip)).toBeUndefined();
  });

  it('an allowed host name or network lets its internal addresses through, nothing else', () => {
    const p = new AddressPolicy({ hosts: ['CRL.noibo.gov.vn'], networks: ['10.20.0.0/16', 'fd00::/8'] });
    expect(() => p.check('crl.noibo.gov.vn', '192.168.1.5')).not.toThrow();
    expect(() => p.check('ocsp.noibo', '10.20.3.4')).not.toThrow();
    expect(() => p.check('ocsp.noibo', 'fd00::5')).not.toThrow();
    expect(() => p.check('ocsp.noibo', '10.21.3.4')).toThrow(
      /ocsp\.noibo \(10\.21\.3\.4\) is a private address/,
    );
    expect(() => new AddressPolicy({ networks: ['10.0.0.0/33'] })).toThrow(/not a network/);
  });
});

describe('fetchBounded: where a certificate URL may lead', () => {
  it('loopback by address, by name (resolved) and IPv6 is refused without the allowlist: no request is sent', async () => {
    const port = (server.address() as AddressInfo).port;
    const limits = { timeoutMs: 2000, maxBytes: 1024 };
    await expect(fetchBounded(`${base}/ok`, limits)).rejects.toThrow(
      /not fetched: 127\.0\.0\.1 is a loopback address/,
    );
    await expect(fetchBounded(`http://localhost:${port}/ok`, limits)).rejects.toThrow(
      /localhost \((127\.0\.0\.1|::1)\) is a loopback address/,
    );
    await expect(fetchBounded(`http://[::1]:${port}/ok`, limits)).rejects.toThrow(
      /::1 is a loopback address/,
    );
    await expect(fetchBounded('http://169.254.169.254/latest/meta-data', limits)).rejects.toThrow(
      /link-local/,
    );
    expect(hits).toEqual([]);
  });

  it('the admin allowlist lets the same URL through', async () => {
    const body = await fetchBounded(`${base}/ok`, loopbackAllowed());
    expect(Buffer.from(body).toString()).toBe('certificate bytes');
    expect(hits).toEqual(['/ok']);
  });

  it('an allowed host name is resolved, checked and connected to at the checked address', async () => {
    const port = (server.address() as AddressInfo).port;
    const limits = {
      timeoutMs: 2000,
      maxBytes: 1024,
      addresses: new AddressPolicy({ hosts: ['LOCALHOST'] }),
    };
    // The server listens on 127.0.0.1 only; localhost may also resolve to ::1, tried as well.
    expect(Buffer.from(await fetchBounded(`http://localhost:${port}/ok`, limits)).toString()).toBe(
      'certificate bytes',
    );
    await expect(fetchBounded(`${base}/ok`, limits)).rejects.toThrow(/127\.0\.0\.1 is a loopback address/);
    expect(hits).toEqual(['/ok']);
  });

  it('ldap and file URLs are skipped, never fetched', async () => {
    await expect(fetchBounded('ldap://ca.gov.vn/cn=crl', loopbackAllowed())).rejects.toThrow(
      /not fetched: unsupported URL scheme ldap:/,
    );
    await expect(fetchBounded('file:///etc/passwd', loopbackAllowed())).rejects.toThrow(/file:/);
  });

  it('an endless body is cut at the cap while it streams', async () => {
    const started = Date.now();
    await expect(fetchBounded(`${base}/endless`, loopbackAllowed())).rejects.toThrow(
      /response over 65536 bytes/,
    );
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a server that never answers, or answers a byte at a time, is given up at the deadline', async () => {
    for (const path of ['/silent', '/trickle']) {
      const started = Date.now();
      await expect(fetchBounded(`${base}${path}`, loopbackAllowed({ timeoutMs: 400 }))).rejects.toThrow(
        /no complete answer within 400 ms/,
      );
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(390);
      expect(took).toBeLessThan(1500);
    }
  });

  it('a redirect is not followed, even to an allowed address', async () => {
    await expect(fetchBounded(`${base}/redirect`, loopbackAllowed())).rejects.toThrow(
      /HTTP 302: redirects are not followed/,
    );
    expect(hits).toEqual(['/redirect']);
  });

  it('the URL budget of a verification is shared by its fetches and refuses without a request', async () => {
    const limits = loopbackAllowed({ budget: { remaining: 2 } });
    await fetchBounded(`${base}/ok`, limits);
    await fetchBounded(`${base}/ok`, limits);
    await expect(fetchBounded(`${base}/ok`, limits)).rejects.toThrow(/URL limit for this verification/);
    expect(hits).toEqual(['/ok', '/ok']);
  });
});
