import { afterEach, expect, it, vi } from 'vitest';
import { rawUpgrade, startServer, stopServers } from '../../support/daemon-server-harness.js';

/**
 * The upgrade guard may refuse with 400 as well as 403 (its verdict type allows both); the server
 * must render each with its own status line. The guard is replaced so that a 400 verdict exists.
 */
vi.mock('../../../daemon/src/server/upgrade-guard.js', () => ({
  checkUpgrade: () => ({ ok: false, status: 400, reason: 'bad upgrade' }),
}));

afterEach(stopServers);

it('a 400 verdict is a complete HTTP 400 Bad Request naming the reason', async () => {
  const { port } = await startServer();
  expect(await rawUpgrade(port, `127.0.0.1:${port}`)).toBe(
    'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nbad upgrade',
  );
});
