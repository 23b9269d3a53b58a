import { type Lang, VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import {
  DAEMON_REQUESTS,
  type DaemonEvent,
  type DaemonRequestType,
  PROTOCOL_VERSION,
  decodeBinaryFrame,
  isDaemonRequestType,
  requestEnvelopeSchema,
} from '@vanthu/shared/protocol/index';
import type { RawData, WebSocket } from 'ws';
import {
  type ConnectionState,
  type Handler,
  type RequestContext,
  type UploadedDocument,
  announcedDocuments,
} from '../handlers/context.js';
import type { DaemonServices } from '../handlers/services.js';
import { DocumentUpload } from './document-upload.js';
import { TokenBucket } from './rate-limit.js';
import { sendDocument } from './send-document.js';

export interface ConnectionLimits {
  maxJsonBytes: number;
  maxFrameBytes: number;
  maxDocumentBytes: number;
  requestsPerSecond: number;
  /** Requests in flight at once per connection. */
  maxInFlight: number;
  /** A document upload idle this long fails with TIMEOUT. */
  uploadIdleMs: number;
}

interface InFlight {
  abort: AbortController;
  upload: DocumentUpload | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

/** Rate-limit violations in a row after which the connection is closed. */
const ABUSE_CLOSE_AFTER = 200;

function toBuffer(data: RawData): Buffer {
  // Stryker disable next-line ConditionalExpression: Buffer.from of a Buffer is a copy of the same bytes
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * One WebSocket client: validates every message, enforces the hello → auth order, routes binary
 * frames to the request that announced them, runs handlers, and answers every request exactly
 * once. Nothing a client sends is thrown through: bad input becomes a typed error reply.
 */
export class Connection {
  readonly state: ConnectionState;
  private readonly inFlight = new Map<string, InFlight>();
  /** Handlers still running (an aborted one may still be finishing its transaction). */
  private readonly running = new Set<Promise<void>>();
  /** Work handlers left for the end of this connection (whenClosed), run once its requests settled. */
  private readonly closeTasks: (() => Promise<unknown>)[] = [];
  private closed = false;
  private readonly bucket: TokenBucket;
  private rateStrikes = 0;
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    origin: string,
    private readonly services: DaemonServices,
    private readonly handlers: Record<DaemonRequestType, Handler<never>>,
    private readonly limits: ConnectionLimits,
    private readonly onAuthenticated: (c: Connection) => void,
  ) {
    this.state = {
      origin,
      lang: 'vi',
      version: undefined,
      serverNonce: undefined,
      authenticated: false,
      maxDocumentBytes: limits.maxDocumentBytes,
      requestsPerSecond: limits.requestsPerSecond,
      maxJsonBytes: limits.maxJsonBytes,
      maxFrameBytes: limits.maxFrameBytes,
    };
    this.bucket = new TokenBucket(limits.requestsPerSecond, limits.requestsPerSecond * 2);
    ws.on('message', (data, isBinary) => this.onMessage(toBuffer(data), isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', () => {
      this.abortAll();
      void this.afterClose();
    });
    ws.on('error', () => this.abortAll());
  }

  get lang(): Lang {
    return this.state.lang;
  }

  /** Sends an event (authenticated connections only receive token events). */
  event(event: DaemonEvent): void {
    this.sendJson({ v: this.state.version ?? PROTOCOL_VERSION, ...event });
  }

  close(code: number, reason: string): void {
    this.abortAll();
    this.ws.close(code, reason);
  }

  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  terminate(): void {
    this.abortAll();
    this.ws.terminate();
  }

  private sendJson(value: unknown): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(value));
  }

  private replyError(id: string | null, error: VanthuError): void {
    this.sendJson({
      v: this.state.version ?? PROTOCOL_VERSION,
      id,
      ok: false,
      error: error.toJSON(this.lang),
    });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (isBinary) {
      this.onBinary(data);
      return;
    }
    if (data.length > this.limits.maxJsonBytes) {
      // Not parsed (that is the point); the id is recovered when it comes early, as clients write it.
      const early = /"id"\s*:\s*"([A-Za-z0-9_-]{1,64})"/.exec(data.subarray(0, 256).toString('latin1'));
      this.replyError(
        early?.[1] ?? null,
        new VanthuError('MESSAGE_TOO_LARGE', `JSON message over ${this.limits.maxJsonBytes} bytes`),
      );
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      this.replyError(null, new VanthuError('PROTOCOL_ERROR', 'message is not JSON'));
      return;
    }
    const envelope = requestEnvelopeSchema.safeParse(raw);
    const rawId = (raw as { id?: unknown } | null)?.id;
    const id = envelope.success ? envelope.data.id : null;
    if (!this.bucket.take()) {
      if (++this.rateStrikes >= ABUSE_CLOSE_AFTER) this.close(1008, 'rate limit');
      else this.replyError(id, new VanthuError('RATE_LIMITED'));
      return;
    }
    this.rateStrikes = 0;
    if (!envelope.success) {
      const detail = typeof rawId === 'string' ? 'bad envelope' : 'bad envelope (id missing or invalid)';
      this.replyError(
        null,
        new VanthuError('PROTOCOL_ERROR', detail, { issues: envelope.error.issues.length }),
      );
      return;
    }
    const { type, payload, v } = envelope.data;
    const envId = envelope.data.id;
    if (!isDaemonRequestType(type)) {
      this.replyError(envId, new VanthuError('PROTOCOL_ERROR', `unknown request type "${type}"`));
      return;
    }
    if (type !== 'hello' && this.state.version !== undefined && v !== this.state.version) {
      this.replyError(
        envId,
        new VanthuError('VERSION_MISMATCH', `envelope v ${v}, negotiated ${this.state.version}`),
      );
      return;
    }
    const spec = DAEMON_REQUESTS[type];
    if (!spec.beforeAuth && !this.state.authenticated) {
      this.replyError(envId, new VanthuError('NOT_PAIRED', `"${type}" needs hello and auth first`));
      return;
    }
    if (this.inFlight.has(envId)) {
      this.replyError(envId, new VanthuError('PROTOCOL_ERROR', `request id "${envId}" is already in flight`));
      return;
    }
    if (this.inFlight.size >= this.limits.maxInFlight) {
      this.replyError(
        envId,
        new VanthuError('BUSY', `more than ${this.limits.maxInFlight} requests in flight`),
      );
      return;
    }
    const parsed = spec.payload.safeParse(payload);
    if (!parsed.success) {
      this.replyError(
        envId,
        new VanthuError(
          'INVALID_INPUT',
          // Stryker disable next-line OptionalChaining: a failed parse has at least one issue
          `${type}: ${parsed.error.issues[0]?.path.join('.') || 'payload'}: ${parsed.error.issues[0]?.message}`,
          {
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        ),
      );
      return;
    }
    const running = this.run(envId, type, parsed.data);
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }

  private onBinary(data: Buffer): void {
    const frame = decodeBinaryFrame(data);
    if (!frame) {
      this.replyError(null, new VanthuError('PROTOCOL_ERROR', 'binary frame without a valid vanthu header'));
      return;
    }
    const entry = this.inFlight.get(frame.id);
    if (!entry?.upload || entry.upload.complete) {
      this.replyError(
        frame.id,
        new VanthuError('PROTOCOL_ERROR', 'binary frame for no request awaiting a document'),
      );
      return;
    }
    try {
      entry.upload.append(frame.chunk);
      this.armIdle(frame.id, entry);
    } catch (error) {
      entry.abort.abort(error);
    }
  }

  private armIdle(id: string, entry: InFlight): void {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    if (!entry.upload || entry.upload.complete) return;
    entry.idleTimer = setTimeout(() => {
      // Stryker disable next-line OptionalChaining: the timer is armed only for an entry with an upload, and an entry's upload is never unset
      entry.upload?.fail(new VanthuError('TIMEOUT', `no document bytes for ${this.limits.uploadIdleMs} ms`));
    }, this.limits.uploadIdleMs);
    entry.idleTimer.unref();
    void id;
  }

  private async run(id: string, type: DaemonRequestType, payload: unknown): Promise<void> {
    const abort = new AbortController();
    const announced = announcedDocuments(payload);
    const refs = announced.main ? [announced.main, ...announced.attachments] : announced.attachments;
    let upload: DocumentUpload | undefined;
    const entry: InFlight = { abort, upload: undefined, idleTimer: undefined };
    if (refs.length > 0) {
      // The limit bounds what one request holds in memory, all its documents together.
      const total = refs.reduce((n, r) => n + r.bytes, 0);
      if (total > this.limits.maxDocumentBytes) {
        this.replyError(
          id,
          new VanthuError('MESSAGE_TOO_LARGE', `document over ${this.limits.maxDocumentBytes} bytes`),
        );
        return;
      }
      let lastReported = 0;
      upload = new DocumentUpload(refs, (received) => {
        // Progress about every 4 MiB, not per frame.
        if (received - lastReported >= 4 * 1024 * 1024 || received === total) {
          lastReported = received;
          this.event({
            type: 'progress',
            payload: { id, stage: 'receiving', done: received, total },
          });
        }
      });
      entry.upload = upload;
    }
    this.inFlight.set(id, entry);
    this.armIdle(id, entry);
    abort.signal.addEventListener('abort', () => {
      const reason = abort.signal.reason;
      // Stryker disable next-line StringLiteral: every abort of a request carries a VanthuError (a cancel, the connection closing, a refused frame), so the fallback is never built
      upload?.fail(reason instanceof VanthuError ? reason : new VanthuError('USER_CANCELLED'));
    });
    const ctx: RequestContext = {
      id,
      state: this.state,
      services: this.services,
      signal: abort.signal,
      document: () => ctx.upload().then((d) => d.bytes),
      upload: () =>
        upload && announced.main
          ? upload.done.then((parts) => parts[0] as UploadedDocument)
          : Promise.reject(new VanthuError('INVALID_INPUT', 'this request has no document')),
      attachments: async () => {
        if (!upload) return [];
        const parts = await upload.done;
        return announced.main ? parts.slice(1) : parts;
      },
      emit: (event) => this.event(event),
      whenClosed: (task) => {
        if (this.closed) void task().catch(() => undefined);
        else this.closeTasks.push(task);
      },
      cancel: (target) => {
        const other = this.inFlight.get(target);
        if (!other || target === id) return false;
        other.abort.abort(new VanthuError('USER_CANCELLED'));
        return true;
      },
    };
    const wasAuthenticated = this.state.authenticated;
    try {
      const output = await this.handlers[type].handle(payload as never, ctx);
      abort.signal.throwIfAborted();
      if (output.document) {
        const parts = output.document instanceof Uint8Array ? [output.document] : output.document;
        const total = parts.reduce((n, p) => n + p.length, 0);
        await sendDocument(
          this.ws,
          id,
          parts,
          (sent) => {
            if (sent === total)
              this.event({ type: 'progress', payload: { id, stage: 'sending', done: sent, total } });
          },
          abort.signal,
        );
      }
      this.sendJson({ v: this.state.version ?? PROTOCOL_VERSION, id, ok: true, result: output.result });
      if (!wasAuthenticated && this.state.authenticated) this.onAuthenticated(this);
    } catch (thrown) {
      const reason = abort.signal.aborted ? abort.signal.reason : thrown;
      const error = reason instanceof VanthuError ? reason : toVanthuError(thrown);
      // The cause of an internal error is logged as Node gave it: it is for the developer, not the clerk.
      if (error.code === 'INTERNAL')
        this.services.log.line(
          `lỗi nội bộ ở ${type} ${id}: ${error.message}`,
          `${type} ${id}: ${error.message}`,
        );
      this.replyError(id, error);
      // A failed proof ends the connection: the challenge is spent and nothing else is allowed.
      if (type === 'auth' && !this.state.authenticated) this.close(1008, 'authentication failed');
    } finally {
      // Stryker disable next-line ConditionalExpression: a timer left to fire only fails an upload already settled or no longer awaited
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      this.inFlight.delete(id);
    }
  }

  /**
   * After the socket closed: waits for every request of this connection to settle (a seal or a
   * registration in progress finishes first), then runs the tasks handlers left; each records its
   * own outcome, so one failing does not stop the others.
   */
  private async afterClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.running]);
    for (const task of this.closeTasks.splice(0)) await task().catch(() => undefined);
  }

  private abortAll(): void {
    for (const entry of this.inFlight.values())
      entry.abort.abort(new VanthuError('USER_CANCELLED', 'connection closed'));
  }
}
