import { ERROR_CATALOGUE, type VanthuError } from '@vanthu/shared/errors/index';
import { PROTOCOL_VERSION, encodeBinaryFrame } from '@vanthu/shared/protocol/index';
import { describe, expect, it } from 'vitest';
import type { HandlerOutput, RequestContext } from '../../../daemon/src/handlers/context.js';
import {
  openMemoryConnection as open,
  pairedMemoryConnection as paired,
  req,
  tick,
  until,
} from '../../support/memory-connection.js';

/**
 * What a connection does around its requests rather than in them: the language before hello,
 * events, ending the connection while requests run, and what a handler learns about its upload.
 */

/** A tokens.list handler that runs until its request is aborted, keeping its context. */
function hanging(contexts: RequestContext[]) {
  return (_p: unknown, ctx: RequestContext) =>
    new Promise<HandlerOutput>((_resolve, reject) => {
      contexts.push(ctx);
      ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
    });
}

describe('before hello', () => {
  it('errors are in Vietnamese, the default language', async () => {
    const { ws, reply } = open();
    ws.text(req('u', 'no.such'));
    const refused = await reply('u');
    expect(refused.error!.message.startsWith(`${ERROR_CATALOGUE.PROTOCOL_ERROR.vi}: `)).toBe(true);
  });

  it('an event carries the current protocol version', async () => {
    const { ws, connection } = open();
    connection.event({ type: 'tokens.changed', payload: {} } as never);
    expect(ws.replies).toEqual([{ v: PROTOCOL_VERSION, type: 'tokens.changed', payload: {} }]);
  });
});

describe('after hello', () => {
  it('errors are in the language hello chose', async () => {
    const { ws, reply } = open({
      hello: async (_p, ctx) => {
        ctx.state.lang = 'en';
        return { result: {} };
      },
    });
    ws.text(req('h', 'hello', { versions: [1], client: { name: 't', version: '1' } }));
    await reply('h');
    ws.text(req('u', 'no.such'));
    const refused = await reply('u');
    expect(refused.error!.message.startsWith(`${ERROR_CATALOGUE.PROTOCOL_ERROR.en}: `)).toBe(true);
  });
});

describe('keep-alive', () => {
  it('a new connection counts as alive until a heartbeat finds otherwise', () => {
    expect(open().connection.alive).toBe(true);
  });
});

describe('ending the connection', () => {
  for (const end of ['close', 'terminate'] as const) {
    it(`${end}() cancels the requests in flight at once, before the socket reports it closed`, async () => {
      const contexts: RequestContext[] = [];
      const { ws, connection } = await paired({ 'tokens.list': hanging(contexts) });
      ws.text(req('t', 'tokens.list'));
      const ctx = await until(() => contexts[0]);
      if (end === 'close') connection.close(4000, 'shutting down');
      else connection.terminate();
      expect(ws.readyState).not.toBe(3);
      expect(ctx.signal.reason).toMatchObject({ code: 'USER_CANCELLED' });
    });
  }
});

describe('ending the connection, later', () => {
  it('a task a handler leaves once the close work has run still runs, at once', async () => {
    const contexts: RequestContext[] = [];
    const { ws } = await paired({
      'tokens.list': async (_p, ctx) => {
        contexts.push(ctx);
        return { result: {} };
      },
    });
    ws.text(req('t', 'tokens.list'));
    const ctx = await until(() => contexts[0]);
    ws.close(1000, 'bye');
    await until(() => (ws.readyState === 3 ? true : undefined));
    await tick();
    const ran: string[] = [];
    ctx.whenClosed(async () => {
      ran.push('late');
    });
    expect(ran).toEqual(['late']);
  });
});

describe('binary frames', () => {
  it('a frame without a vanthu header is refused, saying so', async () => {
    const { ws, reply } = await paired();
    ws.emit('message', Buffer.from('garbage'), true);
    expect(await reply(null)).toMatchObject({
      error: {
        code: 'PROTOCOL_ERROR',
        details: { detail: 'binary frame without a valid vanthu header' },
      },
    });
  });

  it('a frame past the announced size cancels the request itself, not only its upload', async () => {
    const contexts: RequestContext[] = [];
    const { ws } = await paired({ verify: hanging(contexts) });
    ws.text(req('v', 'verify', { document: { bytes: 2 } }));
    await until(() => contexts[0]);
    ws.emit('message', encodeBinaryFrame('v', Buffer.from('abc')), true);
    expect(contexts[0]!.signal.reason).toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('receiving progress is reported each 4 MiB since the last report, and at the end', async () => {
    const MiB = 1024 * 1024;
    const { ws, reply } = await paired(
      { verify: async (_p, ctx) => ({ result: { n: (await ctx.document()).length } }) },
      { maxDocumentBytes: 9 * MiB },
    );
    ws.text(req('v', 'verify', { document: { bytes: 9 * MiB } }));
    await tick();
    for (let i = 0; i < 9; i++) ws.emit('message', encodeBinaryFrame('v', new Uint8Array(MiB)), true);
    expect(await reply('v')).toMatchObject({ ok: true });
    const progress = ws.replies.filter((r) => r['type'] === 'progress');
    expect(progress.map((r) => (r['payload'] as { done: number }).done / MiB)).toEqual([4, 8, 9]);
  });
});

describe('what a handler sees', () => {
  it('an event it emits reaches the client while its request runs', async () => {
    const contexts: RequestContext[] = [];
    const { ws } = await paired({ 'tokens.list': hanging(contexts) });
    ws.text(req('t', 'tokens.list'));
    const ctx = await until(() => contexts[0]);
    ctx.emit({ type: 'progress', payload: { id: 't', stage: 'signing', done: 1, total: 2 } } as never);
    expect(ws.replies.at(-1)).toEqual({
      v: 1,
      type: 'progress',
      payload: { id: 't', stage: 'signing', done: 1, total: 2 },
    });
  });

  it('a request without a document is told it has none', async () => {
    let refusal: VanthuError | undefined;
    const { ws, reply } = await paired({
      'tokens.list': async (_p, ctx) => {
        refusal = await ctx.upload().then(
          () => undefined,
          (e: VanthuError) => e,
        );
        return { result: {} };
      },
    });
    ws.text(req('t', 'tokens.list'));
    await reply('t');
    expect(refusal).toMatchObject({
      code: 'INVALID_INPUT',
      details: { detail: 'this request has no document' },
    });
  });

  it('the idle timer of an upload does not keep the daemon process alive', async () => {
    const { ws, connection } = await paired({
      verify: async (_p, ctx) => ({ result: { n: (await ctx.document()).length } }),
    });
    ws.text(req('v', 'verify', { document: { bytes: 2 } }));
    await tick();
    const held = connection as unknown as { inFlight: Map<string, { idleTimer: NodeJS.Timeout }> };
    expect(held.inFlight.get('v')!.idleTimer.hasRef()).toBe(false);
    ws.emit('message', encodeBinaryFrame('v', Buffer.from('a')), true);
    expect(held.inFlight.get('v')!.idleTimer.hasRef()).toBe(false);
  });
});
