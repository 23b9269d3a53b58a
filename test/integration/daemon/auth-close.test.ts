import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { TestClient } from '../../support/daemon-client.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// Long enough that a close within a second cannot be the handshake timeout.
const HANDSHAKE_SECONDS = 20;

const tmp = tempDir('vanthu-daemon-auth-close-');
let daemon: RunningDaemon;
let secret: string;

beforeAll(async () => {
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  writeFileSync(
    join(tmp.dir, 'config', 'config.json'),
    JSON.stringify({ server: { handshakeSeconds: HANDSHAKE_SECONDS } }),
  );
  ({ daemon, secret } = await startTestDaemon(tmp.dir, {
    keys: {
      listTokens: async () => [],
      openSigner: async (uri) => {
        throw new VanthuError('KEY_NOT_FOUND', uri);
      },
    },
    verifier: {
      verify: async () => {
        throw new VanthuError('NOT_SUPPORTED', 'no verification in this test');
      },
    },
  }));
});
afterAll(async () => {
  await daemon.stop();
  tmp.cleanup();
});

/** The close code and reason, and the milliseconds from `since` until the socket closed. */
function closing(c: TestClient, since: () => number): Promise<{ code: number; reason: string; ms: number }> {
  return new Promise((resolve) =>
    c.ws.once('close', (code, reason) =>
      resolve({ code, reason: String(reason), ms: performance.now() - since() }),
    ),
  );
}

describe('a failed auth ends the connection at once', () => {
  it('a wrong proof is answered NOT_PAIRED and the connection is closed right after', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.hello()).ok).toBe(true);
    let repliedAt = Number.NaN;
    const closed = closing(c, () => repliedAt);
    const reply = await c.request('auth', c.authMessage(Buffer.alloc(32, 7).toString('base64url')));
    repliedAt = performance.now();
    expect(reply.error?.code).toBe('NOT_PAIRED');
    const { code, reason, ms } = await closed;
    expect({ code, reason }).toEqual({ code: 1008, reason: 'authentication failed' });
    expect(ms).toBeLessThan(1000);
  });

  it('an auth before hello is answered PROTOCOL_ERROR and the connection is closed right after', async () => {
    const c = await TestClient.connect(daemon.port);
    let repliedAt = Number.NaN;
    const closed = closing(c, () => repliedAt);
    const reply = await c.request('auth', c.authMessage(secret));
    repliedAt = performance.now();
    expect(reply.error?.code).toBe('PROTOCOL_ERROR');
    const { code, reason, ms } = await closed;
    expect({ code, reason }).toEqual({ code: 1008, reason: 'authentication failed' });
    expect(ms).toBeLessThan(1000);
  });

  it('a successful auth keeps the connection open', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    expect((await c.request('cancel', { target: 'none' })).ok).toBe(true);
    c.close();
  });
});
