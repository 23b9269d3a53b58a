import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider, Verifier } from '../../../daemon/src/handlers/services.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { TestClient } from '../../support/daemon-client.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// The shortest intervals the configuration allows, so each case takes a second or two.
const HEARTBEAT_SECONDS = 1;
const HANDSHAKE_SECONDS = 1;

const tmp = tempDir('vanthu-daemon-liveness-');
let daemon: RunningDaemon;
let secret: string;

beforeAll(async () => {
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  writeFileSync(
    join(tmp.dir, 'config', 'config.json'),
    JSON.stringify({
      server: { heartbeatSeconds: HEARTBEAT_SECONDS, handshakeSeconds: HANDSHAKE_SECONDS },
    }),
  );
  const keys: KeyProvider = {
    listTokens: async () => [],
    openSigner: async (uri) => {
      throw new VanthuError('KEY_NOT_FOUND', uri);
    },
  };
  const verifier: Verifier = {
    verify: async () => {
      throw new VanthuError('NOT_SUPPORTED', 'no verification in this test');
    },
  };
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier }));
});
afterAll(async () => {
  await daemon.stop();
  tmp.cleanup();
});

/** Seconds from `since` until the client's socket closes, and the close code. */
async function closedAfter(c: TestClient, since: number): Promise<{ code: number; seconds: number }> {
  const code = await c.closed();
  return { code, seconds: (performance.now() - since) / 1000 };
}

describe('daemon liveness', () => {
  it('drops a paired peer that stops answering pings, keeps one that answers', async () => {
    const silent = await TestClient.connect(daemon.port, { autoPong: false });
    const since = performance.now();
    let pings = 0;
    silent.ws.on('ping', () => pings++);
    expect((await silent.pair(secret)).ok).toBe(true);
    const answering = await TestClient.connect(daemon.port);
    expect((await answering.pair(secret)).ok).toBe(true);

    const dropped = await closedAfter(silent, since);
    // Pinged on one beat, found without a pong on the next: terminated, no close frame.
    expect(pings).toBeGreaterThanOrEqual(1);
    expect(dropped.code).toBe(1006);
    expect(dropped.seconds).toBeGreaterThan(HEARTBEAT_SECONDS * 0.9);
    expect(dropped.seconds).toBeLessThan(HEARTBEAT_SECONDS * 2 + 1.5);

    // The peer that answers has been through the same beats and still gets replies.
    expect(answering.ws.readyState).toBe(answering.ws.OPEN);
    const r = await answering.request('cancel', { target: 'none' });
    expect(r.ok).toBe(true);
    answering.close();
  });

  it('closes a connection that has not authenticated within handshakeSeconds', async () => {
    const c = await TestClient.connect(daemon.port);
    const since = performance.now();
    const reason = new Promise<string>((resolve) => c.ws.once('close', (_code, why) => resolve(String(why))));
    // hello is answered, then the client never sends auth.
    expect((await c.hello()).ok).toBe(true);
    const closed = await closedAfter(c, since);
    expect(closed.code).toBe(1008);
    expect(await reason).toBe('handshake timeout');
    expect(closed.seconds).toBeGreaterThan(HANDSHAKE_SECONDS * 0.9);
    expect(closed.seconds).toBeLessThan(HANDSHAKE_SECONDS + 1);
  });

  it('keeps an authenticated connection open past handshakeSeconds', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, HANDSHAKE_SECONDS * 1000 + 300));
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    expect((await c.request('cancel', { target: 'none' })).ok).toBe(true);
    c.close();
  });
});
