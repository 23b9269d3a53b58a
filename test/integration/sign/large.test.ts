import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed, signPdfFile } from '../../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir, writeBigPdf } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type ValidationContext,
  allAccepted,
  makeNssDb,
  pdfsig,
  qpdfCheck,
  validateAll,
} from '../../support/validators.js';

const tmp = tempDir('vanthu-large-');
let ca: TestCa;
let vctx: ValidationContext;
let approver: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  approver = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

describe('large inputs', () => {
  it('300 pages: finds the signature block on the last page, both signatures valid', async () => {
    const input = await makeVanBan({ pages: 300 });
    const a = await signPdfDetailed(input, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    expect(a.result.page).toBe(300);
    const s = await signPdfDetailed(a.output, {
      signer: org.signer,
      role: 'seal',
      image: makeInkPng('seal'),
      number: '12/QĐ-UBND',
      date: '2026-02-03',
    });
    expect(s.result.page).toBe(300);
    const file = join(tmp.dir, '300.pdf');
    writeFileSync(file, s.output);
    expect(allAccepted(validateAll(file, s.output, vctx), 2)).toBe(true);
  });

  it('100 MB: file to file in seconds, input untouched, output = input + one update', async () => {
    const base = await makeVanBan();
    const inPath = join(tmp.dir, 'big.pdf');
    writeBigPdf(inPath, base, 100 * 1024 * 1024);
    const inSize = statSync(inPath).size;
    const midPath = join(tmp.dir, 'big-approved.pdf');
    const outPath = join(tmp.dir, 'big-sealed.pdf');
    const started = performance.now();
    await signPdfFile(inPath, midPath, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
      rect: [350, 180, 150, 95],
    });
    await signPdfFile(midPath, outPath, { signer: org.signer, role: 'seal', image: makeInkPng('seal') });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(20_000);
    expect(statSync(inPath).size).toBe(inSize);
    const out = readFileSync(outPath);
    const mid = readFileSync(midPath);
    expect(out.subarray(0, mid.length).equals(mid)).toBe(true);
    expect(PdfReader.fromBuffer(out).revisions.length).toBe(PdfReader.fromBuffer(mid).revisions.length + 1);
    const sigs = pdfsig(outPath, vctx.nssDb);
    expect(sigs.map((x) => x.signatureValid && x.certificateTrusted)).toEqual([true, true]);
    expect(qpdfCheck(outPath).ok).toBe(true);
    // Refuses to overwrite without --force, and never writes over its input.
    await expect(
      signPdfFile(midPath, outPath, { signer: org.signer, role: 'seal', image: makeInkPng('seal') }),
    ).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    await expect(
      signPdfFile(inPath, inPath, { signer: org.signer, role: 'copy', force: true }),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });
});
