import { type Server, request } from 'node:http';
import { connect } from 'node:net';
import { BINARY_CHUNK_BYTES } from '@vanthu/shared/protocol/index';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authenticatedClient,
  closedWith,
  forgetServer,
  makeServer,
  serverClient,
  startServer,
  stopServers,
} from '../../support/daemon-server-harness.js';

/** Rules of DaemonServer beyond the upgrade checks: binding, framing, optional services, shutdown. */

afterEach(async () => {
  vi.useRealTimers();
  await stopServers();
});

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('binding', () => {
  it('listens on 127.0.0.1 only: another loopback address of the machine is refused', async () => {
    const { port } = await startServer();
    expect(await reachable('127.0.0.1', port)).toBe(true);
    expect(await reachable('127.0.0.2', port)).toBe(false);
  });

  it('port is the port actually bound when 0 asked for a free one', async () => {
    const { server, port } = await startServer({ port: 0 });
    expect(port).toBeGreaterThan(0);
    expect(server.port).toBe(port);
  });

  it('a port already taken is PORT_IN_USE naming it', async () => {
    const { port } = await startServer();
    const { server } = makeServer({ port });
    await expect(server.listen()).rejects.toMatchObject({ code: 'PORT_IN_USE', details: { port } });
  });

  it('once listening, the start-up failure handler is removed (a later server error is not a failed start)', async () => {
    const { server } = await startServer();
    const http = (server as unknown as { http: Server }).http;
    expect(http.listenerCount('error')).toBe(0);
  });

  it('a plain HTTP request is answered as plain text', async () => {
    const { port } = await startServer();
    const type = await new Promise<string | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.resume();
        resolve(res.headers['content-type']);
      })
        .on('error', reject)
        .end();
    });
    expect(type).toBe('text/plain');
  });
});

describe('framing', () => {
  it('no compression is negotiated, even when the client offers it', async () => {
    const { port } = await startServer();
    const c = await serverClient(port);
    expect(c.ws.extensions).toBe('');
  });

  it('a binary frame of one chunk plus its 128-byte header is read; one byte more closes with 1009', async () => {
    const { port } = await startServer({ maxConnections: 4 });
    const fits = await serverClient(port);
    fits.raw(Buffer.alloc(BINARY_CHUNK_BYTES + 128));
    // Replies come in order: the frame's answer arrives before the reply to this request.
    expect((await fits.request('hello', { versions: [1], client: { name: 't', version: '1' } })).ok).toBe(
      true,
    );
    expect(fits.unsolicited.map((r) => r.error?.code)).toEqual(['PROTOCOL_ERROR']);

    const over = await serverClient(port);
    const overClosed = closedWith(over);
    over.raw(Buffer.alloc(BINARY_CHUNK_BYTES + 129));
    expect((await overClosed).code).toBe(1009);
  });
});

describe('optional services', () => {
  it('a key store that cannot be watched and a verifier without warm-up still serve clients', async () => {
    const { server, port } = await startServer({}, { watch: false, warm: false });
    const c = await authenticatedClient(port);
    expect(server.connectionCount).toEqual({ pending: 0, authenticated: 1 });
    // Replies come in order: an error raised after the auth reply would arrive before this one.
    expect((await c.request('hello', { versions: [1], client: { name: 't', version: '1' } })).ok).toBe(true);
    expect(c.unsolicited).toEqual([]);
    await server.close();
    forgetServer(server);
  });
});

describe('shutdown', () => {
  it('close without a reason tells clients "stopping"', async () => {
    const { server, port } = await startServer();
    const c = await authenticatedClient(port);
    const gone = closedWith(c);
    await server.close();
    forgetServer(server);
    expect(await gone).toEqual({ code: 1001, reason: 'stopping' });
    expect(c.events).toEqual([{ type: 'daemon.shutdown', payload: { reason: 'stopping' } }]);
  });

  it('close stops the heartbeat: no timer is left behind', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { server } = await startServer();
    expect(vi.getTimerCount()).toBe(1);
    await server.close();
    forgetServer(server);
    expect(vi.getTimerCount()).toBe(0);
  });
});
