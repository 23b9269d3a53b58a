import { createHash, createHmac } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { encodedGenerator } from '@vanthu/shared/pake/cpace';
import {
  PairingInitiator,
  normalizeCode,
  pairingChannel,
  pairingPassword,
} from '@vanthu/shared/pake/pairing-exchange';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { KeyProvider, Verifier } from '../../../daemon/src/handlers/services.js';
import { PAIRING_CODE_ATTEMPTS, createPairingCode } from '../../../daemon/src/pairing/pairing-code.js';
import { type RunningDaemon, pairingCodeFile } from '../../../daemon/src/service/daemon.js';
import { pairWithCode } from '../../../extension/src/background/daemon/code-pairing.js';
import { DaemonConnection } from '../../../extension/src/background/daemon/connection.js';
import type { OpenSocket, SocketLike } from '../../../extension/src/background/daemon/socket.js';
import { TestClient } from '../../support/daemon-client.js';
import { type ImpostorDaemon, startImpostorDaemon } from '../../support/impostor-daemon.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// The extension-side pairing logic, run in Node: `ws` sets the Origin Chromium sets for the extension.
const open: OpenSocket = (url) => new WebSocket(url, { origin: EXTENSION_ORIGIN }) as unknown as SocketLike;
const connect = (url: string) => ({ url, open, origin: EXTENSION_ORIGIN, clientVersion: 'test' });

const tmp = tempDir('vanthu-manual-pairing-');
let daemon: RunningDaemon;
let secret: string;
let env: NodeJS.ProcessEnv;
const daemonUrl = () => `ws://127.0.0.1:${daemon.port}/`;
const newCode = () => createPairingCode(pairingCodeFile(env), 5);

beforeAll(async () => {
  // Pairing needs neither tokens nor verification: engines that refuse to be used.
  const keys: KeyProvider = {
    listTokens: async () => [],
    openSigner: async () => {
      throw new VanthuError('KEY_NOT_FOUND');
    },
  };
  const verifier: Verifier = {
    verify: async () => {
      throw new VanthuError('INTERNAL', 'not used by these tests');
    },
  };
  ({ daemon, secret, env } = await startTestDaemon(tmp.dir, { keys, verifier }));
});
afterAll(async () => {
  await daemon.stop();
  tmp.cleanup();
});

async function pairingError(code: string, url: string): Promise<VanthuError> {
  return pairWithCode(code, connect(url)).then(
    () => {
      throw new Error('pairing succeeded');
    },
    (e: unknown) => e as VanthuError,
  );
}

/**
 * Every way the impostor could hold the code or something it could test a guess against without
 * the extension's ephemeral secret: the code as typed and normalized, its SHA-256 (the CPace
 * password), SHA-512 of that, an HMAC of the connection nonce under it, and the session's
 * password-derived generator g — each as hex, base64 and base64url.
 */
function codeDerivedValues(code: string, serverNonce: string, clientNonce: string): string[] {
  const prs = Buffer.from(pairingPassword(code));
  const sid = Buffer.concat([Buffer.from(serverNonce, 'base64url'), Buffer.from(clientNonce, 'base64url')]);
  const derived = [
    prs,
    createHash('sha512').update(prs).digest(),
    createHmac('sha256', prs).update(serverNonce).digest(),
    Buffer.from(encodedGenerator(prs, pairingChannel(EXTENSION_ORIGIN), sid)),
  ];
  return [
    code,
    normalizeCode(code),
    code.replace('-', ''),
    ...derived.flatMap((b) => [b.toString('hex'), b.toString('base64'), b.toString('base64url')]),
  ];
}

function expectLearnedNothing(impostor: ImpostorDaemon, code: string): void {
  // Only hello and the CPace share reached it: no confirmation, no auth, nothing after the failure.
  expect(impostor.types).toEqual(['hello', 'pair.start']);
  const start = JSON.parse(String(impostor.frames[1])) as { payload: Record<string, string> };
  expect(Object.keys(start.payload).sort()).toEqual(['clientNonce', 'share']);
  const everything = impostor.frames.map(String).join('\n');
  const values = codeDerivedValues(code, impostor.serverNonces[0]!, start.payload['clientNonce']!);
  for (const value of values) expect(everything.toLowerCase()).not.toContain(value.toLowerCase());
}

describe('manual pairing against a program impersonating the daemon on the port', () => {
  it('fails against one that answers with made-up values, which receives nothing derived from the code', async () => {
    const impostor = await startImpostorDaemon({ kind: 'random' });
    try {
      const error = await pairingError('7KQ2-M9XD', impostor.url);
      expect(error.code).toBe('PAIRING_FAILED');
      expectLearnedNothing(impostor, '7KQ2-M9XD');
    } finally {
      await impostor.close();
    }
  });

  it('fails against one running CPace with a guessed code, and gives it nothing to test guesses offline', async () => {
    const impostor = await startImpostorDaemon({ kind: 'guess', code: 'AAAA-AAAA' });
    try {
      const error = await pairingError('7KQ2-M9XD', impostor.url);
      expect(error.code).toBe('PAIRING_FAILED');
      expect(error.message).toMatch(/not the vanthu service/);
      expectLearnedNothing(impostor, '7KQ2-M9XD');
    } finally {
      await impostor.close();
    }
  });
});

describe('manual pairing with the real daemon', () => {
  it('pairs with the code of `vanthu pair`; the secret it yields authenticates, and the code is spent', async () => {
    const code = newCode();
    const paired = await pairWithCode(code.toLowerCase(), connect(daemonUrl()));
    expect(paired).toEqual({ secret, port: daemon.port });

    const later = await DaemonConnection.open(connect(daemonUrl()));
    await later.authenticate(paired.secret, EXTENSION_ORIGIN);
    expect((await later.request('tokens.list', {})).result.tokens).toEqual([]);
    later.close();

    const again = await pairingError(code, daemonUrl());
    expect(again.message).toMatch(/no pairing code is active/);
  });

  it('counts each run against the code: wrong codes fail, and after the last attempt even the right one does', async () => {
    const code = newCode();
    for (let i = 0; i < PAIRING_CODE_ATTEMPTS - 1; i++)
      expect((await pairingError('ZZZZ-ZZZZ', daemonUrl())).message).toMatch(/wrong pairing code/);
    expect((await pairWithCode(code, connect(daemonUrl()))).secret).toBe(secret);

    const exhausted = newCode();
    for (let i = 0; i < PAIRING_CODE_ATTEMPTS; i++) await pairingError('ZZZZ-ZZZZ', daemonUrl());
    expect((await pairingError(exhausted, daemonUrl())).message).toMatch(/no pairing code is active/);
  });

  it('sends the secret only after the extension confirmed the code, once per run', async () => {
    const code = newCode();
    const c = await TestClient.connect(daemon.port);
    expect(
      (await c.request('pair.start', { clientNonce: 'A'.repeat(43), share: 'A'.repeat(43) })).error?.code,
    ).toBe('PROTOCOL_ERROR');
    await c.hello();
    expect((await c.request('pair.finish', { confirm: 'A'.repeat(86) })).error?.code).toBe('PROTOCOL_ERROR');

    const run = new PairingInitiator(code, EXTENSION_ORIGIN, Buffer.from(c.serverNonce, 'base64url'));
    const start = await c.request('pair.start', {
      clientNonce: Buffer.from(run.clientNonce).toString('base64url'),
      share: Buffer.from(run.share).toString('base64url'),
    });
    const confirm = run.confirmDaemon(
      Buffer.from(String(start.result?.['share']), 'base64url'),
      Buffer.from(String(start.result?.['confirm']), 'base64url'),
    );
    // A confirmation not made with the code: refused, no secret, and the run is over.
    const forged = await c.request('pair.finish', { confirm: Buffer.alloc(64, 1).toString('base64url') });
    expect(forged.error?.code).toBe('PAIRING_FAILED');
    expect(forged.result).toBeUndefined();
    const late = await c.request('pair.finish', { confirm: Buffer.from(confirm).toString('base64url') });
    expect(late.error?.code).toBe('PROTOCOL_ERROR');
    c.close();

    // The code survives a failed run (one attempt fewer) and pairs on the next.
    expect((await pairWithCode(code, connect(daemonUrl()))).secret).toBe(secret);
  });
});
