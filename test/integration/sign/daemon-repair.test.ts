import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { TestClient } from '../../support/daemon-client.js';
import { swapXrefOffsets } from '../../support/pdf-damage.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { startTestDaemon } from '../../support/test-daemon.js';

const tmp = tempDir('vanthu-daemon-repair-');
const KEY = 'p12:/test/approver.p12';
const PIN = '1234';
let daemon: RunningDaemon;
let secret: string;
let base: Uint8Array;

beforeAll(async () => {
  const ca = await makeTestCa();
  const approver = await ca.issue('Trần Văn Minh', { org: 'UBND tỉnh Thử' });
  base = await makeVanBan();
  const keys: KeyProvider = {
    async listTokens() {
      return [{ uri: KEY, label: 'approver.p12', certificates: [] }];
    },
    async openSigner(uri, pin) {
      if (uri !== KEY || pin !== PIN) throw new VanthuError('PIN_INCORRECT');
      return approver.signer;
    },
  };
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier: engineVerifier() }));
});
afterAll(async () => {
  await daemon.stop();
  tmp.cleanup();
});

describe('the daemon signs older and damaged PDFs', () => {
  for (const [name, make] of [
    ['wrong xref offsets', () => swapXrefOffsets(base, 3, 6)],
    ['PDF 1.3', () => qpdf(base, ['--force-version=1.3'], tmp.dir)],
  ] as const) {
    it(`${name}: the sign request succeeds and IN's bytes lead the output`, async () => {
      const input = make();
      const c = await TestClient.connect(daemon.port);
      expect((await c.pair(secret)).ok).toBe(true);
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
      const out = c.received(signed.id);
      expect(Buffer.compare(out.subarray(0, input.length), input)).toBe(0);
      expect(
        PdfReader.fromBuffer(out)
          .signatureFields()
          .filter((f) => f.value),
      ).toHaveLength(1);
      c.close();
    });
  }
});
