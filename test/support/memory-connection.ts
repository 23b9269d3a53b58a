import { EventEmitter } from 'node:events';
import type { Lang } from '@vanthu/shared/errors/index';
import { DAEMON_REQUESTS, type DaemonRequestType } from '@vanthu/shared/protocol/index';
import { expect } from 'vitest';
import type { WebSocket } from 'ws';
import type { Handler, HandlerOutput, RequestContext } from '../../daemon/src/handlers/context.js';
import type { DaemonServices } from '../../daemon/src/handlers/services.js';
import { daemonLog } from '../../daemon/src/i18n/daemon-log.js';
import { Connection, type ConnectionLimits } from '../../daemon/src/server/connection.js';

/**
 * A Connection over an in-memory socket, for the rules a real socket hides or makes slow: what
 * the connection sends is recorded, write completions can be held back (a full kernel buffer),
 * and the close event comes later than close(), as with ws (after the closing handshake).
 */

export const MEMORY_LIMITS: ConnectionLimits = {
  maxJsonBytes: 4096,
  maxFrameBytes: 64 * 1024,
  maxDocumentBytes: 1000,
  requestsPerSecond: 1000,
  maxInFlight: 4,
  uploadIdleMs: 5000,
};

export type Reply = Record<string, unknown> & {
  id?: string | null;
  ok?: boolean;
  result?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
};

/** One binary send: a fragment of a WebSocket message. */
export interface Fragment {
  data: Uint8Array;
  binary: boolean;
  fin: boolean;
}

type WriteDone = (error?: Error) => void;

/** The part of a ws WebSocket the connection uses, in memory. */
export class MemorySocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly replies: Reply[] = [];
  readonly fragments: Fragment[] = [];
  /** While set, binary writes are not completed until `completeWrites` is called. */
  holdWrites = false;
  private readonly held: WriteDone[] = [];
  pings = 0;
  closedWith: [number, string] | undefined;
  bufferedAmount = 0;

  send(data: unknown, options?: unknown, callback?: WriteDone): void {
    const done = typeof options === 'function' ? (options as WriteDone) : callback;
    if (typeof data === 'string') {
      this.replies.push(JSON.parse(data));
      done?.();
      return;
    }
    const { binary, fin } = options as { binary: boolean; fin: boolean };
    this.fragments.push({ data: Uint8Array.from(data as Uint8Array), binary, fin });
    if (this.holdWrites) this.held.push(done ?? (() => {}));
    else done?.();
  }

  /** Completes the writes held so far, with `error` when given. */
  completeWrites(error?: Error): number {
    const held = this.held.splice(0);
    for (const done of held) done(error);
    return held.length;
  }

  ping(): void {
    this.pings++;
  }
  close(code: number, reason: string): void {
    this.closedWith = [code, reason];
    this.readyState = 2;
    setImmediate(() => this.closeNow(code));
  }
  terminate(): void {
    this.readyState = 2;
    setImmediate(() => this.closeNow(1006));
  }
  private closeNow(code: number): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit('close', code);
  }
  /** A text message as ws delivers it (a Buffer unless told otherwise). */
  text(value: unknown, as: (b: Buffer) => unknown = (b) => b): void {
    const raw = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    this.emit('message', as(raw), false);
  }
}

export const tick = () => new Promise((r) => setTimeout(r, 5));

export async function until<T>(look: () => T | undefined): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = look();
    if (found !== undefined) return found;
    await tick();
  }
  throw new Error('timed out waiting');
}

export type HandlerOverrides = Partial<
  Record<DaemonRequestType, (payload: unknown, ctx: RequestContext) => Promise<HandlerOutput>>
>;

/**
 * A Connection over a MemorySocket. Handlers not overridden answer `{ type }`; hello sets version 1
 * and auth authenticates.
 */
export function openMemoryConnection(
  overrides: HandlerOverrides = {},
  limits: Partial<ConnectionLimits> = {},
  lang: Lang = 'en',
) {
  const logs: string[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(DAEMON_REQUESTS) as DaemonRequestType[]).map((type) => [
      type,
      {
        handle: async (payload: unknown, ctx: RequestContext) => {
          const own = overrides[type];
          if (own) return own(payload, ctx);
          if (type === 'hello') ctx.state.version = 1;
          if (type === 'auth') ctx.state.authenticated = true;
          return { result: { type } };
        },
      } as Handler<never>,
    ]),
  ) as Record<DaemonRequestType, Handler<never>>;
  const services = { log: daemonLog(lang, (line) => logs.push(line)) } as unknown as DaemonServices;
  const ws = new MemorySocket();
  const connection = new Connection(
    ws as unknown as WebSocket,
    'chrome-extension://test',
    services,
    handlers,
    { ...MEMORY_LIMITS, ...limits },
    () => {},
  );
  const reply = (id: string | null) => until(() => ws.replies.find((r) => r.id === id));
  return { ws, connection, logs, reply };
}

export const req = (id: string, type: string, payload: unknown = {}) => ({ v: 1, id, type, payload });
export const hello = req('h', 'hello', { versions: [1], client: { name: 't', version: '1' } });
export const auth = req('a', 'auth', { clientNonce: 'A'.repeat(43), proof: 'B'.repeat(43) });

/** A connection past hello and auth. */
export async function pairedMemoryConnection(...args: Parameters<typeof openMemoryConnection>) {
  const c = openMemoryConnection(...args);
  c.ws.text(hello);
  await c.reply('h');
  c.ws.text(auth);
  expect(await c.reply('a')).toMatchObject({ ok: true });
  return c;
}
