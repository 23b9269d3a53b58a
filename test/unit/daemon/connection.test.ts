import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { Handler, HandlerOutput, RequestContext } from '../../../daemon/src/handlers/context.js';
import type { DaemonServices } from '../../../daemon/src/handlers/services.js';
import { daemonLog } from '../../../daemon/src/i18n/daemon-log.js';
import { Connection, type ConnectionLimits } from '../../../daemon/src/server/connection.js';
import { VanthuError } from '@vanthu/shared/errors/index';
import {
  DAEMON_REQUESTS,
  type DaemonRequestType,
  decodeBinaryFrame,
  encodeBinaryFrame,
} from '@vanthu/shared/protocol/index';

/**
 * One connection's message rules, fast: a real WebSocket server and client on loopback, the real
 * Connection, and handlers that only record what reached them. The full daemon (real handlers,
 * 100 MB documents, 1,000 clients) is test/integration/daemon/server.test.ts.
 */

const LIMITS: ConnectionLimits = {
  maxJsonBytes: 4096,
  maxFrameBytes: 64 * 1024,
  maxDocumentBytes: 1000,
  requestsPerSecond: 1000,
  maxInFlight: 4,
  uploadIdleMs: 5000,
};

type Reply = Record<string, unknown> & {
  id?: string | null;
  ok?: boolean;
  error?: { code: string; message: string };
};

interface Harness {
  client: WebSocket;
  connection: Connection;
  /** Requests that reached a handler, by type. */
  reached: string[];
  logs: string[];
  authenticatedEvents: number;
  /** Sends a JSON request; resolves with the reply carrying its id (or the next error without id). */
  send(value: unknown): void;
  next(predicate?: (m: Reply) => boolean): Promise<Reply>;
  binaries: Uint8Array[];
  closed: Promise<number>;
}

const servers: WebSocketServer[] = [];
const clients: WebSocket[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A handler that returns `output`, or what `run` does. */
function handler(run: (payload: unknown, ctx: RequestContext) => Promise<HandlerOutput>): Handler<never> {
  return { handle: (payload, ctx) => run(payload, ctx) };
}

async function harness(
  overrides: Partial<Record<DaemonRequestType, Handler<never>>> = {},
  limits: Partial<ConnectionLimits> = {},
): Promise<Harness> {
  const reached: string[] = [];
  const logs: string[] = [];
  const handlers = Object.fromEntries(
    (Object.keys(DAEMON_REQUESTS) as DaemonRequestType[]).map((type) => [
      type,
      handler(async (payload, ctx) => {
        reached.push(type);
        const own = overrides[type];
        if (own) return own.handle(payload as never, ctx);
        if (type === 'hello') {
          ctx.state.version = 1;
          return { result: { version: 1 } };
        }
        if (type === 'auth') {
          ctx.state.authenticated = true;
          return { result: {} };
        }
        return { result: { type } };
      }),
    ]),
  ) as Record<DaemonRequestType, Handler<never>>;
  const services = { log: daemonLog('en', (line) => logs.push(line)) } as unknown as DaemonServices;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  const h = { authenticatedEvents: 0 } as Harness;
  const made = new Promise<Connection>((resolve) =>
    server.once('connection', (ws) =>
      resolve(
        new Connection(ws, 'chrome-extension://test', services, handlers, { ...LIMITS, ...limits }, () => {
          h.authenticatedEvents++;
        }),
      ),
    ),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  clients.push(client);
  const inbox: Reply[] = [];
  const waiters: Array<() => void> = [];
  const binaries: Uint8Array[] = [];
  client.on('message', (data, isBinary) => {
    if (isBinary) binaries.push(new Uint8Array(data as Buffer));
    else inbox.push(JSON.parse(String(data)));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<number>((resolve) => client.on('close', (code) => resolve(code)));
  await new Promise((r) => client.once('open', r));
  const connection = await made;
  return Object.assign(h, {
    client,
    connection,
    reached,
    logs,
    binaries,
    closed,
    send: (value: unknown) => client.send(typeof value === 'string' ? value : JSON.stringify(value)),
    next: (predicate: (m: Reply) => boolean = () => true) =>
      new Promise<Reply>(function look(resolve) {
        const i = inbox.findIndex(predicate);
        if (i >= 0) resolve(inbox.splice(i, 1)[0]!);
        else waiters.push(() => look(resolve));
      }),
  });
}

const req = (id: string, type: string, payload: unknown = {}, v = 1) => ({ v, id, type, payload });
const hello = req('h', 'hello', { versions: [1], client: { name: 't', version: '1' } });
const auth = req('a', 'auth', { clientNonce: 'A'.repeat(43), proof: 'B'.repeat(43) });
const byId = (id: string | null) => (m: Reply) => m.id === id;

async function paired(overrides: Parameters<typeof harness>[0] = {}, limits: Partial<ConnectionLimits> = {}) {
  const h = await harness(overrides, limits);
  h.send(hello);
  expect(await h.next(byId('h'))).toMatchObject({ ok: true });
  h.send(auth);
  expect(await h.next(byId('a'))).toMatchObject({ ok: true });
  return h;
}

describe('message validation', () => {
  it('a JSON message over the limit is refused unparsed, with the id when it comes early', async () => {
    const h = await harness();
    h.send(`{"id" : "big-1","v":1,"type":"hello","payload":"${'x'.repeat(LIMITS.maxJsonBytes)}"}`);
    const reply = await h.next();
    expect(reply).toMatchObject({ v: 1, id: 'big-1', ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(reply.error!.message).toContain(String(LIMITS.maxJsonBytes));
    h.send(`{"v":1,"type":"hello","payload":"${'x'.repeat(LIMITS.maxJsonBytes)}","id":"late"}`);
    expect(await h.next()).toMatchObject({ id: null, error: { code: 'MESSAGE_TOO_LARGE' } });
    // Exactly at the limit is parsed.
    const exact = JSON.stringify(req('e', 'hello', { versions: [1], client: { name: 't', version: '1' } }));
    h.send(exact.replace('"payload"', `${' '.repeat(LIMITS.maxJsonBytes - exact.length)}"payload"`));
    expect(await h.next()).toMatchObject({ id: 'e', ok: true });
    expect(h.reached).toEqual(['hello']);
  });

  it('text that is not JSON, and envelopes that do not parse, are PROTOCOL_ERROR without an id', async () => {
    const h = await harness();
    h.send('{not json');
    expect(await h.next()).toMatchObject({ id: null, ok: false, error: { code: 'PROTOCOL_ERROR' } });
    h.send({ v: 1, id: 'ok-id', type: 'hello', payload: {}, extra: 1 });
    expect(await h.next()).toMatchObject({ id: 'ok-id' }); // extra keys are tolerated by the envelope
    h.send({ v: 0, id: 'x', type: 'hello', payload: {} });
    const bad = await h.next();
    expect(bad).toMatchObject({
      id: null,
      error: { code: 'PROTOCOL_ERROR', details: { detail: 'bad envelope' } },
    });
    h.send({ v: 1, type: 'hello', payload: {} });
    expect(await h.next()).toMatchObject({
      id: null,
      error: { details: { detail: 'bad envelope (id missing or invalid)' } },
    });
    h.send({ v: 1, id: 'bad id!', type: 'hello', payload: {} });
    expect(await h.next()).toMatchObject({ id: null, error: { details: { detail: 'bad envelope' } } });
    h.send('null');
    expect(await h.next()).toMatchObject({ id: null, error: { code: 'PROTOCOL_ERROR' } });
    expect(h.reached).toEqual([]);
  });

  it('an unknown type, a payload that fails its schema, and a request before auth are refused by id', async () => {
    const h = await harness();
    h.send(req('u', 'no.such'));
    const unknown = await h.next(byId('u'));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'PROTOCOL_ERROR' } });
    expect(unknown.error!.message).toContain('"no.such"');
    h.send(req('p', 'hello', { versions: [], client: { name: 't', version: '1' } }));
    const invalid = await h.next(byId('p'));
    expect(invalid).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'versions' }] } },
    });
    expect(invalid.error!.message).toContain('hello: versions: ');
    h.send(req('q', 'hello', 'not an object'));
    expect((await h.next(byId('q'))).error!.message).toContain('hello: payload: ');
    h.send(req('t', 'tokens.list'));
    const early = await h.next(byId('t'));
    expect(early).toMatchObject({ error: { code: 'NOT_PAIRED' } });
    expect(early.error!.message).toContain('"tokens.list"');
    expect(h.reached).toEqual([]);
  });

  it('after hello, a request in another version is VERSION_MISMATCH; hello itself may renegotiate', async () => {
    const h = await paired();
    h.send(req('w', 'tokens.list', {}, 2));
    const mismatch = await h.next(byId('w'));
    expect(mismatch).toMatchObject({ v: 1, error: { code: 'VERSION_MISMATCH' } });
    expect(mismatch.error!.message).toContain('envelope v 2, negotiated 1');
    h.send({ ...hello, id: 'h2', v: 2 });
    expect(await h.next(byId('h2'))).toMatchObject({ ok: true });
    h.send(req('t', 'tokens.list'));
    expect(await h.next(byId('t'))).toMatchObject({ ok: true, result: { type: 'tokens.list' } });
  });

  it('before hello no version is negotiated: any version is routed, and replies carry the current one', async () => {
    const h = await harness();
    h.send({ ...hello, v: 7 });
    expect(await h.next(byId('h'))).toMatchObject({ v: 1, ok: true });
  });
});

describe('authentication', () => {
  it('a successful auth is reported once; a failed one closes the connection with 1008', async () => {
    const h = await paired();
    expect(h.authenticatedEvents).toBe(1);
    h.send({ ...auth, id: 'a2' });
    await h.next(byId('a2'));
    expect(h.authenticatedEvents).toBe(1); // already authenticated: not again

    const refused = await harness({
      auth: handler(async () => {
        throw new VanthuError('NOT_PAIRED', 'bad proof');
      }),
    });
    refused.send(hello);
    await refused.next(byId('h'));
    refused.send(auth);
    expect(await refused.next(byId('a'))).toMatchObject({ ok: false, error: { code: 'NOT_PAIRED' } });
    expect(await refused.closed).toBe(1008);
    expect(refused.authenticatedEvents).toBe(0);
  });

  it('another failed request does not close the connection; an unexpected error is logged as INTERNAL', async () => {
    const h = await paired({
      'tokens.list': handler(async () => {
        throw new Error('disk on fire');
      }),
      verify: handler(async () => {
        throw new VanthuError('PDF_MALFORMED', 'nope');
      }),
    });
    h.send(req('t', 'tokens.list'));
    expect(await h.next(byId('t'))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(h.logs).toEqual([expect.stringMatching(/^vanthu: tokens\.list t: .*disk on fire/)]);
    h.send(req('v', 'verify', { document: { bytes: 0 } }));
    expect(await h.next(byId('v'))).toMatchObject({ ok: false, error: { code: 'PDF_MALFORMED' } });
    expect(h.logs).toHaveLength(1);
    h.send(req('t2', 'cancel', { target: 'zz' }));
    expect(await h.next(byId('t2'))).toMatchObject({ ok: true });
  });
});

describe('rate and concurrency limits', () => {
  it('beyond the burst, requests are RATE_LIMITED by id; 200 violations in a row close the connection', async () => {
    const h = await harness({}, { requestsPerSecond: 1 });
    // Burst of 2 (twice the rate), then refusals.
    for (let i = 0; i < 3; i++) h.send(req(`r${i}`, 'no.such'));
    expect(await h.next(byId('r0'))).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    expect(await h.next(byId('r1'))).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    expect(await h.next(byId('r2'))).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    h.send('{"v":0}');
    expect(await h.next()).toMatchObject({ id: null, error: { code: 'RATE_LIMITED' } });
    for (let i = 0; i < 197; i++) h.send(req(`s${i}`, 'no.such'));
    expect(await h.next(byId('s196'))).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    h.send(req('last', 'no.such'));
    expect(await h.closed).toBe(1008);
  });

  it('a duplicate id in flight, and more requests in flight than allowed, are refused', async () => {
    const gates: Array<() => void> = [];
    const slow = handler(
      () => new Promise<HandlerOutput>((resolve) => gates.push(() => resolve({ result: { slow: true } }))),
    );
    const h = await paired({ 'tokens.list': slow }, { maxInFlight: 2 });
    h.send(req('x', 'tokens.list'));
    h.send(req('x', 'tokens.list'));
    const duplicate = await h.next(byId('x'));
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'PROTOCOL_ERROR' } });
    expect(duplicate.error!.message).toContain('"x"');
    h.send(req('y', 'tokens.list'));
    h.send(req('z', 'tokens.list'));
    const busy = await h.next(byId('z'));
    expect(busy).toMatchObject({ error: { code: 'BUSY' } });
    expect(busy.error!.message).toContain('2');
    for (const g of gates.splice(0)) g();
    expect(await h.next(byId('x'))).toMatchObject({ ok: true, result: { slow: true } });
    expect(await h.next(byId('y'))).toMatchObject({ ok: true });
    // Finished requests free their slot and their id.
    h.send(req('x', 'tokens.list'));
    // Under load the request may take more than a few milliseconds to reach its handler.
    for (let i = 0; i < 400 && gates.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    for (const g of gates.splice(0)) g();
    expect(await h.next(byId('x'))).toMatchObject({ ok: true });
  });
});

describe('documents', () => {
  const bytes = new TextEncoder().encode('%PDF-1.7 hello');
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('receives an announced document in binary frames and hands it to the handler', async () => {
    let got: Uint8Array | undefined;
    const h = await paired({
      verify: handler(async (_p, ctx) => {
        got = await ctx.document();
        expect(await ctx.attachments()).toEqual([]);
        return { result: { n: got.length } };
      }),
    });
    h.send(req('v', 'verify', { document: { bytes: bytes.length, sha256: sha } }));
    await new Promise((r) => setTimeout(r, 20));
    h.client.send(encodeBinaryFrame('v', bytes.subarray(0, 5)));
    h.client.send(encodeBinaryFrame('v', bytes.subarray(5)));
    expect(await h.next(byId('v'))).toMatchObject({ ok: true, result: { n: bytes.length } });
    expect(Buffer.from(got!)).toEqual(Buffer.from(bytes));
    const progress = await h.next((m) => m['type'] === 'progress');
    expect(progress).toMatchObject({
      v: 1,
      payload: { id: 'v', stage: 'receiving', done: bytes.length, total: bytes.length },
    });
  });

  it('refuses documents over the limit, frames for no upload, and frames without a header', async () => {
    const h = await paired();
    h.send(req('big', 'verify', { document: { bytes: LIMITS.maxDocumentBytes + 1 } }));
    const big = await h.next(byId('big'));
    expect(big).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(big.error!.message).toContain(String(LIMITS.maxDocumentBytes));
    h.client.send(encodeBinaryFrame('nobody', bytes));
    expect(await h.next(byId('nobody'))).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    h.client.send(Buffer.from('garbage'), { binary: true });
    expect(await h.next(byId(null))).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    // A request without a document has none to give.
    let refusal: unknown;
    const noDoc = await paired({
      'tokens.list': handler(async (_p, ctx) => {
        refusal = await ctx.document().catch((e: unknown) => e);
        return { result: { attachments: (await ctx.attachments()).length } };
      }),
    });
    noDoc.send(req('t', 'tokens.list'));
    expect(await noDoc.next(byId('t'))).toMatchObject({ ok: true, result: { attachments: 0 } });
    expect(refusal).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('an upload idle too long fails with TIMEOUT', async () => {
    const h = await paired(
      { verify: handler(async (_p, ctx) => ({ result: { n: (await ctx.document()).length } })) },
      { uploadIdleMs: 50 },
    );
    h.send(req('v', 'verify', { document: { bytes: bytes.length } }));
    await new Promise((r) => setTimeout(r, 10));
    h.client.send(encodeBinaryFrame('v', bytes.subarray(0, 3)));
    const reply = await h.next(byId('v'));
    expect(reply).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(reply.error!.message).toContain('50 ms');
  });

  it('sends a handler document back in binary frames, then the result', async () => {
    const h = await paired({
      'tokens.list': handler(async () => ({
        result: { done: true },
        document: [bytes.subarray(0, 4), bytes.subarray(4)],
      })),
    });
    h.send(req('d', 'tokens.list'));
    expect(await h.next(byId('d'))).toMatchObject({ ok: true, result: { done: true } });
    const frames = h.binaries.map((b) => decodeBinaryFrame(b)!);
    expect(frames.every((f) => f.id === 'd')).toBe(true);
    expect(Buffer.concat(frames.map((f) => f.chunk))).toEqual(Buffer.from(bytes));
    expect(await h.next((m) => m['type'] === 'progress')).toMatchObject({
      payload: { id: 'd', stage: 'sending', done: bytes.length, total: bytes.length },
    });
  });

  it('a request can cancel another in flight (not itself, not one that is gone); closing aborts all', async () => {
    let seen: unknown;
    const h = await paired({
      verify: handler(async (_p, ctx) => {
        seen = await ctx.document().catch((e: unknown) => e);
        throw seen;
      }),
      cancel: handler(async (p, ctx) => ({
        result: { cancelled: ctx.cancel((p as { target: string }).target), self: ctx.cancel(ctx.id) },
      })),
    });
    h.send(req('v', 'verify', { document: { bytes: bytes.length } }));
    h.send(req('c', 'cancel', { target: 'v' }));
    expect(await h.next(byId('c'))).toMatchObject({ ok: true, result: { cancelled: true, self: false } });
    expect(await h.next(byId('v'))).toMatchObject({ ok: false, error: { code: 'USER_CANCELLED' } });
    h.send(req('c2', 'cancel', { target: 'v' }));
    expect(await h.next(byId('c2'))).toMatchObject({ result: { cancelled: false } });
  });
});

describe('uploads in detail', () => {
  const doc = new Uint8Array(10).fill(65);

  it('each frame re-arms the idle timer, so a slow but steady upload completes', async () => {
    const h = await paired(
      { verify: handler(async (_p, ctx) => ({ result: { n: (await ctx.document()).length } })) },
      { uploadIdleMs: 700 },
    );
    h.send(req('v', 'verify', { document: { bytes: doc.length } }));
    for (let i = 0; i < doc.length; i += 2) {
      await new Promise((r) => setTimeout(r, 250));
      h.client.send(encodeBinaryFrame('v', doc.subarray(i, i + 2)));
    }
    expect(await h.next(byId('v'))).toMatchObject({ ok: true, result: { n: doc.length } });
  });

  it('more bytes than announced fail the request; a frame after the document is complete is refused', async () => {
    const gate: Array<() => void> = [];
    const h = await paired({
      verify: handler(async (_p, ctx) => {
        const bytes = await ctx.document();
        await new Promise<void>((r) => gate.push(r));
        return { result: { n: bytes.length } };
      }),
    });
    h.send(req('over', 'verify', { document: { bytes: 4 } }));
    await new Promise((r) => setTimeout(r, 20));
    h.client.send(encodeBinaryFrame('over', doc));
    expect(await h.next(byId('over'))).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    h.send(req('v', 'verify', { document: { bytes: 4 } }));
    await new Promise((r) => setTimeout(r, 20));
    h.client.send(encodeBinaryFrame('v', doc.subarray(0, 4)));
    await new Promise((r) => setTimeout(r, 50));
    h.client.send(encodeBinaryFrame('v', doc.subarray(0, 1)));
    const late = await h.next(byId('v'));
    expect(late).toMatchObject({ ok: false, error: { code: 'PROTOCOL_ERROR' } });
    expect(late.error!.message).toContain('no request awaiting a document');
    for (const g of gate.splice(0)) g();
    expect(await h.next(byId('v'))).toMatchObject({ ok: true, result: { n: 4 } });
  });

  it('reports receiving progress about every 4 MiB and at the end, not per frame', async () => {
    const MiB = 1024 * 1024;
    const h = await paired(
      { verify: handler(async (_p, ctx) => ({ result: { n: (await ctx.document()).length } })) },
      { maxDocumentBytes: 6 * MiB },
    );
    h.send(req('v', 'verify', { document: { bytes: 5 * MiB } }));
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 5; i++) h.client.send(encodeBinaryFrame('v', new Uint8Array(MiB)));
    expect(await h.next(byId('v'))).toMatchObject({ ok: true, result: { n: 5 * MiB } });
    const progress: number[] = [];
    for (let i = 0; i < 2; i++)
      progress.push(((await h.next((m) => m['type'] === 'progress')).payload as { done: number }).done);
    expect(progress).toEqual([4 * MiB, 5 * MiB]);
  });

  it('a client that goes away cancels what it had in flight', async () => {
    let seen: unknown;
    const settled = new Promise<void>((resolve) => {
      void paired({
        verify: handler(async (_p, ctx) => {
          seen = await ctx.document().catch((e: unknown) => e);
          resolve();
          throw seen;
        }),
      }).then((h) => {
        h.send(req('v', 'verify', { document: { bytes: 4 } }));
        setTimeout(() => h.client.close(), 50);
      });
    });
    await settled;
    expect(seen).toMatchObject({
      code: 'USER_CANCELLED',
      message: expect.stringContaining('connection closed'),
    });
  });
});

describe('keep-alive and shutdown', () => {
  it('a pong marks the connection alive; close and terminate end it', async () => {
    const h = await paired();
    h.connection.alive = false;
    h.connection.ping();
    for (let i = 0; i < 100 && !h.connection.alive; i++) await new Promise((r) => setTimeout(r, 50));
    expect(h.connection.alive).toBe(true);
    h.connection.close(4000, 'shutting down');
    expect(await h.closed).toBe(4000);
    h.connection.ping(); // closed: no ping, no error
    const t = await paired();
    t.connection.terminate();
    expect(await t.closed).toBe(1006);
  });

  it('events carry the negotiated version', async () => {
    const h = await paired();
    h.connection.event({ type: 'tokens.changed', payload: {} } as never);
    expect(await h.next((m) => m['type'] === 'tokens.changed')).toMatchObject({ v: 1 });
  });
});

describe('results after a cancel', () => {
  it('a handler that ignores the abort and returns anyway is answered USER_CANCELLED', async () => {
    const gate: Array<() => void> = [];
    const h = await paired({
      'tokens.list': handler(
        () => new Promise<HandlerOutput>((resolve) => gate.push(() => resolve({ result: { late: true } }))),
      ),
      cancel: handler(async (p, ctx) => ({
        result: { cancelled: ctx.cancel((p as { target: string }).target) },
      })),
    });
    h.send(req('t', 'tokens.list'));
    h.send(req('c', 'cancel', { target: 't' }));
    expect(await h.next(byId('c'))).toMatchObject({ result: { cancelled: true } });
    for (const g of gate.splice(0)) g();
    expect(await h.next(byId('t'))).toMatchObject({ ok: false, error: { code: 'USER_CANCELLED' } });
  });

  it('a document returned as one Uint8Array is sent whole, with one progress event', async () => {
    const doc = new TextEncoder().encode('one piece');
    const h = await paired({ 'tokens.list': handler(async () => ({ result: {}, document: doc })) });
    h.send(req('d', 'tokens.list'));
    expect(await h.next(byId('d'))).toMatchObject({ ok: true });
    expect(Buffer.concat(h.binaries.map((b) => decodeBinaryFrame(b)!.chunk))).toEqual(Buffer.from(doc));
    expect(await h.next((m) => m['type'] === 'progress')).toMatchObject({
      payload: { id: 'd', stage: 'sending', done: doc.length, total: doc.length },
    });
  });
});
