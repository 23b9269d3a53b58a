import { createHmac, randomBytes } from 'node:crypto';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { authProofMessage, decodeBinaryFrame, encodeBinaryFrame } from '@vanthu/shared/protocol/index';
import WebSocket from 'ws';

export interface Reply {
  v: number;
  id: string | null;
  ok: boolean;
  result?: Record<string, unknown> & { document?: { bytes: number; sha256: string } };
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

/** A minimal protocol client over a real `ws` socket, as the extension's would behave. */
export class TestClient {
  private seq = 0;
  private readonly waiting = new Map<string, (r: Reply) => void>();
  private readonly chunks = new Map<string, Uint8Array[]>();
  readonly unsolicited: Reply[] = [];
  readonly events: { type: string; payload: Record<string, unknown> }[] = [];
  serverNonce = '';

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        const frame = decodeBinaryFrame(data);
        // ws hands each message its own memory, so the chunk is kept as a view, not copied.
        if (frame)
          (this.chunks.get(frame.id) ?? this.chunks.set(frame.id, []).get(frame.id)!).push(frame.chunk);
        return;
      }
      const msg = JSON.parse(data.toString()) as Reply & { type?: string; payload?: Record<string, unknown> };
      if (msg.type && msg.ok === undefined) {
        this.events.push({ type: msg.type, payload: msg.payload ?? {} });
        return;
      }
      const resolve = msg.id ? this.waiting.get(msg.id) : undefined;
      if (resolve && msg.id) {
        this.waiting.delete(msg.id);
        resolve(msg);
      } else this.unsolicited.push(msg);
    });
  }

  static connect(
    port: number,
    opts: { origin?: string | null; host?: string; autoPong?: boolean } = {},
  ): Promise<TestClient> {
    const headers: Record<string, string> = {};
    if (opts.host) headers['Host'] = opts.host;
    const origin = opts.origin === undefined ? EXTENSION_ORIGIN : opts.origin;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, {
      headers,
      ...(origin ? { origin } : {}),
      maxPayload: 64 * 1024 * 1024,
      // false: a peer that receives pings and never answers them (heartbeat tests).
      autoPong: opts.autoPong ?? true,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Sends a raw text message (for malformed-input tests). */
  raw(text: string | Buffer): void {
    this.ws.send(text);
  }

  request(type: string, payload: unknown, document?: Uint8Array, id = `r${++this.seq}`): Promise<Reply> {
    const done = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    this.ws.send(JSON.stringify({ v: 1, id, type, payload }));
    if (document) {
      const step = 4 * 1024 * 1024;
      for (let o = 0; o < document.length || o === 0; o += step) {
        this.ws.send(encodeBinaryFrame(id, document.subarray(o, Math.min(document.length, o + step))));
        if (document.length === 0) break;
      }
    }
    return done;
  }

  /** Document bytes the daemon sent for request `id` before its reply. */
  received(id: string | null): Buffer {
    return Buffer.concat(this.chunks.get(id ?? '') ?? []);
  }

  lastId(): string {
    return `r${this.seq}`;
  }

  async hello(lang: 'vi' | 'en' = 'en'): Promise<Reply> {
    const r = await this.request('hello', {
      versions: [1],
      client: { name: 'test', version: '0' },
      lang,
    });
    this.serverNonce = String(r.result?.['serverNonce'] ?? '');
    return r;
  }

  authMessage(
    secret: string,
    origin = EXTENSION_ORIGIN,
    clientNonce = randomBytes(32).toString('base64url'),
  ) {
    const proof = createHmac('sha256', Buffer.from(secret, 'base64url'))
      .update(authProofMessage('client', this.serverNonce, clientNonce, origin))
      .digest('base64url');
    return { clientNonce, proof };
  }

  async pair(secret: string, lang: 'vi' | 'en' = 'en'): Promise<Reply> {
    await this.hello(lang);
    return this.request('auth', this.authMessage(secret));
  }

  closed(): Promise<number> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) resolve(1006);
      else this.ws.once('close', (code) => resolve(code));
    });
  }

  close(): void {
    this.ws.close();
  }
}
