import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { id_aa_signatureTimeStampToken } from '../../../daemon/src/cms/index.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed, signPdfFile } from '../../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import {
  type ValidationContext,
  allAccepted,
  makeNssDb,
  trimDer,
  validateAll,
} from '../../support/validators.js';

const tmp = tempDir('vanthu-bt-');
let ca: TestCa;
let tsa: LocalTsa;
let vctx: ValidationContext;

beforeAll(async () => {
  ca = await makeTestCa();
  const t = await ca.issue('vanthu Test TSA', { tsa: true });
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
});
afterAll(async () => {
  await tsa?.close();
  tmp.cleanup();
});

describe('PAdES B-T', () => {
  it('adds an RFC 3161 signature timestamp from the given TSA as an unsigned attribute', async () => {
    const signer = (await ca.issue('Trần Văn Minh')).signer;
    const input = await makeVanBan();
    const { output, result } = await signPdfDetailed(input, {
      signer,
      role: 'approver',
      image: makeInkPng('signature'),
      tsa: tsa.url,
      level: 'B-T',
    });
    expect(tsa.requests()).toBe(1);
    const file = join(tmp.dir, 'bt.pdf');
    writeFileSync(file, output);
    const report = validateAll(file, output, vctx);
    expect(allAccepted(report, 1), JSON.stringify(report, null, 1)).toBe(true);
    const sig = PdfReader.fromBuffer(output).signatureFields()[0]!;
    const ci = AsnConvert.parse(trimDer(sig.contents!), ContentInfo);
    const sd = AsnConvert.parse(ci.content, SignedData);
    const unsigned = sd.signerInfos[0]!.unsignedAttrs ?? [];
    expect(unsigned.map((a) => a.attrType)).toEqual([id_aa_signatureTimeStampToken]);
    // The signed attributes carry no signing-time (PAdES): the time is /M.
    expect(sd.signerInfos[0]!.signedAttrs!.map((a) => a.attrType)).not.toContain('1.2.840.113549.1.9.5');
    expect(result.cmsBytes).toBeLessThanOrEqual(result.placeholderBytes);
  });

  it('fails with TSA_ERROR when the TSA does not answer', async () => {
    const signer = (await ca.issue('Trần Văn Minh')).signer;
    await expect(
      signPdfDetailed(await makeVanBan(), {
        signer,
        role: 'approver',
        image: makeInkPng('signature'),
        rect: [350, 180, 150, 90],
        tsa: 'http://127.0.0.1:9/none',
      }),
    ).rejects.toMatchObject({ code: 'TSA_ERROR' });
  });

  it('leaves no output and no temporary file when signing a file fails', async () => {
    const signer = (await ca.issue('Trần Văn Minh')).signer;
    const dir = join(tmp.dir, 'fail');
    mkdirSync(dir);
    const inPath = join(dir, 'in.pdf');
    writeFileSync(inPath, await makeVanBan());
    await expect(
      signPdfFile(inPath, join(dir, 'out.pdf'), {
        signer,
        role: 'approver',
        image: makeInkPng('signature'),
        rect: [350, 180, 150, 90],
        tsa: 'http://127.0.0.1:9/none',
      }),
    ).rejects.toMatchObject({ code: 'TSA_ERROR' });
    expect(readdirSync(dir)).toEqual(['in.pdf']);
  });
});
