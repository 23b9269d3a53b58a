import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { TestClient } from '../../support/daemon-client.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { ENGLISH } from '../../support/screen-checks.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// Over the WebSocket the daemon words sign and chain warnings in the language the client gave in hello.
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const tmp = tempDir('vanthu-daemon-warning-lang-');
const KEY = 'p12:/test/approver.p12';
const PIN = '1234';
const MISSING = 'C=VN, O=vanthu test, CN=Missing Issuing CA';
let daemon: RunningDaemon;
let secret: string;
let input: Uint8Array;

beforeAll(async () => {
  const ca = await makeTestCa();
  const approver = await ca.issue('Trần Văn Minh', { org: 'UBND tỉnh Thử' });
  input = qpdf(await makeVanBan(), ['--force-version=1.3'], tmp.dir);
  const keys: KeyProvider = {
    async listTokens() {
      const certificate = {
        keyUri: KEY,
        subject: 'CN=Trần Văn Minh',
        serialNumber: '01',
        issuer: MISSING,
        notBefore: '2026-01-01T00:00:00Z',
        notAfter: '2027-01-01T00:00:00Z',
        keyUsage: ['digitalSignature'],
        chainWarning: 'Chuỗi chứng thư không đầy đủ',
        chainMissingIssuer: MISSING,
      };
      return [{ uri: KEY, label: 'approver.p12', certificates: [certificate] }];
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

async function warningsIn(lang: 'vi' | 'en'): Promise<{ sign: string[]; chain: string }> {
  const c = await TestClient.connect(daemon.port);
  expect((await c.pair(secret, lang)).ok).toBe(true);
  const listed = await c.request('tokens.list', {});
  const tokens = listed.result?.['tokens'] as { certificates: { chainWarning: string }[] }[];
  const signed = await c.request(
    'sign',
    {
      document: { bytes: input.length },
      key: KEY,
      pin: PIN,
      role: 'approver',
      image: Buffer.from(makeInkPng('signature')).toString('base64'),
    },
    input,
  );
  expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
  c.close();
  return { sign: signed.result?.['warnings'] as string[], chain: tokens[0]!.certificates[0]!.chainWarning };
}

describe('sign and tokens.list warnings over the WebSocket', () => {
  it('hello lang vi: Vietnamese only', async () => {
    const { sign, chain } = await warningsIn('vi');
    expect(sign).toEqual([expect.stringMatching(/^Tệp PDF 1\.3 được nâng lên PDF 1\.7/)]);
    expect(chain).toMatch(/^Chuỗi chứng thư không đầy đủ/);
    for (const text of [...sign, chain.replace(MISSING, '')]) expect(text).not.toMatch(ENGLISH);
  });

  it('hello lang en: English only', async () => {
    const { sign, chain } = await warningsIn('en');
    expect(sign).toEqual([expect.stringMatching(/^The PDF 1\.3 file was raised to PDF 1\.7/)]);
    expect(chain).toMatch(/^The certificate chain is incomplete/);
    expect(chain).toContain(MISSING);
    for (const text of [...sign, chain]) expect(text).not.toMatch(VIETNAMESE);
  });
});
