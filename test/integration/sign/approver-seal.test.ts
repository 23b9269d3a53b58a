import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { hybrid, makeVanBan, qpdf, tempDir, withCrlfAfterEof } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type ValidationContext,
  allAccepted,
  countInk,
  makeNssDb,
  pdfsigAddSignature,
  pdftotext,
  render,
  validateAll,
} from '../../support/validators.js';

const tmp = tempDir('vanthu-sign-');
let ca: TestCa;
let vctx: ValidationContext;
let approver: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
let base: Uint8Array;
const sigPng = makeInkPng('signature');
const sealPng = makeInkPng('seal');

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  approver = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
  base = await makeVanBan({ pages: 2 });
});
afterAll(() => tmp.cleanup());

async function approveThenSeal(input: Uint8Array, name: string, stamp = true) {
  const a = await signPdfDetailed(input, { signer: approver.signer, role: 'approver', image: sigPng });
  const s = await signPdfDetailed(a.output, {
    signer: org.signer,
    role: 'seal',
    image: sealPng,
    ...(stamp ? { number: '1637/QĐ-UBND', date: '2020-01-05' } : {}),
  });
  const file = join(tmp.dir, `${name}.pdf`);
  writeFileSync(file, s.output);
  return { a, s, file };
}

function expectPrefix(prefix: Uint8Array, whole: Uint8Array): void {
  expect(whole.length).toBeGreaterThan(prefix.length);
  expect(Buffer.from(whole.subarray(0, prefix.length)).equals(Buffer.from(prefix))).toBe(true);
}

describe('approver then seal on generated inputs', () => {
  const variants: [string, () => Uint8Array][] = [
    ['plain', () => base],
    ['object streams', () => qpdf(base, ['--object-streams=generate'], tmp.dir)],
    ['linearized', () => qpdf(base, ['--linearize'], tmp.dir)],
    ['qdf', () => qpdf(base, ['--qdf'], tmp.dir)],
    ['hybrid xref', () => hybrid(base)],
    ['CRLF after %%EOF', () => withCrlfAfterEof(base)],
  ];
  it.each(variants)(
    '%s: both signatures accepted by pdfsig, qpdf, mutool and openssl',
    async (label, make) => {
      const input = make();
      const { a, s, file } = await approveThenSeal(input, label.replace(/\W+/g, '-'));
      expectPrefix(input, a.output);
      expectPrefix(a.output, s.output);
      const report = validateAll(file, s.output, vctx);
      expect(report.pdfsig.map((x) => x.field)).toEqual(['CaNhan', 'CoQuan']);
      expect(allAccepted(report, 2), JSON.stringify(report, null, 1)).toBe(true);
      // The update mirrors the previous xref style.
      const before = PdfReader.fromBuffer(input).lastRevision.kind;
      const r = PdfReader.fromBuffer(s.output);
      expect(r.revisions.at(-1)!.kind).toBe(before);
      expect(r.revisions.at(-2)!.kind).toBe(before);
      expect(r.revisions.length).toBe(PdfReader.fromBuffer(input).revisions.length + 2);
    },
  );

  it('places the blue signature in the block and the red seal over its left third', async () => {
    const { a, s, file } = await approveThenSeal(base, 'visual');
    const [x, y, w, h] = a.result.rect;
    // Between "CHỦ TỊCH" (baseline 285) and the name (baseline 170), centred on the column (x ≈ 420).
    expect(y).toBeGreaterThan(170);
    expect(y + h).toBeLessThan(285);
    expect(Math.abs(x + w / 2 - 420)).toBeLessThan(3);
    const d = 36 * 2.8346;
    const sealX = x + w / 3 - d;
    const sealY = y + (h - d) / 2;
    const page = render(file, a.result.page, 100, tmp.dir);
    expect(countInk(page, [x, y, w, h], 'blue')).toBeGreaterThan(200);
    expect(countInk(page, [sealX + 2, sealY + 2, d - 4, d - 4], 'red')).toBeGreaterThan(500);
    // Red reaches into the left third of the signature and stops at its edge.
    expect(countInk(page, [x, y, w / 3 - 2, h], 'red')).toBeGreaterThan(50);
    expect(countInk(page, [x + w / 3 + 3, y, (2 * w) / 3 - 3, h], 'red')).toBe(0);
    // No blue or red ink anywhere else on the page.
    expect(countInk(page, [0, 0, 595, Math.max(0, sealY - 20)], 'red')).toBe(0);
    // Number, date and the seal text are in the text layer.
    const p1 = pdftotext(file, 1);
    expect(p1).toMatch(/Số:\s+1637\/QĐ-UBND/);
    expect(p1).toMatch(/ngày 05 tháng 01 năm 2020/);
    const last = pdftotext(file, s.result.page);
    expect(last).toContain('Ủy ban nhân dân thành phố Cần Thơ');
    const iso = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00/.exec(last)?.[0];
    expect(iso).toBeDefined();
    // The visible time equals /M to the second.
    const sig = PdfReader.fromBuffer(s.output)
      .signatureFields()
      .find((f) => f.name === 'CoQuan')!;
    const m = /^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+07'00'$/.exec(sig.signingTime!)!;
    expect(iso).toBe(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  });

  it('adds a seal to a file first signed by pdfsig -add-signature', async () => {
    const first = pdfsigAddSignature(tmp.dir, vctx.nssDb, approver.certPem, approver.keyPem, base);
    const s = await signPdfDetailed(first, {
      signer: org.signer,
      role: 'seal',
      image: sealPng,
      number: '7/QĐ-UBND',
      date: '2026-11-24',
    });
    expectPrefix(first, s.output);
    const file = join(tmp.dir, 'pdfsig-sealed.pdf');
    writeFileSync(file, s.output);
    const report = validateAll(file, s.output, vctx);
    expect(allAccepted(report, 2), JSON.stringify(report, null, 1)).toBe(true);
    expect(pdftotext(file, 1)).toMatch(/Số:\s+07\/QĐ-UBND/);
  });

  it('signs three times in a row, every signature still valid', async () => {
    const a = await signPdfDetailed(base, { signer: approver.signer, role: 'approver', image: sigPng });
    const s = await signPdfDetailed(a.output, { signer: org.signer, role: 'seal', image: sealPng });
    // A different organisation makes the copy. (poppler 22.12's pdfsig reports "Unknown issue with
    // Certificate" when one file carries the same certificate in two signatures.)
    const copier = await ca.issue('UBND quận Ninh Kiều', { org: 'Ủy ban nhân dân quận Ninh Kiều' });
    const c = await signPdfDetailed(s.output, { signer: copier.signer, role: 'copy', copyForm: 'SAO Y' });
    const file = join(tmp.dir, 'three.pdf');
    writeFileSync(file, c.output);
    const report = validateAll(file, c.output, vctx);
    expect(report.pdfsig.map((x) => x.field)).toEqual(['CaNhan', 'CoQuan', 'BanSao']);
    expect(allAccepted(report, 3), JSON.stringify(report, null, 1)).toBe(true);
    expect(pdftotext(file, 1)).toMatch(
      /SAO Y\s+Ủy ban nhân dân quận Ninh Kiều\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00/,
    );
  });

  it('refuses to seal a document without an approver signature', async () => {
    await expect(
      signPdfDetailed(base, { signer: org.signer, role: 'seal', image: sealPng }),
    ).rejects.toMatchObject({
      code: 'SEAL_REQUIRES_APPROVER',
    });
  });
});
