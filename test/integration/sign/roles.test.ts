import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, type PdfString as ReaderString } from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type ValidationContext,
  allAccepted,
  countInk,
  makeNssDb,
  pdftotext,
  render,
  validateAll,
} from '../../support/validators.js';

const tmp = tempDir('vanthu-roles-');
let ca: TestCa;
let vctx: ValidationContext;
let base: Uint8Array;
let org: Awaited<ReturnType<TestCa['issue']>>;
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00/;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  base = await makeVanBan();
  org = await ca.issue('Sở Nội vụ', { org: 'Sở Nội vụ thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

function save(name: string, bytes: Uint8Array): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Dark pixels inside a rectangle in points. */
function darkPixels(file: string, rect: [number, number, number, number]): number {
  const r = render(file, 1, 100, tmp.dir);
  let n = 0;
  const [x, y, w, h] = rect;
  for (let py = Math.floor(r.height - (y + h) * r.scale); py < Math.ceil(r.height - y * r.scale); py++) {
    for (let px = Math.floor(x * r.scale); px < Math.ceil((x + w) * r.scale); px++) {
      const o = (py * r.width + px) * 3;
      if (r.rgb[o]! < 90 && r.rgb[o + 1]! < 90 && r.rgb[o + 2]! < 90) n++;
    }
  }
  return n;
}

describe('image-less organisation roles', () => {
  it('attachment: number and time at the top right of page 1, right-aligned at the margin', async () => {
    const { output, result } = await signPdfDetailed(base, {
      signer: org.signer,
      role: 'attachment',
      number: '1637/QĐ-UBND',
    });
    const file = save('attachment.pdf', output);
    expect(allAccepted(validateAll(file, output, vctx), 1)).toBe(true);
    const text = pdftotext(file, 1);
    expect(text).toMatch(/1637\/QĐ-UBND/);
    expect(text).toMatch(ISO);
    const [x, y, w, h] = result.rect;
    expect(x + w).toBeCloseTo(595.28 - 56.7, 0);
    expect(y + h).toBeGreaterThan(841.89 - 28.35);
    expect(y + h).toBeLessThan(841.89 - 15);
    expect(darkPixels(file, result.rect)).toBeGreaterThan(100);
  });

  it('copy: copy form, organisation and time', async () => {
    const { output } = await signPdfDetailed(base, {
      signer: org.signer,
      role: 'copy',
      copyForm: 'TRÍCH SAO',
    });
    const file = save('copy.pdf', output);
    expect(allAccepted(validateAll(file, output, vctx), 1)).toBe(true);
    expect(pdftotext(file, 1)).toMatch(/TRÍCH SAO\s+Sở Nội vụ thành phố Cần Thơ\s+\d{4}-/);
  });

  it('income: red receipt stamp box with arrival number and date', async () => {
    const { output, result } = await signPdfDetailed(base, {
      signer: org.signer,
      role: 'income',
      arrivalNumber: '152',
      arrivalDate: '2026-11-24',
    });
    const file = save('income.pdf', output);
    expect(allAccepted(validateAll(file, output, vctx), 1)).toBe(true);
    // The space under "Số:" is too low for the box here: it goes to the top margin, above the header.
    expect(result.rect[1]).toBeGreaterThan(792);
    expect(result.rect[1] + result.rect[3]).toBeLessThan(842);
    expect(result.warnings.map((w) => w.code)).toContain('RECEIPT_IN_TOP_MARGIN');
    const text = pdftotext(file, 1);
    expect(text).toContain('ĐẾN');
    expect(text).toMatch(/Số: 152/);
    expect(text).toMatch(/Ngày: 24\/11\/2026/);
    const r = render(file, 1, 100, tmp.dir);
    const [x, y, w, h] = result.rect;
    // Red border on all four sides.
    expect(countInk(r, [x, y, w, 3], 'red')).toBeGreaterThan(100);
    expect(countInk(r, [x, y + h - 3, w, 3], 'red')).toBeGreaterThan(100);
    expect(countInk(r, [x, y, 3, h], 'red')).toBeGreaterThan(60);
    expect(countInk(r, [x + w - 3, y, 3, h], 'red')).toBeGreaterThan(60);
  });

  it('stops with FONT_GLYPH_MISSING for a character the font lacks', async () => {
    await expect(
      signPdfDetailed(base, { signer: org.signer, role: 'copy', organization: 'Cơ quan 漢字' }),
    ).rejects.toMatchObject({ code: 'FONT_GLYPH_MISSING' });
  });
});

describe('signature formats and fields', () => {
  it.each([
    ['RSA-PSS', { keyBits: 2048 }, 'pss'],
    ['ECDSA P-256', { ec: true }, undefined],
    ['RSA-3072', { keyBits: 3072 }, undefined],
  ] as const)('%s signatures validate', async (label, keyOpts, scheme) => {
    const s = (await ca.issue(`Signer ${label}`, keyOpts)).signer;
    const { output } = await signPdfDetailed(base, {
      signer: s,
      role: 'approver',
      image: makeInkPng('signature'),
      ...(scheme ? { scheme } : {}),
    });
    const file = save(`fmt-${label}.pdf`, output);
    const report = validateAll(file, output, vctx);
    expect(report.openssl, JSON.stringify(report.pdfsig)).toEqual([true]);
    expect(report.pdfsig[0]?.signatureValid, report.pdfsig[0]?.raw).toBe(true);
    // mutool 1.21 verifies through OpenSSL's PKCS7 API, which has no RSASSA-PSS: it reports
    // "Digest error: Unknown error." for any PSS signature, so only the others are checked there.
    if (scheme !== 'pss') expect(report.mutool[0]?.digestOk, report.mutool[0]?.raw).toBe(true);
  });

  it('adbe.pkcs7.detached on request', async () => {
    const { output } = await signPdfDetailed(base, {
      signer: org.signer,
      role: 'copy',
      subFilter: 'adbe.pkcs7.detached',
    });
    const file = save('pkcs7.pdf', output);
    const report = validateAll(file, output, vctx);
    expect(allAccepted(report, 1)).toBe(true);
    expect(report.pdfsig[0]!.subFilter).toBe('adbe.pkcs7.detached');
  });

  it('keeps /ID[0], never certifies, names fields uniquely, lists them in /AcroForm /Fields', async () => {
    const signer = (await ca.issue('Người ký')).signer;
    const a = await signPdfDetailed(base, { signer, role: 'approver', image: makeInkPng('signature') });
    const b = await signPdfDetailed(a.output, { signer, role: 'approver', image: makeInkPng('signature') });
    const before = PdfReader.fromBuffer(a.output);
    const after = PdfReader.fromBuffer(b.output);
    const id0 = (r: PdfReader) =>
      ((r.resolve(r.trailer.get('ID')) as ReaderString[])[0] as ReaderString).bytes;
    const id1 = (r: PdfReader) =>
      ((r.resolve(r.trailer.get('ID')) as ReaderString[])[1] as ReaderString).bytes;
    expect(Buffer.from(id0(after)).equals(Buffer.from(id0(before)))).toBe(true);
    expect(Buffer.from(id1(after)).equals(Buffer.from(id1(before)))).toBe(false);
    expect(after.catalog.has('Perms')).toBe(false);
    expect(after.signatureFields().map((f) => f.name)).toEqual(['CaNhan', 'CaNhan_2']);
    expect(after.acroForm?.number('SigFlags')).toBe(3);
  });

  it('fills an existing empty signature field (--field)', async () => {
    const doc = await PDFDocument.load(base);
    const page = doc.getPage(0);
    const ctx = doc.context;
    const widget = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        T: PDFString.of('ChuKyLanhDao'),
        Rect: [350, 180, 500, 270],
        F: 4,
        P: page.ref,
      }),
    );
    page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget] }));
    const withField = await doc.save({ useObjectStreams: false });
    const { output, result } = await signPdfDetailed(withField, {
      signer: org.signer,
      role: 'approver',
      image: makeInkPng('signature'),
      field: 'ChuKyLanhDao',
    });
    expect(result.fieldName).toBe('ChuKyLanhDao');
    const file = save('field.pdf', output);
    expect(allAccepted(validateAll(file, output, vctx), 1)).toBe(true);
    const r = PdfReader.fromBuffer(output);
    expect(r.signatureFields().map((f) => f.name)).toEqual(['ChuKyLanhDao']);
    await expect(
      signPdfDetailed(output, {
        signer: org.signer,
        role: 'approver',
        image: makeInkPng('signature'),
        field: 'ChuKyLanhDao',
      }),
    ).rejects.toMatchObject({ code: 'PDF_FIELD_SIGNED' });
  });
});

describe('placement options', () => {
  it('--rect and a negative --page place the image exactly there', async () => {
    const doc = await makeVanBan({ pages: 3 });
    const signer = (await ca.issue('Người ký')).signer;
    const { result } = await signPdfDetailed(doc, {
      signer,
      role: 'approver',
      image: makeInkPng('signature'),
      page: -2,
      rect: [100, 100, 200, 100],
    });
    expect(result.page).toBe(2);
    // A 2:1 image in a 2:1 box fills it.
    expect(result.rect).toEqual([100, 100, 200, 100]);
  });

  it('--anchor that is not on the page fails with ANCHOR_NOT_FOUND', async () => {
    const signer = (await ca.issue('Người ký')).signer;
    await expect(
      signPdfDetailed(base, {
        signer,
        role: 'approver',
        image: makeInkPng('signature'),
        anchor: 'GIÁM ĐỐC SỞ',
      }),
    ).rejects.toMatchObject({ code: 'ANCHOR_NOT_FOUND' });
  });

  it('--no-seal-text leaves only the seal image', async () => {
    const signer = (await ca.issue('Người ký')).signer;
    const a = await signPdfDetailed(base, { signer, role: 'approver', image: makeInkPng('signature') });
    const s = await signPdfDetailed(a.output, {
      signer: org.signer,
      role: 'seal',
      image: makeInkPng('seal'),
      sealText: false,
    });
    const file = save('no-seal-text.pdf', s.output);
    expect(pdftotext(file, 1)).not.toContain('Sở Nội vụ thành phố Cần Thơ');
    // 36 mm, shrunk (not below 25 mm) to the signature block's free space between title and name.
    const d = 36 * 2.8346;
    expect(s.result.rect[2]).toBeLessThanOrEqual(d + 0.05);
    expect(s.result.rect[2]).toBeGreaterThanOrEqual(25 * 2.8346 - 0.05);
    expect(s.result.rect[3]).toBeCloseTo(s.result.rect[2], 1);
  });

  it('warns when the signature image is not mainly blue or the seal not red', async () => {
    const signer = (await ca.issue('Người ký')).signer;
    const a = await signPdfDetailed(base, { signer, role: 'approver', image: makeInkPng('seal') });
    expect(a.result.warnings.map((w) => w.code)).toEqual(['SIGNATURE_IMAGE_NOT_BLUE']);
    const s = await signPdfDetailed(a.output, {
      signer: org.signer,
      role: 'seal',
      image: makeInkPng('signature'),
    });
    expect(s.result.warnings.map((w) => w.code)).toEqual(['SEAL_IMAGE_NOT_RED']);
    const ok = await signPdfDetailed(base, { signer, role: 'approver', image: makeInkPng('signature') });
    expect(ok.result.warnings).toEqual([]);
  });

  it('grows the placeholder and signs again when the CMS does not fit', async () => {
    const { output, result } = await signPdfDetailed(base, {
      signer: org.signer,
      role: 'copy',
      placeholderBytes: 200,
    });
    expect(result.placeholderBytes).toBeGreaterThan(result.cmsBytes);
    expect(result.placeholderBytes).toBeGreaterThan(200);
    const file = save('grown.pdf', output);
    expect(allAccepted(validateAll(file, output, vctx), 1)).toBe(true);
    expect(PdfReader.fromBuffer(output).revisions.length).toBe(2);
  });
});
