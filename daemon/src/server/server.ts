import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { BINARY_CHUNK_BYTES } from '@vanthu/shared/protocol/index';
import { WebSocketServer } from 'ws';
import type { Handler } from '../handlers/context.js';
import type { DaemonServices, TokenEvent } from '../handlers/services.js';
import type { DaemonRequestType } from '@vanthu/shared/protocol/index';
import { listenError } from '../net/port-holder.js';
import { Connection, type ConnectionLimits } from './connection.js';
import { checkUpgrade } from './upgrade-guard.js';

export interface ServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  allowedOrigins: readonly string[];
  maxDocumentBytes: number;
  maxJsonBytes: number;
  requestsPerSecond: number;
  /** Authenticated connections at once. */
  maxConnections: number;
  heartbeatSeconds: number;
  handshakeSeconds: number;
}

/** Unauthenticated connections at once; a new one evicts the oldest (a flood cannot lock clients out). */
const MAX_PENDING = 16;

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 403 ? 'Forbidden' : status === 503 ? 'Service Unavailable' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
  socket.destroy();
}

/**
 * The loopback WebSocket API. Binds 127.0.0.1 only. The upgrade is refused (HTTP 403) unless the
 * Host is a loopback name with our port and the Origin is an allowed extension; the connection then
 * has `handshakeSeconds` to complete hello + auth. Pings every `heartbeatSeconds` drop dead peers.
 */
export class DaemonServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly pending = new Set<Connection>();
  private readonly authenticated = new Set<Connection>();
  private heartbeat: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  private boundPort = 0;
  readonly limits: ConnectionLimits;

  constructor(
    private readonly options: ServerOptions,
    private readonly services: DaemonServices,
    private readonly handlers: Record<DaemonRequestType, Handler<never>>,
  ) {
    this.limits = {
      maxJsonBytes: options.maxJsonBytes,
      // One chunk plus its header; anything bigger is closed by ws with 1009.
      maxFrameBytes: BINARY_CHUNK_BYTES + 128,
      maxDocumentBytes: options.maxDocumentBytes,
      requestsPerSecond: options.requestsPerSecond,
      maxInFlight: 8,
      uploadIdleMs: 60_000,
    };
    this.http = createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain' }).end('vanthu: WebSocket only');
    });
    this.http.headersTimeout = 5_000;
    this.http.requestTimeout = 10_000;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxFrameBytes,
      perMessageDeflate: false,
      // Stryker disable next-line BooleanLiteral: the server keeps its own sets; ws's would only be kept, never read
      clientTracking: false,
    });
    this.http.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.http.on('clientError', (_e, socket) => socket.destroy());
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): { pending: number; authenticated: number } {
    return { pending: this.pending.size, authenticated: this.authenticated.size };
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => reject(listenError(error, this.options.port));
      this.http.once('error', failed);
      this.http.listen(this.options.port, '127.0.0.1', () => {
        this.http.off('error', failed);
        resolve();
      });
    });
    // A server listening on TCP has an address object (a string is for pipes, null before listen).
    this.boundPort = (this.http.address() as AddressInfo).port;
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatSeconds * 1000);
    this.heartbeat.unref();
    this.unwatch = this.services.keys.watch?.((e) => this.broadcast(e));
    return this.boundPort;
  }

  async close(reason = 'stopping'): Promise<void> {
    clearInterval(this.heartbeat);
    this.unwatch?.();
    for (const c of [...this.pending, ...this.authenticated]) {
      if (c.state.authenticated) c.event({ type: 'daemon.shutdown', payload: { reason } });
      c.close(1001, reason);
    }
    this.pending.clear();
    this.authenticated.clear();
    this.wss.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private broadcast(e: TokenEvent): void {
    for (const c of this.authenticated) {
      if (e.kind === 'inserted') c.event({ type: 'token.inserted', payload: { token: e.token } });
      else c.event({ type: 'token.removed', payload: { uri: e.uri } });
    }
  }

  private beat(): void {
    for (const c of [...this.pending, ...this.authenticated]) {
      if (!c.alive) {
        c.terminate();
        continue;
      }
      c.alive = false;
      c.ping();
    }
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const verdict = checkUpgrade(req, { port: this.boundPort, allowedOrigins: this.options.allowedOrigins });
    if (!verdict.ok) {
      refuse(socket, verdict.status, verdict.reason);
      return;
    }
    if (this.authenticated.size >= this.options.maxConnections) {
      refuse(socket, 503, 'too many connections');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Stryker disable next-line OptionalChaining: a set of MAX_PENDING (> 0) entries has a first one
      if (this.pending.size >= MAX_PENDING) this.pending.values().next().value?.close(1008, 'evicted');
      const connection = new Connection(
        ws,
        verdict.origin,
        this.services,
        this.handlers,
        this.limits,
        (c) => {
          this.pending.delete(c);
          this.authenticated.add(c);
          // Badges follow a connection at once: the first document should not wait for a process start.
          this.services.verifier.warm?.();
        },
      );
      this.pending.add(connection);
      const timer = setTimeout(() => {
        if (!connection.state.authenticated) connection.close(1008, 'handshake timeout');
      }, this.options.handshakeSeconds * 1000);
      timer.unref();
      ws.on('close', () => {
        clearTimeout(timer);
        this.pending.delete(connection);
        this.authenticated.delete(connection);
      });
    });
  }
}
