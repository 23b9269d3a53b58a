import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFiles } from '../../../daemon/src/config/paths.js';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';

const tmp = tempDir('vanthu-daemon-ltv-');
const KEY = 'p12:/test/approver.p12';
const PIN = '1234';
let daemon: RunningDaemon;
let secret: string;
let input: Uint8Array;
let rootPath: string;
let rev: RevocationServices;
let tsa: LocalTsa;

beforeAll(async () => {
  const ca = await makeTestCa();
  rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  const approver = await ca.issue('Trần Văn LTV', { org: 'UBND tỉnh Thử', ocspUrl: rev.ocspUrl });
  const t = await ca.issue('vanthu Daemon TSA', { tsa: true, ocspUrl: rev.ocspUrl });
  const notAfter = new Date(Date.now() + 90 * 86400_000);
  await rev.publish([
    { serialHex: approver.serialHex, notAfter },
    { serialHex: t.serialHex, notAfter },
  ]);
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  input = await makeVanBan();
  const keys: KeyProvider = {
    async listTokens() {
      return [{ uri: KEY, label: 'approver.p12', certificates: [] }];
    },
    async openSigner(uri, pin) {
      if (uri !== KEY || pin !== PIN) throw new VanthuError('KEY_NOT_FOUND', uri);
      return approver.signer;
    },
  };
  const home = join(tmp.dir, 'home');
  // The daemon's own trust configuration names the anchor and lets certificate URLs reach loopback.
  const config = configFiles(undefined, { ...process.env, VANTHU_HOME: home }).user;
  mkdirSync(dirname(config), { recursive: true });
  writeFileSync(
    config,
    JSON.stringify({
      trust: { anchors: [rootPath], fetch: { allowNetworks: ['127.0.0.0/8'] }, timeoutMs: 3000 },
    }),
  );
  ({ daemon, secret } = await startTestDaemon(home, { keys, verifier: engineVerifier() }));
});
afterAll(async () => {
  await daemon?.stop();
  await rev?.close();
  await tsa?.close();
  tmp.cleanup();
});

const payload = (bytes: number, extra: Record<string, unknown>) => ({
  document: { bytes },
  key: KEY,
  pin: PIN,
  role: 'approver',
  image: Buffer.from(makeInkPng('signature')).toString('base64'),
  ...extra,
});

describe('sign request: level B-LT / B-LTA', () => {
  it('B-LTA: the document comes back with /DSS and an archive timestamp, valid offline', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const signed = await c.request('sign', payload(input.length, { level: 'B-LTA', tsa: tsa.url }), input);
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    const out = c.received(signed.id);
    expect(signed.result).toMatchObject({ level: 'B-LTA', document: { bytes: out.length } });
    const r = await verifyPdf(out, { trustPaths: [rootPath], online: false });
    expect(r.indication, JSON.stringify(r.signatures)).toBe('TOTAL_PASSED');
    expect(r.signatures.map((s) => [s.level, s.ltv])).toEqual([
      ['B-LTA', true],
      [null, true],
    ]);
    c.close();
  });

  it('B-LT without a TSA is refused before signing', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const bad = await c.request('sign', payload(input.length, { level: 'B-LT' }), input);
    expect(bad.error?.code).toBe('INVALID_INPUT');
    expect(bad.error?.message).toContain('level B-LT needs tsa');
    c.close();
  });
});
