import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../daemon/src/audit/verify-chain.js';
import type { KeyProvider, Verifier } from '../../../daemon/src/handlers/services.js';
import { type RunningDaemon, auditDir } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { TestClient } from '../../support/daemon-client.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { makeVanBan, tempDir, writeBigPdf } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';

const tmp = tempDir('vanthu-daemon-');
let env: NodeJS.ProcessEnv;
const KEY = 'p12:/test/approver.p12';
const PIN = '1234';
let daemon: RunningDaemon;
let secret: string;
let input: Uint8Array;
let rootPem = '';

beforeAll(async () => {
  const ca = await makeTestCa();
  const approver = await ca.issue('Trần Văn Minh', { org: 'UBND tỉnh Thử' });
  input = await makeVanBan();
  const keys: KeyProvider = {
    async listTokens() {
      return [{ uri: 'p12:/test/approver.p12', label: 'approver.p12', certificates: [] }];
    },
    async openSigner(uri, pin) {
      if (uri !== KEY) throw new VanthuError('KEY_NOT_FOUND', uri);
      if (pin !== PIN) throw new VanthuError('PIN_INCORRECT');
      return approver.signer;
    },
  };
  // The real verification engine, with the run's test root passed as an extra trust anchor.
  const verifier: Verifier = engineVerifier();
  rootPem = ca.rootPem;
  ({ daemon, secret, env } = await startTestDaemon(tmp.dir, { keys, verifier }));
});
afterAll(async () => {
  await daemon.stop();
  tmp.cleanup();
});

const signPayload = (bytes: number) => ({
  document: { bytes },
  key: KEY,
  pin: PIN,
  role: 'approver',
  image: Buffer.from(makeInkPng('signature')).toString('base64'),
});

async function paired(): Promise<TestClient> {
  const c = await TestClient.connect(daemon.port);
  const r = await c.pair(secret);
  expect(r.ok).toBe(true);
  return c;
}

async function refusedStatus(headers: { origin?: string | null; host?: string }): Promise<string> {
  return TestClient.connect(daemon.port, headers).then(
    () => 'open',
    (e: Error) => e.message,
  );
}

describe('daemon WebSocket API', () => {
  it('refuses foreign, missing and page origins, and DNS-rebinding Host names, before any WebSocket', async () => {
    expect(await refusedStatus({ origin: 'chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).toBe(
      'HTTP 403',
    );
    expect(await refusedStatus({ origin: 'https://portal.example.gov.vn' })).toBe('HTTP 403');
    expect(await refusedStatus({ origin: null })).toBe('HTTP 403');
    expect(await refusedStatus({ host: `attacker.example:${daemon.port}` })).toBe('HTTP 403');
    expect(await refusedStatus({ host: `127.0.0.1.nip.io:${daemon.port}` })).toBe('HTTP 403');
    expect(await refusedStatus({ host: `localhost:${daemon.port + 1}` })).toBe('HTTP 403');
    expect(await refusedStatus({ host: `localhost:${daemon.port}` })).toBe('open');
  });

  it('refuses requests before auth, a wrong secret, and a replayed handshake', async () => {
    const a = await TestClient.connect(daemon.port);
    const early = await a.request('tokens.list', {});
    expect(early.error?.code).toBe('NOT_PAIRED');
    await a.hello();
    const wrong = await a.request('auth', a.authMessage(Buffer.alloc(32, 7).toString('base64url')));
    expect(wrong.error?.code).toBe('NOT_PAIRED');
    expect(await a.closed()).toBe(1008);

    const early2 = await TestClient.connect(daemon.port);
    expect((await early2.request('auth', early2.authMessage(secret))).error?.code).toBe('PROTOCOL_ERROR');
    expect(await early2.closed()).toBe(1008);

    const b = await TestClient.connect(daemon.port);
    await b.hello();
    const message = b.authMessage(secret);
    expect((await b.request('auth', message)).ok).toBe(true);
    // The same auth message on a new connection: a new challenge and a seen nonce — refused.
    const c = await TestClient.connect(daemon.port);
    await c.hello();
    expect((await c.request('auth', message)).error?.code).toBe('NOT_PAIRED');
    // Same proof recomputed for the new challenge but bound to another origin: refused.
    const d = await TestClient.connect(daemon.port);
    await d.hello();
    expect((await d.request('auth', d.authMessage(secret, 'chrome-extension://other'))).error?.code).toBe(
      'NOT_PAIRED',
    );
    b.close();
  });

  it('answers malformed, oversized and out-of-order messages with typed errors; other clients keep working', async () => {
    const good = await paired();
    const bad = await paired();
    bad.raw('{not json');
    bad.raw(JSON.stringify({ v: 1, id: 'x y', type: 'hello', payload: {} }));
    bad.raw(Buffer.from('not a frame'));
    await new Promise((r) => setTimeout(r, 100));
    const codes = bad.unsolicited.map((m) => m.error?.code);
    expect(codes).toEqual(['PROTOCOL_ERROR', 'PROTOCOL_ERROR', 'PROTOCOL_ERROR']);
    expect((await bad.request('nope', {})).error?.code).toBe('PROTOCOL_ERROR');
    expect((await bad.request('sign', { document: { bytes: 1 }, key: KEY, role: 'x' })).error?.code).toBe(
      'INVALID_INPUT',
    );
    expect((await bad.request('tokens.list', { pad: 'x'.repeat(2 * 1024 * 1024) })).error?.code).toBe(
      'MESSAGE_TOO_LARGE',
    );
    // A binary frame for a request that announced no document.
    bad.raw(Buffer.concat([Buffer.from([0x56, 0x54, 1, 3]), Buffer.from('zzz'), Buffer.from('%PDF')]));
    await new Promise((r) => setTimeout(r, 100));
    expect(bad.unsolicited.at(-1)?.error?.code).toBe('PROTOCOL_ERROR');
    // More bytes than announced.
    const over = await bad.request('document.inspect', { document: { bytes: 10 } }, new Uint8Array(20));
    expect(over.error?.code).toBe('MESSAGE_TOO_LARGE');
    expect((await bad.request('tokens.list', {})).ok).toBe(true);
    // A frame over the WebSocket limit closes only that connection (1009).
    bad.raw(Buffer.alloc(6 * 1024 * 1024));
    expect(await bad.closed()).toBe(1009);
    const r = await good.request('tokens.list', {});
    expect(r.ok).toBe(true);
    good.close();
  });

  it('rate-limits a flooding connection with RATE_LIMITED', async () => {
    const c = await paired();
    const replies = await Promise.all(
      Array.from({ length: 250 }, () => c.request('cancel', { target: 'none' })),
    );
    expect(replies.some((r) => r.error?.code === 'RATE_LIMITED')).toBe(true);
    expect(replies.some((r) => r.ok)).toBe(true);
    c.close();
  });

  it('inspects, signs and verifies through the socket; audit entries chain; wrong PIN is typed', async () => {
    const c = await paired();
    const inspect = await c.request('document.inspect', { document: { bytes: input.length } }, input);
    expect(inspect.ok).toBe(true);
    expect(inspect.result?.['pageCount']).toBeGreaterThan(0);
    expect((inspect.result?.['anchors'] as unknown[] | undefined)?.length ?? 0).toBeGreaterThan(0);
    const badPin = await c.request('sign', { ...signPayload(input.length), pin: '0000' }, input);
    expect(badPin.error?.code).toBe('PIN_INCORRECT');
    const signed = await c.request('sign', signPayload(input.length), input);
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    const out = c.received(signed.id);
    expect(out.length).toBe(signed.result?.document?.bytes);
    expect(createHash('sha256').update(out).digest('hex')).toBe(signed.result?.document?.sha256);
    expect(Buffer.compare(out.subarray(0, input.length), Buffer.from(input))).toBe(0);
    expect(c.events.some((e) => e.type === 'progress' && e.payload['stage'] === 'signing')).toBe(true);
    const verified = await c.request('verify', { document: { bytes: out.length }, trust: [rootPem] }, out);
    expect(verified.result?.['indication']).toBe('TOTAL_PASSED');
    const entries = readFileSync(daemon.audit.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const signs = entries.filter((e) => e.event === 'sign');
    expect(signs.map((e) => e.result)).toEqual(['PIN_INCORRECT', 'ok']);
    expect(signs[1].certificateSerial).toMatch(/^[0-9a-f]+$/);
    expect(signs[1].documentSha256).toBe(createHash('sha256').update(input).digest('hex'));
    expect(JSON.stringify(entries)).not.toContain(PIN);
    expect(verifyAuditChain(auditDir(daemon.loaded, env), daemon.audit.keyring).ok).toBe(true);
    c.close();
  });

  it('cancels a request waiting for its document', async () => {
    const c = await paired();
    const pending = c.request('sign', signPayload(1000), undefined, 'slow');
    const cancel = await c.request('cancel', { target: 'slow' });
    expect(cancel.result?.['cancelled']).toBe(true);
    expect((await pending).error?.code).toBe('USER_CANCELLED');
    c.close();
  });

  it('survives 1,000 hostile connections in a burst and still signs', async () => {
    const attempts = Array.from({ length: 1000 }, (_, i) => {
      const kind = i % 4;
      const headers =
        kind === 0
          ? { origin: 'https://evil.example' }
          : kind === 1
            ? { host: `evil.example:${daemon.port}` }
            : kind === 2
              ? { origin: null }
              : {};
      return new Promise<void>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${daemon.port}/`, {
          headers: headers.host ? { Host: headers.host } : {},
          ...(headers.origin === null
            ? {}
            : { origin: headers.origin ?? 'chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd' }),
        });
        ws.on('open', () => {
          ws.send('{"garbage":');
          ws.terminate();
          resolve();
        });
        ws.on('error', () => resolve());
        ws.on('unexpected-response', () => resolve());
      });
    });
    await Promise.all(attempts);
    const c = await paired();
    const signed = await c.request('sign', signPayload(input.length), input);
    expect(signed.ok).toBe(true);
    c.close();
  });

  it('signs a 100 MB PDF through the socket', async () => {
    const base = await makeVanBan();
    const file = join(tmp.dir, 'big.pdf');
    writeBigPdf(file, base, 100 * 1024 * 1024);
    const big = readFileSync(file);
    const c = await paired();
    const t0 = performance.now();
    const signed = await c.request('sign', signPayload(big.length), big);
    const ms = performance.now() - t0;
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    const out = c.received(signed.id);
    expect(out.length).toBeGreaterThan(big.length);
    expect(Buffer.compare(out.subarray(0, big.length), big)).toBe(0);
    // Both digests come from the one hash pass made while the upload arrived.
    expect(signed.result?.['inputSha256']).toBe(createHash('sha256').update(big).digest('hex'));
    expect(createHash('sha256').update(out).digest('hex')).toBe(signed.result?.document?.sha256);
    expect(ms).toBeLessThan(30_000);
    c.close();
  });
});
