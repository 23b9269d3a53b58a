import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { Handler, RequestContext } from '../../../daemon/src/handlers/context.js';
import type { DaemonServices } from '../../../daemon/src/handlers/services.js';
import { Connection } from '../../../daemon/src/server/connection.js';
import { DAEMON_REQUESTS, type DaemonRequestType } from '@vanthu/shared/protocol/index';

// What a handler leaves for the end of its connection (a reserved number not yet used) runs only
// after the socket closed and every request of that connection settled: a registration still in
// progress finishes before the number could be released under it.

const LIMITS = {
  maxJsonBytes: 4096,
  maxFrameBytes: 64 * 1024,
  maxDocumentBytes: 1000,
  requestsPerSecond: 1000,
  maxInFlight: 4,
  uploadIdleMs: 5000,
};
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A connection whose `hello` handler is `run` (hello needs no auth). */
async function connect(run: (ctx: RequestContext) => Promise<void>): Promise<WebSocket> {
  const handlers = Object.fromEntries(
    (Object.keys(DAEMON_REQUESTS) as DaemonRequestType[]).map((type) => [
      type,
      {
        handle: async (_p: never, ctx: RequestContext) => {
          await run(ctx);
          return { result: {} };
        },
      },
    ]),
  ) as Record<DaemonRequestType, Handler<never>>;
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(server);
  await new Promise((r) => server.once('listening', r));
  server.once('connection', (ws) => {
    new Connection(ws, 'chrome-extension://test', {} as DaemonServices, handlers, LIMITS, () => undefined);
  });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await new Promise((r) => client.once('open', r));
  return client;
}

const hello = (id: string) =>
  JSON.stringify({
    v: 1,
    id,
    type: 'hello',
    payload: { versions: [1], client: { name: 't', version: '1' } },
  });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('work left for the end of a connection', () => {
  it('runs after the socket closed and the requests still running settled, in order', async () => {
    const order: string[] = [];
    const registration = deferred();
    const started = deferred();
    const done = deferred();
    const client = await connect(async (ctx) => {
      if (ctx.id === 'reserve') {
        ctx.whenClosed(async () => {
          order.push('release');
          done.resolve();
        });
        return;
      }
      // The registration: still running (it ignores the abort) when the socket closes.
      started.resolve();
      await registration.promise;
      order.push('registered');
    });
    client.send(hello('reserve'));
    client.send(hello('register'));
    await started.promise;
    client.close();
    await new Promise((r) => setTimeout(r, 200));
    // Closed, but the registration has not finished: nothing is released yet.
    expect(order).toEqual([]);
    registration.resolve();
    await done.promise;
    expect(order).toEqual(['registered', 'release']);
  });

  it('nothing runs while the connection stays open; a task left after the close runs at once', async () => {
    const ran: string[] = [];
    const late = deferred();
    const lateRan = deferred();
    const client = await connect(async (ctx) => {
      if (ctx.id === 'open') {
        ctx.whenClosed(async () => {
          ran.push('open');
        });
        return;
      }
      await late.promise;
      ctx.whenClosed(async () => {
        ran.push('late');
        lateRan.resolve();
      });
    });
    client.send(hello('open'));
    client.send(hello('late'));
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toEqual([]);
    client.close();
    await new Promise((r) => setTimeout(r, 100));
    late.resolve();
    await lateRan.promise;
    await expect.poll(() => [...ran].sort()).toEqual(['late', 'open']);
  });
});
