import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFiles } from '../../../daemon/src/config/paths.js';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { levelErrorLine } from '../../../extension/src/ui/signing/levels.js';
import { signPayload } from '../../../extension/src/ui/signing/sign-documents.js';
import { TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';

// The level the signing window sends, against a daemon whose office config names the default level
// and the TSA: the window's request carries the level only, the daemon timestamps with the office
// TSA, and at B-LT the document comes back with its validation data (/DSS).

const tmp = tempDir('vanthu-sign-level-window-');
const KEY = 'p12:/test/approver.p12';
const NO_OCSP_KEY = 'p12:/test/no-ocsp.p12';
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
  const noOcsp = await ca.issue('Lê Thị Không OCSP', { org: 'UBND tỉnh Thử' });
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
      if (pin !== PIN) throw new VanthuError('PIN_INCORRECT');
      if (uri === KEY) return approver.signer;
      if (uri === NO_OCSP_KEY) return noOcsp.signer;
      throw new VanthuError('KEY_NOT_FOUND', uri);
    },
  };
  const home = join(tmp.dir, 'home');
  const config = configFiles(undefined, { ...process.env, VANTHU_HOME: home }).user;
  mkdirSync(dirname(config), { recursive: true });
  writeFileSync(
    config,
    JSON.stringify({
      trust: { anchors: [rootPath], fetch: { allowNetworks: ['127.0.0.0/8'] }, timeoutMs: 3000 },
      signing: { defaultLevel: 'B-LT', tsa: tsa.url },
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

/** The request the window sends for this document with `level` chosen under "Nâng cao". */
const windowRequest = (key: string, level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA') =>
  signPayload(
    {
      url: 'http://127.0.0.1/tep/qd.pdf',
      name: 'qd.pdf',
      bytes: new Uint8Array(input),
      sha256: 'a'.repeat(64),
    },
    {
      flow: 'sign',
      keyUri: key,
      pin: PIN,
      image: Buffer.from(makeInkPng('signature')).toString('base64'),
      level,
      batchWindowSeconds: 0,
    },
    0,
    1,
  );

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(daemon.port);
  expect((await c.pair(secret)).ok).toBe(true);
  return c;
}

describe('the signing window level against the office config', () => {
  it('hello tells the window the office default level and that a TSA is configured', async () => {
    const c = await TestClient.connect(daemon.port);
    const hello = await c.hello();
    expect(hello.result?.['signingPolicy']).toEqual({ defaultLevel: 'B-LT', timestamp: true });
    c.close();
  });

  it('B-LT chosen in the window: no TSA in the request, the office TSA timestamps, the document has /DSS', async () => {
    const c = await client();
    const { document: _sha, ...payload } = windowRequest(KEY, 'B-LT');
    expect(payload).not.toHaveProperty('tsa');
    const before = tsa.requests();
    const signed = await c.request('sign', { ...payload, document: { bytes: input.length } }, input);
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    expect(tsa.requests()).toBeGreaterThan(before);
    const out = c.received(signed.id);
    expect(out.includes('/DSS')).toBe(true);
    const report = await verifyPdf(out, { trustPaths: [rootPath], online: false });
    expect(report.indication, JSON.stringify(report.signatures)).toBe('TOTAL_PASSED');
    expect(report.signatures.map((s) => [s.level, s.ltv])).toEqual([['B-LT', true]]);
    c.close();
  });

  it('B-LT for a certificate without revocation data fails naming it; the window says so in Vietnamese', async () => {
    const c = await client();
    const { document: _sha, ...payload } = windowRequest(NO_OCSP_KEY, 'B-LT');
    const failed = await c.request('sign', { ...payload, document: { bytes: input.length } }, input);
    expect(failed.ok).toBe(false);
    expect(failed.error?.code).toBe('REVOCATION_UNAVAILABLE');
    expect(c.received(failed.id).length).toBe(0);
    const line = levelErrorLine(failed.error!, 'B-LT');
    expect(line).toContain('Không ký được ở mức B-LT');
    expect(line).toContain('"Lê Thị Không OCSP"');
    c.close();
  });
});
