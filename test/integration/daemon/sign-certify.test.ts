import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { readCertification } from '../../../daemon/src/verify/mdp.js';
import { TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { startTestDaemon } from '../../support/test-daemon.js';

const tmp = tempDir('vanthu-daemon-certify-');
const KEY = 'p12:/test/approver.p12';
const PIN = '1234';
let daemon: RunningDaemon;
let secret: string;
let input: Uint8Array;

beforeAll(async () => {
  const ca = await makeTestCa();
  const approver = await ca.issue('Trần Văn Minh', { org: 'UBND tỉnh Thử' });
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
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier: engineVerifier() }));
});
afterAll(async () => {
  await daemon.stop();
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

describe('sign request: certify', () => {
  it('certify 1 certifies; a later sign request on that document is PDF_CERTIFIED_LOCKED', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const signed = await c.request('sign', payload(input.length, { certify: 1 }), input);
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    const out = c.received(signed.id);
    const r = PdfReader.fromBuffer(out);
    expect(readCertification(r, r.revisions.length - 1)).toMatchObject({ p: 1, field: 'CaNhan' });
    const again = await c.request('sign', payload(out.length, {}), out);
    expect(again.error?.code).toBe('PDF_CERTIFIED_LOCKED');
    c.close();
  });

  it('refuses certify outside 1–3 and for another role, before signing', async () => {
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const bad = await c.request('sign', payload(input.length, { certify: 4 }), input);
    expect(bad.error?.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(bad.error)).toContain('certify');
    const seal = await c.request('sign', payload(input.length, { role: 'seal', certify: 2 }), input);
    expect(seal.error?.code).toBe('INVALID_INPUT');
    expect(seal.error?.message).toContain('certify is for role approver');
    c.close();
  });
});
