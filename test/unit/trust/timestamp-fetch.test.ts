import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestTimestamp } from '../../../daemon/src/cms/timestamp.js';

/** A TSA that answers every request with an endless body. */
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
    const chunk = Buffer.alloc(16 * 1024, 0x30);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('requestTimestamp: the TSA answer is bounded while it streams', () => {
  it('an endless answer is cut at maxBytes, long before the deadline', async () => {
    const started = Date.now();
    await expect(
      requestTimestamp(new Uint8Array([1, 2, 3]), { url, maxBytes: 64 * 1024, timeoutMs: 5000 }),
    ).rejects.toMatchObject({
      code: 'TSA_ERROR',
      message: expect.stringMatching(/response over 65536 bytes/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
