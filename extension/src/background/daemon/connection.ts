import { VanthuError, deserializeError } from '@vanthu/shared/errors/index';
import {
  BINARY_CHUNK_BYTES,
  DAEMON_REQUESTS,
  type DaemonEvent,
  type DaemonRequestType,
  type HelloResult,
  PROTOCOL_VERSION,
  type RequestPayload,
  type RequestResult,
  SUPPORTED_PROTOCOL_VERSIONS,
  daemonEventSchema,
  encodeBinaryHeader,
  eventEnvelopeSchema,
  negotiateVersion,
  replySchema,
} from '@vanthu/shared/protocol/index';
import { IncomingDocuments } from './incoming.js';
import { clientProof, randomNonce, serverProofValid, sha256Hex } from './proof.js';
import { OPEN, type OpenSocket, type SocketLike } from './socket.js';

export interface ConnectOptions {
  readonly url: string;
  readonly open: OpenSocket;
  /** The Origin the daemon sees (chrome-extension://ID); part of the auth proof. */
  readonly origin: string;
  readonly lang?: 'vi' | 'en';
  readonly clientVersion: string;
  /** Milliseconds to wait for the socket to open and for each handshake reply. */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  /** Document sent in binary frames after the JSON request. */
  readonly document?: Uint8Array<ArrayBuffer>;
  /** Further documents the payload announces (registry.register attachments), sent after it in order. */
  readonly attachments?: readonly Uint8Array<ArrayBuffer>[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: Extract<DaemonEvent, { type: 'progress' }>['payload']) => void;
}

export interface Answer<T extends DaemonRequestType> {
  readonly result: RequestResult<T>;
  /** Document the daemon sent back in binary frames (e.g. the signed PDF), checked against its SHA-256. */
  readonly document?: Uint8Array<ArrayBuffer>;
}

/** Requests whose reply carries a document in binary frames (sent before the JSON reply). */
const REPLIES_WITH_DOCUMENT: ReadonlySet<DaemonRequestType> = new Set([
  'sign',
  'document.convert',
  'registry.report',
]);

interface Pending {
  resolve(reply: { result: unknown; document?: Uint8Array<ArrayBuffer> }): void;
  reject(error: VanthuError): void;
  expectsDocument: boolean;
  onProgress?: RequestOptions['onProgress'];
}

/** Keep at most this much queued in the socket before sending the next chunk (backpressure). */
const MAX_BUFFERED = 8 * 1024 * 1024;
let sequence = 0;

function nextId(): string {
  sequence = (sequence + 1) % 1_000_000_000;
  return `x${sequence.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * One WebSocket to the daemon: hello (version negotiation), then either auth with the pairing secret or
 * the manual pairing exchange (code-pairing.ts), then typed requests. Every reply and event is
 * schema-checked; a document travels as binary frames tied to the request id, never as base64 in JSON.
 */
export class DaemonConnection {
  readonly #socket: SocketLike;
  readonly #pending = new Map<string, Pending>();
  readonly #incoming = new IncomingDocuments();
  readonly #eventListeners = new Set<(event: DaemonEvent) => void>();
  readonly #closeListeners = new Set<(error: VanthuError) => void>();
  #version = PROTOCOL_VERSION;
  #closed: VanthuError | undefined;
  hello: HelloResult | undefined;
  authenticated = false;

  private constructor(socket: SocketLike) {
    this.#socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) =>
      this.#fail(new VanthuError('DAEMON_UNREACHABLE', `connection closed (${event.code} ${event.reason})`));
    socket.onerror = () => this.#fail(new VanthuError('DAEMON_UNREACHABLE', 'connection error'));
  }

  /** Opens the socket and runs hello; the connection is not yet authenticated. */
  static async open(options: ConnectOptions): Promise<DaemonConnection> {
    const timeoutMs = options.timeoutMs ?? 5_000;
    let socket: SocketLike;
    try {
      socket = options.open(options.url);
    } catch (e) {
      throw new VanthuError('DAEMON_UNREACHABLE', `${options.url}: ${String(e)}`);
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new VanthuError('DAEMON_UNREACHABLE', `${options.url}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      socket.onopen = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.onerror = () => {
        clearTimeout(timer);
        reject(new VanthuError('DAEMON_UNREACHABLE', options.url));
      };
      socket.onclose = socket.onerror;
    });
    const connection = new DaemonConnection(socket);
    const { result } = await connection.request('hello', {
      versions: [...SUPPORTED_PROTOCOL_VERSIONS],
      client: { name: 'vanthu-extension', version: options.clientVersion },
      lang: options.lang ?? 'vi',
    });
    if (negotiateVersion([result.version]) === undefined) {
      connection.close();
      throw new VanthuError('VERSION_MISMATCH', `daemon chose protocol ${result.version}`);
    }
    connection.#version = result.version;
    connection.hello = result;
    return connection;
  }

  /** Challenge–response with the pairing secret; also checks the daemon's own proof. */
  async authenticate(secret: string, origin: string): Promise<void> {
    const hello = this.hello;
    if (!hello) throw new VanthuError('PROTOCOL_ERROR', 'auth before hello');
    const clientNonce = randomNonce();
    const proof = await clientProof(secret, hello.serverNonce, clientNonce, origin);
    const { result } = await this.request('auth', { clientNonce, proof });
    if (!(await serverProofValid(secret, hello.serverNonce, clientNonce, origin, result.serverProof))) {
      this.close();
      throw new VanthuError('PAIRING_FAILED', 'the service on this port could not prove the pairing secret');
    }
    this.authenticated = true;
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  onEvent(listener: (event: DaemonEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onClose(listener: (error: VanthuError) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  close(): void {
    this.#socket.close(1000, 'client closing');
    this.#fail(new VanthuError('DAEMON_UNREACHABLE', 'connection closed by the extension'));
  }

  async request<T extends DaemonRequestType>(
    type: T,
    payload: RequestPayload<T>,
    options: RequestOptions = {},
  ): Promise<Answer<T>> {
    if (this.#closed) throw this.#closed;
    const id = nextId();
    const spec = DAEMON_REQUESTS[type];
    const result = new Promise<{ result: unknown; document?: Uint8Array<ArrayBuffer> }>((resolve, reject) => {
      this.#pending.set(id, {
        resolve,
        reject,
        expectsDocument: REPLIES_WITH_DOCUMENT.has(type),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    });
    const abort = () => void this.request('cancel', { target: id }).catch(() => undefined);
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      this.#socket.send(JSON.stringify({ v: this.#version, id, type, payload }));
      if (options.document) await this.#sendDocument(id, options.document);
      // An empty file announces 0 bytes and needs no frame.
      for (const part of options.attachments ?? []) if (part.length > 0) await this.#sendDocument(id, part);
      const reply = await result;
      const parsed = spec.result.safeParse(reply.result);
      if (!parsed.success) throw new VanthuError('PROTOCOL_ERROR', `${type}: unexpected result`);
      return {
        result: parsed.data as RequestResult<T>,
        ...(reply.document ? { document: reply.document } : {}),
      };
    } finally {
      options.signal?.removeEventListener('abort', abort);
      this.#pending.delete(id);
      this.#incoming.drop(id);
    }
  }

  async #sendDocument(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const header = encodeBinaryHeader(id);
    const chunkBytes = Math.min(BINARY_CHUNK_BYTES, (this.hello?.limits.maxFrameBytes ?? 1 << 20) - 80);
    for (let at = 0; at < bytes.length || (at === 0 && bytes.length === 0); at += chunkBytes) {
      while (this.#socket.bufferedAmount > MAX_BUFFERED) {
        if (this.#closed) throw this.#closed;
        await new Promise((r) => setTimeout(r, 5));
      }
      if (this.#socket.readyState !== OPEN) throw this.#closed ?? new VanthuError('DAEMON_UNREACHABLE');
      const chunk = bytes.subarray(at, Math.min(bytes.length, at + chunkBytes));
      const frame = new Uint8Array(header.length + chunk.length);
      frame.set(header, 0);
      frame.set(chunk, header.length);
      this.#socket.send(frame);
      if (bytes.length === 0) break;
    }
  }

  #receive(data: unknown): void {
    if (data instanceof ArrayBuffer) {
      this.#incoming.accept(data, (id) => this.#pending.get(id)?.expectsDocument === true);
      return;
    }
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const reply = replySchema.safeParse(json);
    if (reply.success) {
      this.#settle(reply.data);
      return;
    }
    const envelope = eventEnvelopeSchema.safeParse(json);
    if (!envelope.success) return;
    const event = daemonEventSchema.safeParse({ type: envelope.data.type, payload: envelope.data.payload });
    if (!event.success) return;
    if (event.data.type === 'progress')
      this.#pending.get(event.data.payload.id)?.onProgress?.(event.data.payload);
    for (const listener of this.#eventListeners) listener(event.data);
  }

  #settle(reply: ReturnType<typeof replySchema.parse>): void {
    if (reply.id === null) {
      // An error the daemon could not tie to a request: the connection is no longer trustworthy.
      if (!reply.ok) this.#fail(deserializeError(reply.error));
      return;
    }
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if (!reply.ok) pending.reject(deserializeError(reply.error));
    else if (!pending.expectsDocument) pending.resolve({ result: reply.result });
    else void this.#takeDocument(reply.id, reply.result).then(pending.resolve, pending.reject);
  }

  async #takeDocument(
    id: string,
    result: unknown,
  ): Promise<{ result: unknown; document: Uint8Array<ArrayBuffer> }> {
    const ref = (result as { document?: { bytes?: unknown; sha256?: unknown } } | null)?.document;
    if (typeof ref?.bytes !== 'number')
      throw new VanthuError('PROTOCOL_ERROR', 'reply announces no document');
    const document = this.#incoming.take(id, ref.bytes);
    if (!document) throw new VanthuError('PROTOCOL_ERROR', 'document length differs from the announced one');
    if (typeof ref.sha256 === 'string' && (await sha256Hex(document)) !== ref.sha256) {
      throw new VanthuError('PROTOCOL_ERROR', 'document SHA-256 differs from the announced one');
    }
    return { result, document };
  }

  #fail(error: VanthuError): void {
    if (this.#closed) return;
    this.#closed = error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    for (const listener of this.#closeListeners) listener(error);
    if (this.#socket.readyState === OPEN) this.#socket.close(1000);
  }
}
