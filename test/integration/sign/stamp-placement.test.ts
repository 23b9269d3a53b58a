import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignPdfOptions, signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VanBanLayout, makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  PLACEHOLDER,
  addedWidgetBoxes,
  changedOutside,
  chars,
  coveredChars,
  coveredWords,
  drawPage,
  drawPng,
  pageHeight,
  words,
} from '../../support/stamp-visual.js';

// Each role's stamp, rendered by MuPDF before and after: nothing changes outside the stamp's own
// box, and the box covers no word of the page. The standard template's pictures go to docs/img.
const tmp = tempDir('vanthu-placement-');
const DOCS_IMG = join(import.meta.dirname, '../../../docs/img');
const UPDATE_PICTURES = process.env['VANTHU_UPDATE_PICTURES'] === '1';
let ca: TestCa;
let person: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
const sigPng = makeInkPng('signature');
const sealPng = makeInkPng('seal');

beforeAll(async () => {
  ca = await makeTestCa();
  person = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

type Step = {
  role: string;
  options: (number: string) => Omit<SignPdfOptions, 'signer'>;
  on: 'base' | 'approved' | 'sealed';
};
const STEPS: Step[] = [
  { role: 'approver', on: 'base', options: () => ({ role: 'approver', image: sigPng }) },
  {
    role: 'seal',
    on: 'approved',
    options: (number) => ({ role: 'seal', image: sealPng, number, date: '2026-03-02' }),
  },
  { role: 'attachment', on: 'sealed', options: (number) => ({ role: 'attachment', number }) },
  { role: 'copy-sao-y', on: 'sealed', options: () => ({ role: 'copy', copyForm: 'SAO Y' }) },
  { role: 'copy-sao-luc', on: 'sealed', options: () => ({ role: 'copy', copyForm: 'SAO LỤC' }) },
  { role: 'copy-trich-sao', on: 'sealed', options: () => ({ role: 'copy', copyForm: 'TRÍCH SAO' }) },
  {
    role: 'income',
    on: 'sealed',
    options: () => ({ role: 'income', arrivalNumber: '125', arrivalDate: '2026-03-04' }),
  },
];

const LAYOUTS: { layout: VanBanLayout; number: string }[] = [
  { layout: 'standard', number: '15/QĐ-UBND' },
  { layout: 'standard', number: '12345/QĐ-UBND' },
  { layout: 'long-organisation', number: '15/QĐ-UBND' },
  { layout: 'body-under-header', number: '15/QĐ-UBND' },
  { layout: 'landscape', number: '15/QĐ-UBND' },
  { layout: 'scanned', number: '15/QĐ-UBND' },
  { layout: 'italic-date', number: '15/QĐ-UBND' },
  { layout: 'year-century', number: '15/QĐ-UBND' },
  { layout: 'narrow-column', number: '15/QĐ-UBND' },
];

describe.each(LAYOUTS)('stamps on the $layout layout, number $number', ({ layout, number }) => {
  const docs: Partial<Record<Step['on'], Uint8Array>> = {};
  beforeAll(async () => {
    docs.base = await makeVanBan({ layout });
    docs.approved = (
      await signPdfDetailed(docs.base, { signer: person.signer, ...options(STEPS[0]!, layout, number) })
    ).output;
    docs.sealed = (
      await signPdfDetailed(docs.approved, { signer: org.signer, ...options(STEPS[1]!, layout, number) })
    ).output;
  });

  it.each(STEPS)('$role: unchanged outside its box, over no word', async (step) => {
    const before = docs[step.on]!;
    const signer = step.role === 'approver' ? person.signer : org.signer;
    const { output, result } = await signPdfDetailed(before, { ...options(step, layout, number), signer });
    const page = result.page;
    const dir = join(tmp.dir, `${layout}-${number.length}-${step.role}`);
    mkdirSync(dir, { recursive: true });
    const inFile = join(dir, 'before.pdf');
    const outFile = join(dir, 'after.pdf');
    writeFileSync(inFile, before);
    writeFileSync(outFile, output);
    const boxes = addedWidgetBoxes(before, output, page);
    // Stamps of the seal step land on page 1 too.
    const firstPageBoxes = page === 1 ? boxes : addedWidgetBoxes(before, output, 1);
    expect(boxes.length).toBeGreaterThan(0);
    for (const p of new Set([page, 1])) {
      const pageBoxes = p === page ? boxes : firstPageBoxes;
      const changed = changedOutside(
        drawPage(inFile, p, dir, `before-${p}`),
        drawPage(outFile, p, dir, `after-${p}`),
        pageBoxes,
        pageHeight(output, p),
      );
      expect(changed, `page ${p}: pixels changed outside the stamp`).toBe(0);
      const pageWords = words(inFile, p);
      const pageChars = chars(inFile, p);
      for (const box of pageBoxes) {
        // The seal covers the approver's image by rule; the image is not text. A blank's dots
        // ("năm 20……") may be written on: words holding them are checked character by character.
        const where = `page ${p}: box ${box.map(Math.round).join(',')}`;
        expect(
          coveredWords(pageWords, box).filter((w) => ![...w].some((c) => PLACEHOLDER.test(c))),
          where,
        ).toEqual([]);
        const onDots = coveredChars(pageChars, box).filter(
          (c) => c.c.trim() !== '' && !PLACEHOLDER.test(c.c),
        );
        expect(
          onDots.map((c) => c.c),
          where,
        ).toEqual([]);
      }
    }
    // The pictures in docs/img are refreshed on request only, so a test run leaves the tree clean.
    if (UPDATE_PICTURES && layout === 'standard' && number === '15/QĐ-UBND') {
      drawPng(outFile, page, join(dir, 'picture.png'));
      copyFileSync(join(dir, 'picture.png'), join(DOCS_IMG, `stamp-${step.role}.png`));
      if (page !== 1) {
        drawPng(outFile, 1, join(dir, 'picture-1.png'));
        copyFileSync(join(dir, 'picture-1.png'), join(DOCS_IMG, `stamp-${step.role}-page1.png`));
      }
    }
  });
});

/** A scanned page has no text to anchor on: the approver is placed by --rect, the seal stamps no number. */
function options(step: Step, layout: VanBanLayout, number: string): Omit<SignPdfOptions, 'signer'> {
  const o = step.options(number);
  if (layout !== 'scanned') return o;
  if (o.role === 'approver') return { ...o, rect: [340, 190, 150, 80], page: 1 };
  if (o.role === 'seal') return { role: 'seal', image: sealPng };
  return o;
}
