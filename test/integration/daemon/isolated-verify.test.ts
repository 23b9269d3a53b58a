import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineArrivalVerifier } from '../../../daemon/src/exchange/inbox/engine-verifier.js';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import {
  type IsolatedVerifier,
  isolatedVerifier,
} from '../../../daemon/src/verify/worker/isolated-verifier.js';
import { TestClient } from '../../support/daemon-client.js';
import { xrefEntryHeavy, xrefStreamEntryBomb } from '../../support/hostile-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { startTestDaemon } from '../../support/test-daemon.js';

const tmp = tempDir('vanthu-isolated-verify-');
// A test-only low heap: the costly-but-bounded file below needs ~200 MB to open.
const HEAP_MB = 128;
let daemon: RunningDaemon;
let verifier: IsolatedVerifier;
let secret: string;
let good: Uint8Array;
let rootPem: string;

const noKeys: KeyProvider = {
  async listTokens() {
    return [];
  },
  async openSigner(uri) {
    throw new VanthuError('KEY_NOT_FOUND', uri);
  },
};

beforeAll(async () => {
  const ca = await makeTestCa();
  const approver = await ca.issue('Trần Văn Minh', { org: 'UBND tỉnh Thử' });
  good = await signPdf(await makeVanBan(), {
    signer: approver.signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  rootPem = ca.rootPem;
  const env = { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
  verifier = isolatedVerifier(undefined, { workers: 1, maxHeapMb: HEAP_MB, timeoutSeconds: 60 }, env);
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys: noKeys, verifier }));
}, 60_000);
afterAll(async () => {
  await daemon.stop();
  await verifier.close();
  tmp.cleanup();
});

async function paired(): Promise<TestClient> {
  const c = await TestClient.connect(daemon.port);
  expect((await c.pair(secret)).ok).toBe(true);
  return c;
}

const verify = (c: TestClient, bytes: Uint8Array) =>
  c.request('verify', { document: { bytes: bytes.length }, trust: [rootPem] }, bytes);

describe('daemon verification of untrusted documents', () => {
  it('starts its verification process when an extension connects, before the first document', async () => {
    expect(verifier.processesStarted).toBe(0);
    const c = await paired();
    expect(verifier.processesStarted).toBe(1);
    expect((await verify(c, good)).result?.['indication']).toBe('TOTAL_PASSED');
    const other = await paired();
    expect(verifier.processesStarted).toBe(1);
    other.close();
    c.close();
  }, 60_000);

  it('answers PDF_MALFORMED for xref streams declaring millions of entries, then verifies a signed file on the same connection', async () => {
    const c = await paired();
    const hostile = await verify(c, xrefStreamEntryBomb());
    expect(hostile.error?.code).toBe('PDF_MALFORMED');
    const ok = await verify(c, good);
    expect(ok.error).toBeUndefined();
    expect(ok.result?.['indication']).toBe('TOTAL_PASSED');
    c.close();
  }, 60_000);

  it('a document exhausting the verification heap is PDF_MALFORMED; the daemon keeps serving', async () => {
    const c = await paired();
    const heavy = await verify(c, xrefEntryHeavy(2_000_000));
    expect(heavy.error?.code).toBe('PDF_MALFORMED');
    expect(heavy.error?.message).toContain(`${HEAP_MB} MB`);
    const ok = await verify(c, good);
    expect(ok.result?.['indication']).toBe('TOTAL_PASSED');
    const other = await paired();
    expect((await verify(other, good)).result?.['indication']).toBe('TOTAL_PASSED');
    other.close();
    c.close();
  }, 120_000);

  it('reuses its processes across documents', async () => {
    const c = await paired();
    const before = verifier.processesStarted;
    for (let i = 0; i < 10; i++) expect((await verify(c, good)).result?.['indication']).toBe('TOTAL_PASSED');
    expect(verifier.processesStarted).toBe(before);
    c.close();
  }, 60_000);
});

describe('arrivals from the axis', () => {
  it('a hostile attachment is checked and invalid (PDF_MALFORMED), not a verification that failed to run', async () => {
    const arrival = engineArrivalVerifier((pdf) => verifier.verify(pdf, { trust: [rootPem] }));
    const hostile = await arrival(xrefStreamEntryBomb(), 'cong-van.pdf');
    expect(hostile).toMatchObject({ performed: true, valid: false });
    expect(hostile.performed && hostile.summary).toMatch(/^PDF_MALFORMED: /);
    expect(await arrival(good, 'quyet-dinh.pdf')).toMatchObject({ performed: true, valid: true });
  }, 60_000);
});

describe('verify section of config.json', () => {
  it('sets the heap cap of the verification processes', async () => {
    const configPath = join(tmp.dir, 'verify-config.json');
    writeFileSync(configPath, JSON.stringify({ verify: { workers: 1, maxHeapMb: 64, timeoutSeconds: 60 } }));
    const env = { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
    const configured = isolatedVerifier(configPath, {}, env);
    try {
      const heavy = await configured.verify(xrefEntryHeavy(2_000_000), {}).then(
        () => undefined,
        (e: VanthuError) => e,
      );
      expect(heavy?.code).toBe('PDF_MALFORMED');
      expect(heavy?.message).toContain('64 MB');
    } finally {
      await configured.close();
    }
  }, 120_000);
});

describe('verification time limit', () => {
  it('kills a process past timeoutSeconds with PDF_MALFORMED and verifies the next document', async () => {
    const env = { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
    const timed = isolatedVerifier(undefined, { workers: 1, maxHeapMb: 4096, timeoutSeconds: 1 }, env);
    try {
      // Warm the process first, so the limit measures the document, not its start-up.
      expect((await timed.verify(good, { trust: [rootPem] })).indication).toBe('TOTAL_PASSED');
      const started = Date.now();
      const slow = await timed.verify(xrefEntryHeavy(6_000_000), {}).then(
        () => undefined,
        (e: VanthuError) => e,
      );
      expect(slow?.code).toBe('PDF_MALFORMED');
      expect(slow?.message).toMatch(/longer than 1 s/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect((await timed.verify(good, { trust: [rootPem] })).indication).toBe('TOTAL_PASSED');
    } finally {
      await timed.close();
    }
  }, 120_000);
});
