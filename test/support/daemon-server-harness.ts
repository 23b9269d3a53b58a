import { connect } from 'node:net';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { DAEMON_REQUESTS, type DaemonRequestType } from '@vanthu/shared/protocol/index';
import { expect } from 'vitest';
import type { Handler, RequestContext } from '../../daemon/src/handlers/context.js';
import type { DaemonServices, TokenEvent } from '../../daemon/src/handlers/services.js';
import { daemonLog } from '../../daemon/src/i18n/daemon-log.js';
import { DaemonServer, type ServerOptions } from '../../daemon/src/server/server.js';
import { TestClient } from './daemon-client.js';

/**
 * The real DaemonServer on loopback, with handlers that only accept hello and auth (auth succeeds
 * at once), so that a test exercises the server's own rules (upgrade, connection sets, timers, token
 * events, shutdown) and not the protocol handlers. Call `stopServers()` after each test.
 */

export const SERVER_OPTIONS: ServerOptions = {
  port: 0,
  allowedOrigins: [EXTENSION_ORIGIN],
  maxDocumentBytes: 1000,
  maxJsonBytes: 4096,
  requestsPerSecond: 1000,
  maxConnections: 1,
  heartbeatSeconds: 600,
  handshakeSeconds: 600,
};

/** What the services offer: a key store that can be watched, a verifier that can be warmed. */
export interface HarnessServices {
  watch?: boolean;
  warm?: boolean;
}

const running: DaemonServer[] = [];
const clients: TestClient[] = [];

export async function stopServers(): Promise<void> {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of running.splice(0)) await s.close();
}

/** Forgets a server the test closed itself. */
export function forgetServer(server: DaemonServer): void {
  running.splice(running.indexOf(server), 1);
}

function stubHandlers(): Record<DaemonRequestType, Handler<never>> {
  return Object.fromEntries(
    (Object.keys(DAEMON_REQUESTS) as DaemonRequestType[]).map((type) => [
      type,
      {
        handle: async (_payload: unknown, ctx: RequestContext) => {
          if (type === 'hello') ctx.state.version = 1;
          if (type === 'auth') ctx.state.authenticated = true;
          return { result: {} };
        },
      } as Handler<never>,
    ]),
  ) as Record<DaemonRequestType, Handler<never>>;
}

/** A server built but not yet listening. */
export function makeServer(options: Partial<ServerOptions> = {}, offer: HarnessServices = {}) {
  const listeners: ((e: TokenEvent) => void)[] = [];
  let warmed = 0;
  const watch = (listener: (e: TokenEvent) => void) => {
    listeners.push(listener);
    return () => listeners.splice(listeners.indexOf(listener), 1);
  };
  const warm = () => {
    warmed++;
  };
  const services = {
    log: daemonLog('en', () => {}),
    keys: offer.watch === false ? {} : { watch },
    verifier: offer.warm === false ? {} : { warm },
  } as unknown as DaemonServices;
  const server = new DaemonServer({ ...SERVER_OPTIONS, ...options }, services, stubHandlers());
  running.push(server);
  return { server, listeners, warmed: () => warmed };
}

export async function startServer(options: Partial<ServerOptions> = {}, offer: HarnessServices = {}) {
  const made = makeServer(options, offer);
  const port = await made.server.listen();
  return { ...made, port };
}

export async function serverClient(
  port: number,
  opts: Parameters<typeof TestClient.connect>[1] = {},
): Promise<TestClient> {
  const c = await TestClient.connect(port, opts);
  clients.push(c);
  return c;
}

export async function authenticatedClient(port: number): Promise<TestClient> {
  const c = await serverClient(port);
  await c.request('hello', { versions: [1], client: { name: 't', version: '1' } });
  expect((await c.request('auth', { clientNonce: 'A'.repeat(43), proof: 'B'.repeat(43) })).ok).toBe(true);
  return c;
}

export function closedWith(c: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    c.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

/** The raw HTTP answer to an upgrade request with the given headers. */
export function rawUpgrade(port: number, host: string, origin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.write(
      `GET / HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        (origin ? `Origin: ${origin}\r\n` : '') +
        '\r\n',
    );
  });
}
