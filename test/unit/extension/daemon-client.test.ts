import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DaemonClient } from '../../../extension/src/background/daemon/client.js';
import { DaemonConnection } from '../../../extension/src/background/daemon/connection.js';
import { signDocuments } from '../../../extension/src/ui/signing/sign-documents.js';
import type { Pairing } from '../../../extension/src/background/daemon/pairing.js';
import type { OpenSocket, SocketLike } from '../../../extension/src/background/daemon/socket.js';
import { type ProtocolPeer, startProtocolPeer } from '../../support/protocol-peer.js';

const ORIGIN = 'chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd';
// Node's `ws` lets the test set the Origin header the browser would set for the extension.
const open: OpenSocket = (url) => new WebSocket(url, { origin: ORIGIN }) as unknown as SocketLike;
let peers: ProtocolPeer[] = [];

async function peer(options?: Parameters<typeof startProtocolPeer>[0]) {
  const p = await startProtocolPeer(options);
  peers.push(p);
  return p;
}

function client(
  pairing: () => Pairing | undefined,
  forgotten: Pairing[] = [],
  lang?: () => Promise<'vi' | 'en'>,
) {
  return new DaemonClient({
    ...(lang ? { lang } : {}),
    loadPairing: async () => pairing(),
    forgetPairing: async (p) => void forgotten.push(p),
    open,
    origin: ORIGIN,
    clientVersion: 'test',
    backoffMs: [20, 100],
    reconnectWindowMs: 3_000,
    keepaliveMs: 50,
  });
}

afterEach(async () => {
  await Promise.all(peers.map((p) => p.close()));
  peers = [];
});

describe('daemon connection', () => {
  it('authenticates with the pairing secret and checks the daemon proof', async () => {
    const p = await peer();
    const c = await DaemonConnection.open({ url: p.url, open, origin: ORIGIN, clientVersion: 't' });
    expect(c.hello?.daemon.version).toBe('0.0.0-test');
    await c.authenticate(p.secret, ORIGIN);
    expect((await c.request('tokens.list', {})).result.tokens).toEqual([]);
    c.close();
  });

  it('refuses a wrong secret with NOT_PAIRED and never authenticates', async () => {
    const p = await peer();
    const c = await DaemonConnection.open({ url: p.url, open, origin: ORIGIN, clientVersion: 't' });
    await expect(c.authenticate('A'.repeat(43), ORIGIN)).rejects.toMatchObject({ code: 'NOT_PAIRED' });
    expect(c.authenticated).toBe(false);
    c.close();
  });

  it('sends a document in binary frames and checks the returned one against its SHA-256', async () => {
    const p = await peer();
    const c = await DaemonConnection.open({ url: p.url, open, origin: ORIGIN, clientVersion: 't' });
    await c.authenticate(p.secret, ORIGIN);
    const input = new Uint8Array(3 * (1 << 20) + 17).map((_, i) => i % 251);
    const answer = await c.request(
      'sign',
      { document: { bytes: input.length }, key: 'p12:/k.p12', pin: '1', role: 'approver' },
      { document: input },
    );
    expect(p.received.find((r) => r.type === 'sign')?.bytes).toBe(input.length);
    expect(answer.document?.length).toBe(input.length + 9);
    expect(Buffer.from(answer.document!.subarray(input.length)).toString()).toBe('\n%signed\n');
    c.close();
  });

  it('fails with DAEMON_UNREACHABLE when nothing listens', async () => {
    await expect(
      DaemonConnection.open({ url: 'ws://127.0.0.1:9/', open, origin: ORIGIN, clientVersion: 't' }),
    ).rejects.toMatchObject({ code: 'DAEMON_UNREACHABLE' });
  });
});

describe('daemon client', () => {
  it('reports not-paired without a pairing', async () => {
    const c = client(() => undefined);
    await expect(c.request('tokens.list', {})).rejects.toMatchObject({ code: 'NOT_PAIRED' });
    expect(c.state).toBe('not-paired');
  });

  it('forgets a pairing the daemon refuses', async () => {
    const p = await peer();
    const forgotten: Pairing[] = [];
    const stale: Pairing = { url: p.url, secret: 'B'.repeat(43), source: 'manual' };
    const c = client(() => stale, forgotten);
    await expect(c.request('tokens.list', {})).rejects.toMatchObject({ code: 'NOT_PAIRED' });
    expect(forgotten).toEqual([stale]);
    expect(c.state).toBe('not-paired');
  });

  it('survives a daemon restart: reconnects with backoff on the same port', async () => {
    const first = await peer();
    const port = Number(new URL(first.url).port);
    const pairing: Pairing = { url: first.url, secret: first.secret, source: 'native' };
    const c = client(() => pairing);
    const states: string[] = [];
    c.onState((s) => states.push(s));
    await c.request('tokens.list', {});
    await first.close();
    peers = [];
    await expect.poll(() => c.state, { timeout: 5_000 }).toBe('unreachable');
    // The daemon comes back a little later; a request issued meanwhile waits for it.
    const pending = c.request('tokens.list', {});
    setTimeout(() => void peer({ port, secret: first.secret }), 300);
    await expect(pending).resolves.toMatchObject({ result: { tokens: [] } });
    expect(c.state).toBe('connected');
    expect(states).toContain('unreachable');
    c.reset();
  });

  it("hellos in the user's language, read as it connects; after a change and a reset, in the new one", async () => {
    const p = await peer();
    let stored: 'vi' | 'en' = 'en';
    // Storage answers later than the client is built, as in a service worker just woken up.
    const read = () => new Promise<'vi' | 'en'>((r) => setTimeout(() => r(stored), 20));
    const c = client(() => ({ url: p.url, secret: p.secret, source: 'native' }), [], read);
    await c.request('tokens.list', {});
    stored = 'vi';
    c.reset();
    await c.request('tokens.list', {});
    const hellos = p.received.filter((r) => r.type === 'hello').map((r) => r.payload?.['lang']);
    expect(hellos).toEqual(['en', 'vi']);
    c.reset();
  });

  it('sends keepalive traffic while a request is in flight', async () => {
    const p = await peer();
    const c = client(() => ({ url: p.url, secret: p.secret, source: 'native' }));
    await c.request('tokens.list', {});
    const input = new Uint8Array(10);
    // The peer answers sign at once; keep the client busy with a slow document instead.
    const slow = c.request(
      'sign',
      { document: { bytes: 20 }, key: 'p12:/k', pin: '1', role: 'approver' },
      { document: input },
    );
    // Every 50 ms while the sign request waits (polled: a loaded machine delays timers).
    await expect
      .poll(() => p.received.filter((r) => r.type === 'cancel').length, { timeout: 5_000 })
      .toBeGreaterThan(1);
    c.reset();
    await expect(slow).rejects.toMatchObject({ code: 'DAEMON_UNREACHABLE' });
  });
});

describe('signing a batch from the confirmation window', () => {
  const docs = [1, 2, 3].map((n) => ({
    url: `http://127.0.0.1/tep/${n}.pdf`,
    name: `${n}.pdf`,
    bytes: new Uint8Array(100 * n).fill(n),
    sha256: String(n).repeat(64),
  }));
  const choices = {
    flow: 'sign' as const,
    keyUri: 'pkcs11:token=demo;id=%01',
    pin: '123456',
    image: 'iVBORw0KGgo=',
  };

  it('signs each document in turn; with a batch window the PIN goes with the first request only', async () => {
    const p = await peer();
    const c = client(() => ({ url: p.url, secret: p.secret, source: 'native' }));
    const progress: string[] = [];
    const signed = await signDocuments(c, docs, { ...choices, batchWindowSeconds: 60 }, (t) =>
      progress.push(t),
    );
    expect(signed.map((s) => s.bytes.length)).toEqual([109, 209, 309]);
    const sent = p.received.filter((r) => r.type === 'sign').map((r) => r.payload);
    expect(sent.map((s) => s?.['pin'])).toEqual(['123456', undefined, undefined]);
    expect(sent.every((s) => (s?.['batch'] as { consent?: boolean })?.consent === true)).toBe(true);
    expect(progress).toContain('Đang ký 3/3: 3.pdf');
    c.reset();
  });

  it('stops at the first error, so a wrong PIN is never tried again on the next document', async () => {
    const p = await peer({ signOutcomes: [undefined, 'PIN_INCORRECT'] });
    const c = client(() => ({ url: p.url, secret: p.secret, source: 'native' }));
    await expect(
      signDocuments(c, docs, { ...choices, batchWindowSeconds: 0 }, () => undefined),
    ).rejects.toMatchObject({ code: 'PIN_INCORRECT' });
    expect(p.received.filter((r) => r.type === 'sign')).toHaveLength(2);
    c.reset();
  });
});
