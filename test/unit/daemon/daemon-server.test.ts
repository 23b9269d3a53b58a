import { request } from 'node:http';
import { connect } from 'node:net';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authenticatedClient as authenticated,
  serverClient as client,
  closedWith as closed,
  forgetServer,
  rawUpgrade,
  startServer as start,
  stopServers,
} from '../../support/daemon-server-harness.js';

/**
 * The server's own rules, fast: the real DaemonServer on loopback, with handlers that only accept
 * hello and auth (auth succeeds at once), so what is tested is the upgrade, the connection sets,
 * the handshake timer, the heartbeat, token events and shutdown, not the protocol handlers.
 */

afterEach(stopServers);

describe('the upgrade', () => {
  it('a plain HTTP request is answered 426: WebSocket only', async () => {
    const { port } = await start();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on('error', reject)
        .end();
    });
    expect(answer).toEqual({ status: 426, body: 'vanthu: WebSocket only' });
  });

  it('a refused upgrade is a complete HTTP 403 naming the reason, and the socket is closed', async () => {
    const { port } = await start();
    expect(await rawUpgrade(port, `127.0.0.1:${port}`, 'https://evil.example')).toBe(
      'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n\r\nOrigin not allowed',
    );
    expect(await rawUpgrade(port, `evil.example:${port}`, EXTENSION_ORIGIN)).toMatch(
      /^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*\r\n\r\nHost is not a loopback name$/,
    );
  });

  it('the Host must carry the port the server is bound to', async () => {
    const { port } = await start();
    expect(await rawUpgrade(port, '127.0.0.1:0', EXTENSION_ORIGIN)).toMatch(/^HTTP\/1\.1 403 /);
    const c = await client(port, { host: `localhost:${port}` });
    expect(c.ws.readyState).toBe(c.ws.OPEN);
  });

  it('past maxConnections authenticated clients, a new upgrade is 503; clients still pairing do not count', async () => {
    const { server, port } = await start({ maxConnections: 1 });
    await client(port);
    await client(port);
    await authenticated(port);
    expect(server.connectionCount).toEqual({ pending: 2, authenticated: 1 });
    expect(await rawUpgrade(port, `127.0.0.1:${port}`, EXTENSION_ORIGIN)).toBe(
      'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\ntoo many connections',
    );
  });

  it('a malformed HTTP request gets no answer: the socket is dropped', async () => {
    const { port } = await start();
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
      });
      socket.on('close', () => resolve(text));
      socket.write('NONSENSE\r\n\r\n');
    });
    expect(answer).toBe('');
  });
});

describe('the connection sets', () => {
  it('authentication moves a client from pending to authenticated and warms the verifier', async () => {
    const { server, port, warmed } = await start({ maxConnections: 4 });
    await client(port);
    expect(server.connectionCount).toEqual({ pending: 1, authenticated: 0 });
    await authenticated(port);
    expect(server.connectionCount).toEqual({ pending: 1, authenticated: 1 });
    expect(warmed()).toBe(1);
  });

  it('a closed client leaves the sets', async () => {
    const { server, port } = await start({ maxConnections: 4 });
    const a = await authenticated(port);
    const p = await client(port);
    const gone = Promise.all([closed(a), closed(p)]);
    a.ws.close();
    p.ws.close();
    await gone;
    await new Promise((r) => setTimeout(r, 50));
    expect(server.connectionCount).toEqual({ pending: 0, authenticated: 0 });
  });

  it('the 17th client still pairing evicts the oldest with 1008', async () => {
    const { server, port } = await start();
    const first = await client(port);
    const firstClosed = closed(first);
    for (let i = 0; i < 15; i++) await client(port);
    expect(server.connectionCount.pending).toBe(16);
    expect(first.ws.readyState).toBe(first.ws.OPEN);
    await client(port);
    expect(await firstClosed).toEqual({ code: 1008, reason: 'evicted' });
  });

  it('a client that has not authenticated within handshakeSeconds is closed with 1008; one that has stays', async () => {
    // Long enough for the paired client's hello and auth on a loaded machine.
    const { port } = await start({ handshakeSeconds: 1, maxConnections: 4 });
    const slow = await client(port);
    const slowClosed = closed(slow);
    const paired = await authenticated(port);
    expect(await slowClosed).toEqual({ code: 1008, reason: 'handshake timeout' });
    await new Promise((r) => setTimeout(r, 200));
    expect(paired.ws.readyState).toBe(paired.ws.OPEN);
  });
});

describe('heartbeat, token events and shutdown', () => {
  it('a peer that does not answer pings is dropped; one that does stays', async () => {
    // A beat every 0.5 s leaves the live peer's pong time to arrive on a loaded machine.
    const { port } = await start({ heartbeatSeconds: 0.5, maxConnections: 4 });
    const mute = await client(port, { autoPong: false });
    const muteClosed = closed(mute);
    const live = await client(port);
    expect((await muteClosed).code).toBe(1006);
    await new Promise((r) => setTimeout(r, 300));
    expect(live.ws.readyState).toBe(live.ws.OPEN);
  });

  it('token events reach authenticated clients only, and stop after close', async () => {
    const { server, port, listeners } = await start({ maxConnections: 4 });
    const paired = await authenticated(port);
    const pending = await client(port);
    for (const l of listeners) l({ kind: 'inserted', token: { uri: 'pkcs11:x' } as never });
    for (const l of listeners) l({ kind: 'removed', uri: 'pkcs11:x' });
    await new Promise((r) => setTimeout(r, 100));
    expect(paired.events).toEqual([
      { type: 'token.inserted', payload: { token: { uri: 'pkcs11:x' } } },
      { type: 'token.removed', payload: { uri: 'pkcs11:x' } },
    ]);
    expect(pending.events).toEqual([]);
    await server.close();
    forgetServer(server);
    expect(listeners).toEqual([]);
  });

  it('close tells authenticated clients why, then closes every client with 1001', async () => {
    const { server, port } = await start({ maxConnections: 4 });
    const paired = await authenticated(port);
    const pending = await client(port);
    const both = Promise.all([closed(paired), closed(pending)]);
    await server.close('upgrade');
    forgetServer(server);
    expect(await both).toEqual([
      { code: 1001, reason: 'upgrade' },
      { code: 1001, reason: 'upgrade' },
    ]);
    expect(paired.events).toEqual([{ type: 'daemon.shutdown', payload: { reason: 'upgrade' } }]);
    expect(pending.events).toEqual([]);
    expect(server.connectionCount).toEqual({ pending: 0, authenticated: 0 });
  });
});
