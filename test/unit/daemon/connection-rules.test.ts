import { describe, expect, it } from 'vitest';
import type { HandlerOutput } from '../../../daemon/src/handlers/context.js';
import { VanthuError } from '@vanthu/shared/errors/index';
import { encodeBinaryFrame } from '@vanthu/shared/protocol/index';
import {
  MEMORY_LIMITS as LIMITS,
  auth,
  hello,
  openMemoryConnection as open,
  pairedMemoryConnection as paired,
  req,
  tick,
  until,
} from '../../support/memory-connection.js';

/**
 * Connection rules that a real socket hides or makes slow (connection.test.ts has the common
 * ones over loopback): how a message arrives (one buffer, fragments, an ArrayBuffer), what happens on
 * a socket error or once the socket is no longer open, when a failed request ends the connection,
 * the abuse counter, and requests carrying several documents. The socket here is the in-memory
 * stand-in of test/support/memory-connection.ts.
 */

describe('how a text message arrives', () => {
  it('a message in fragments, or as an ArrayBuffer, is read whole', async () => {
    const { ws, reply } = open();
    ws.text(req('frag', 'hello', { versions: [1], client: { name: 't', version: '1' } }), (b) => [
      b.subarray(0, 7),
      b.subarray(7),
    ]);
    expect(await reply('frag')).toMatchObject({ ok: true });
    ws.text(req('ab', 'hello', { versions: [1], client: { name: 't', version: '1' } }), (b) =>
      b.buffer.slice(b.byteOffset, b.byteOffset + b.length),
    );
    expect(await reply('ab')).toMatchObject({ ok: true });
  });

  it('the id of a message over the limit is recovered however it is spaced, when it is a valid id', async () => {
    const { ws, reply } = open();
    const big = (head: string) =>
      `{${head},"v":1,"type":"hello","payload":"${'x'.repeat(LIMITS.maxJsonBytes)}"}`;
    ws.text(big('"id":"tight"'));
    expect(await reply('tight')).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    ws.text(big('"id"  :\t "spaced"'));
    expect(await reply('spaced')).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    const longest = 'i'.repeat(64);
    ws.text(big(`"id":"${longest}"`));
    expect(await reply(longest)).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    ws.text(big(`"id":"${'j'.repeat(65)}"`));
    ws.text(big('"id":"not valid!"'));
    await tick();
    expect(ws.replies.slice(-2)).toEqual([
      expect.objectContaining({ id: null, error: expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }) }),
      expect.objectContaining({ id: null, error: expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }) }),
    ]);
  });

  it('text that is not JSON says so; a payload problem names its full path', async () => {
    const { ws, reply } = open();
    ws.text('{not json');
    expect(await reply(null)).toMatchObject({
      error: { code: 'PROTOCOL_ERROR', details: { detail: 'message is not JSON' } },
    });
    ws.text(req('p', 'hello', { versions: [1], client: { name: 5, version: '1' } }));
    const invalid = await reply('p');
    expect(invalid).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'client.name' }] } },
    });
    expect(invalid.error!.message).toContain('hello: client.name: ');
  });

  it('an envelope that does not parse says how many problems it has', async () => {
    const { ws, reply } = open();
    ws.text({ v: 0, id: 'x', type: 7, payload: {} });
    expect(await reply(null)).toMatchObject({
      error: { code: 'PROTOCOL_ERROR', details: { detail: 'bad envelope', issues: 2 } },
    });
  });
});

describe('versions', () => {
  it('before hello a request of any version is routed, and its reply carries the current version', async () => {
    const { ws, reply } = open();
    ws.text({ ...auth, v: 2 });
    expect(await reply('a')).toMatchObject({ v: 1, ok: true });
  });

  it('once another version is negotiated, replies, errors and events carry it', async () => {
    const { ws, connection, reply } = open({
      hello: async (_p, ctx) => {
        ctx.state.version = 2;
        return { result: { version: 2 } };
      },
      'tokens.list': async () => {
        throw new VanthuError('TOKEN_NOT_FOUND');
      },
    });
    ws.text(hello);
    expect(await reply('h')).toMatchObject({ v: 2, ok: true });
    ws.text({ ...auth, v: 2 });
    expect(await reply('a')).toMatchObject({ v: 2, ok: true });
    ws.text({ ...req('t', 'tokens.list'), v: 2 });
    expect(await reply('t')).toMatchObject({ v: 2, ok: false });
    connection.event({ type: 'tokens.changed', payload: {} } as never);
    expect(ws.replies.at(-1)).toMatchObject({ v: 2, type: 'tokens.changed' });
  });
});

describe('when a failed request ends the connection', () => {
  const refuse = async (): Promise<HandlerOutput> => {
    throw new VanthuError('NOT_PAIRED', 'bad proof');
  };

  it('a failed proof before authentication closes it with 1008', async () => {
    const { ws, reply } = open({ auth: refuse });
    ws.text(hello);
    await reply('h');
    ws.text(auth);
    expect(await reply('a')).toMatchObject({ ok: false, error: { code: 'NOT_PAIRED' } });
    expect(ws.closedWith).toEqual([1008, 'authentication failed']);
  });

  it('another request failing before authentication does not', async () => {
    const { ws, reply } = open({
      hello: async () => {
        throw new VanthuError('VERSION_MISMATCH', 'no common version');
      },
    });
    ws.text(hello);
    expect(await reply('h')).toMatchObject({ ok: false, error: { code: 'VERSION_MISMATCH' } });
    expect(ws.closedWith).toBeUndefined();
  });

  it('a second proof failing on a connection already authenticated does not', async () => {
    let proofs = 0;
    const { ws, reply } = await paired({
      auth: async (_p, ctx) => {
        if (++proofs > 1) throw new VanthuError('NOT_PAIRED', 'bad proof');
        ctx.state.authenticated = true;
        return { result: {} };
      },
    });
    ws.text({ ...auth, id: 'a2' });
    expect(await reply('a2')).toMatchObject({ ok: false, error: { code: 'NOT_PAIRED' } });
    expect(ws.closedWith).toBeUndefined();
  });
});

describe('the socket', () => {
  it('an error on the socket cancels the requests in flight, whatever their handlers then throw', async () => {
    let seen: unknown;
    const { ws, reply } = await paired({
      'tokens.list': (_p, ctx) =>
        new Promise((_resolve, reject) =>
          ctx.signal.addEventListener('abort', () => {
            seen = ctx.signal.reason;
            reject(new Error('handler gave up'));
          }),
        ),
    });
    ws.text(req('t', 'tokens.list'));
    await tick();
    ws.emit('error', new Error('ECONNRESET'));
    expect(await reply('t')).toMatchObject({ ok: false, error: { code: 'USER_CANCELLED' } });
    expect(seen).toMatchObject({ code: 'USER_CANCELLED' });
  });

  it('nothing is sent once the socket is no longer open: no reply, no event, no ping', async () => {
    let finish: (() => void) | undefined;
    const { ws, connection } = await paired({
      'tokens.list': () =>
        new Promise<HandlerOutput>((resolve) => {
          finish = () => resolve({ result: {} });
        }),
    });
    ws.text(req('t', 'tokens.list'));
    await until(() => finish);
    const before = ws.replies.length;
    ws.readyState = 2; // closing
    finish!();
    await tick();
    connection.event({ type: 'tokens.changed', payload: {} } as never);
    connection.ping();
    expect(ws.replies).toHaveLength(before);
    expect(ws.pings).toBe(0);
    ws.readyState = ws.OPEN;
    connection.ping();
    expect(ws.pings).toBe(1);
  });

  it('a request that was answered is forgotten, so a long-lived connection does not grow', async () => {
    const { ws, connection, reply } = await paired();
    for (let i = 0; i < 5; i++) ws.text(req(`t${i}`, 'tokens.list'));
    await reply('t4');
    await tick();
    const held = connection as unknown as { running: Set<unknown>; inFlight: Map<string, unknown> };
    expect(held.running.size).toBe(0);
    expect(held.inFlight.size).toBe(0);
  });

  it('a handler error logged as INTERNAL is in the daemon language', async () => {
    const { ws, reply, logs } = await paired(
      {
        'tokens.list': async () => {
          throw new Error('disk on fire');
        },
      },
      {},
      'vi',
    );
    ws.text(req('t', 'tokens.list'));
    expect(await reply('t')).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(logs).toEqual([expect.stringMatching(/^vanthu: lỗi nội bộ ở tokens\.list t: .*disk on fire/)]);
  });
});

describe('abuse of the rate limit', () => {
  it('the count of refusals in a row starts again after a request is accepted', async () => {
    const { ws, reply } = open({}, { requestsPerSecond: 1 });
    const refusals = async (prefix: string, count: number) => {
      for (let i = 0; i < count; i++) ws.text(req(`${prefix}${i}`, 'no.such'));
      expect(await reply(`${prefix}${count - 1}`)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    };
    ws.text(req('b0', 'no.such'));
    ws.text(req('b1', 'no.such'));
    await refusals('r', 199);
    await new Promise((r) => setTimeout(r, 1100));
    ws.text(req('ok', 'no.such'));
    expect(await reply('ok')).toMatchObject({ error: { code: 'PROTOCOL_ERROR' } });
    await refusals('s', 199);
    expect(ws.closedWith).toBeUndefined();
    ws.text(req('last', 'no.such'));
    expect(ws.closedWith).toEqual([1008, 'rate limit']);
  });
});

describe('requests with several documents', () => {
  const register = (id: string, main: number | undefined, attachments: number[]) =>
    req(id, 'registry.register', {
      kind: 'incoming',
      fields: {},
      ...(main === undefined ? {} : { document: { bytes: main } }),
      attachments: attachments.map((bytes, i) => ({ document: { bytes }, name: `pl${i}.pdf` })),
    });

  it('the size limit applies to all documents of a request together, up to and including the limit', async () => {
    const { ws, reply } = await paired({ 'registry.register': async () => ({ result: {} }) });
    ws.text(register('over', 600, [401]));
    const over = await reply('over');
    expect(over).toMatchObject({ error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(over.error!.message).toContain('1000');
    ws.text(register('at', 600, [400]));
    expect(await reply('at')).toMatchObject({ ok: true });
  });

  it('the main document comes first, then the attachments in order', async () => {
    const got: Record<string, unknown> = {};
    const { ws, reply } = await paired({
      'registry.register': async (_p, ctx) => {
        got['main'] = Buffer.from(await ctx.document()).toString();
        got['attachments'] = (await ctx.attachments()).map((d) => Buffer.from(d.bytes).toString());
        return { result: {} };
      },
    });
    ws.text(register('r', 3, [2, 4]));
    await tick();
    ws.emit('message', encodeBinaryFrame('r', Buffer.from('AAABBCCCC')), true);
    expect(await reply('r')).toMatchObject({ ok: true });
    expect(got).toEqual({ main: 'AAA', attachments: ['BB', 'CCCC'] });
  });

  it('attachments without a main document: every part is an attachment, and there is no document', async () => {
    const got: Record<string, unknown> = {};
    const { ws, reply } = await paired({
      'registry.register': async (_p, ctx) => {
        got['attachments'] = (await ctx.attachments()).map((d) => Buffer.from(d.bytes).toString());
        got['document'] = await ctx.upload().catch((e: VanthuError) => e.code);
        return { result: {} };
      },
    });
    ws.text(register('r', undefined, [2, 3]));
    await tick();
    ws.emit('message', encodeBinaryFrame('r', Buffer.from('BBCCC')), true);
    expect(await reply('r')).toMatchObject({ ok: true });
    expect(got).toEqual({ attachments: ['BB', 'CCC'], document: 'INVALID_INPUT' });
  });
});
