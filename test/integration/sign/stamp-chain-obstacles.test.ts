import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfString } from '../../../daemon/src/pdf/reader/index.js';
import { type SignPdfOptions, signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { type CopyForm, ROLE_FIELD } from '../../../daemon/src/pdf/sign/options.js';
import { type VanBanLayout, makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type Box, coveredWords, drawPng, words } from '../../support/stamp-visual.js';
import { makeNssDb, pdfsig } from '../../support/validators.js';

// Stamps made one after another on page 1: each later one keeps clear of the earlier ones, which are
// widgets (their appearance is not page content), as well as of the page's text.
const tmp = tempDir('vanthu-chain-');
let ca: TestCa;
let nssDb: string;
let person: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;

beforeAll(async () => {
  ca = await makeTestCa();
  nssDb = makeNssDb(tmp.dir, ca.rootPem);
  person = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

/** The rectangles of every visible annotation on page 1, read back from the output. */
function pageOneRects(bytes: Uint8Array): { name: string; box: Box }[] {
  const reader = PdfReader.fromBuffer(bytes);
  try {
    const annots = reader.resolve(reader.page(0).dict.get('Annots'));
    const out: { name: string; box: Box }[] = [];
    for (const a of Array.isArray(annots) ? annots : []) {
      const d = reader.dict(a);
      const r = d && reader.box(d.get('Rect'));
      if (!r || r[2] - r[0] <= 0 || r[3] - r[1] <= 0) continue;
      const t = reader.resolve(d.get('T') ?? reader.dict(d.get('Parent'))?.get('T'));
      const name = t instanceof PdfString ? t.text() : '?';
      out.push({ name, box: [r[0], r[1], r[2] - r[0], r[3] - r[1]] });
    }
    return out;
  } finally {
    reader.close();
  }
}

function overlapping(rects: { name: string; box: Box }[]): string[] {
  const hits: string[] = [];
  rects.forEach((p, i) => {
    for (const q of rects.slice(i + 1)) {
      const dx = Math.min(p.box[0] + p.box[2], q.box[0] + q.box[2]) - Math.max(p.box[0], q.box[0]);
      const dy = Math.min(p.box[1] + p.box[3], q.box[1] + q.box[3]) - Math.max(p.box[1], q.box[1]);
      if (dx > 0 && dy > 0)
        hits.push(`${p.name} [${p.box.map(Math.round)}] × ${q.name} [${q.box.map(Math.round)}]`);
    }
  });
  return hits;
}

async function chain(
  name: string,
  layout: VanBanLayout,
  steps: Partial<SignPdfOptions>[],
): Promise<{ file: string; rects: { name: string; box: Box }[]; template: string }> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  let bytes = await makeVanBan({ layout, pages: 1 });
  const template = join(dir, 'template.pdf');
  writeFileSync(template, bytes);
  for (const step of steps) {
    const signer = step.role === 'approver' ? person.signer : org.signer;
    bytes = (await signPdfDetailed(bytes, { signer, ...step } as SignPdfOptions)).output;
  }
  const file = join(dir, 'out.pdf');
  writeFileSync(file, bytes);
  const rects = pageOneRects(bytes);
  expect(rects).toHaveLength(steps.length);
  const sigs = pdfsig(file, nssDb);
  expect(sigs).toHaveLength(steps.length);
  // Signature Validation only: poppler reports the same signer twice in a file as "Unknown issue".
  expect(sigs.filter((s) => !s.signatureValid).map((s) => s.raw)).toEqual([]);
  return { file, rects, template };
}

const income: Partial<SignPdfOptions> = { role: 'income', arrivalNumber: '125', arrivalDate: '2026-03-04' };
const attachment: Partial<SignPdfOptions> = { role: 'attachment', number: '15/QĐ-UBND' };

describe('a stamp never lands on an earlier stamp', () => {
  for (const layout of ['standard', 'long-organisation'] as const) {
    for (const copyForm of ['SAO Y', 'SAO LỤC', 'TRÍCH SAO'] as CopyForm[]) {
      it(`${layout}: ĐẾN, then ${copyForm}, then the attachment text`, async () => {
        const name = `${layout}-${copyForm.replace(/\s/g, '-')}`;
        const { file, rects, template } = await chain(name, layout, [
          income,
          { role: 'copy', copyForm },
          attachment,
        ]);
        expect(overlapping(rects)).toEqual([]);
        const text = words(template, 1);
        for (const r of rects) expect(coveredWords(text, r.box), r.name).toEqual([]);
        if (layout === 'standard' && copyForm === 'SAO Y')
          drawPng(file, 1, join(import.meta.dirname, '../../../docs/img/stamp-chain-top-right.png'));
      }, 120_000);
    }
  }

  for (const layout of ['standard', 'long-organisation'] as const) {
    it(`${layout}: the copy and attachment text first, then ĐẾN`, async () => {
      const { rects, template } = await chain(`${layout}-income-last`, layout, [
        { role: 'copy', copyForm: 'SAO Y' },
        attachment,
        income,
      ]);
      expect(overlapping(rects)).toEqual([]);
      const text = words(template, 1);
      for (const r of rects) expect(coveredWords(text, r.box), r.name).toEqual([]);
    }, 120_000);
  }

  it('standard: ĐẾN keeps clear of a signature image put by hand in the top margin', async () => {
    const { rects } = await chain('income-after-top-image', 'standard', [
      { role: 'approver', image: makeInkPng('signature'), rect: [14, 790, 120, 40] },
      income,
    ]);
    expect(overlapping(rects)).toEqual([]);
  }, 120_000);

  it('standard: the seal text keeps clear of a ĐẾN box put by hand beside the signature', async () => {
    const { rects } = await chain('seal-after-receipt', 'standard', [
      { role: 'approver', image: makeInkPng('signature') },
      { ...income, rect: [430, 200, 100, 40] },
      { role: 'seal', image: makeInkPng('seal') },
    ]);
    const seal = rects.find((r) => r.name === ROLE_FIELD.seal);
    const receipt = rects.find((r) => r.name === ROLE_FIELD.income);
    expect(overlapping([seal!, receipt!])).toEqual([]);
  }, 120_000);

  it('standard: the approver and the seal, then ĐẾN, copy and attachment on the same page', async () => {
    const { rects, template } = await chain('issued-then-copied', 'standard', [
      { role: 'approver', image: makeInkPng('signature') },
      { role: 'seal', image: makeInkPng('seal') },
      income,
      { role: 'copy', copyForm: 'SAO Y' },
      attachment,
    ]);
    // The seal lies over the approver's image by design; every other pair is apart.
    const seal = (r: { name: string }) => r.name === ROLE_FIELD.seal;
    const approver = (r: { name: string }) => r.name === ROLE_FIELD.approver;
    expect(rects.filter(seal)).toHaveLength(1);
    expect(overlapping(rects.filter((r) => !seal(r)))).toEqual([]);
    expect(overlapping(rects.filter((r) => !approver(r)))).toEqual([]);
    const stamps = rects.filter((r) => !seal(r) && !approver(r));
    const text = words(template, 1);
    for (const r of stamps) expect(coveredWords(text, r.box), r.name).toEqual([]);
  }, 180_000);
});
