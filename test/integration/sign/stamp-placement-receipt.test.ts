import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignPdfOptions, signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type Box,
  addedWidgetBoxes,
  chars,
  coveredChars,
  coveredWords,
  drawPng,
  pageHeight,
  words,
} from '../../support/stamp-visual.js';

// The ĐẾN (arrival) stamp, drawn by MuPDF: every line of it at 8 pt or more, over no word of the
// page, inside the page; the warnings say when it went to a margin; no room anywhere is refused.
const tmp = tempDir('vanthu-receipt-');
const DOCS_IMG = join(import.meta.dirname, '../../../docs/img');
const UPDATE_PICTURES = process.env['VANTHU_UPDATE_PICTURES'] === '1';
let ca: TestCa;
let office: Awaited<ReturnType<TestCa['issue']>>;
let longOffice: Awaited<ReturnType<TestCa['issue']>>;
const INCOME: Omit<SignPdfOptions, 'signer'> = {
  role: 'income',
  arrivalNumber: '125',
  arrivalDate: '2026-03-04',
};

beforeAll(async () => {
  ca = await makeTestCa();
  office = await ca.issue('Văn thư UBND', { org: ORG });
  longOffice = await ca.issue('Văn thư Sở', { org: LONG_ORG });
});
afterAll(() => tmp.cleanup());

const ORG = 'Ủy ban nhân dân thành phố Cần Thơ';
const LONG_ORG = 'Sở Tài nguyên và Môi trường thành phố Cần Thơ';
type Where = 'RECEIPT_IN_TOP_MARGIN' | 'RECEIPT_IN_LEFT_MARGIN';

/**
 * Stamps ĐẾN on `before` and checks it: inside the page, over no word, its text whole and every
 * character at 8 pt or more, and the warnings naming the margin it went to. Returns the box.
 */
async function checkReceipt(
  before: Uint8Array,
  name: string,
  org: string,
  signer: typeof office,
  where: Where,
): Promise<Box> {
  const { output, result } = await signPdfDetailed(before, { ...INCOME, signer: signer.signer });
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  const inFile = join(dir, 'before.pdf');
  const outFile = join(dir, 'after.pdf');
  writeFileSync(inFile, before);
  writeFileSync(outFile, output);
  const [box] = addedWidgetBoxes(before, output, result.page);
  expect(box).toBeDefined();
  const [x, y, w, h] = box!;
  expect(x).toBeGreaterThanOrEqual(0);
  expect(y).toBeGreaterThanOrEqual(0);
  expect(x + w).toBeLessThanOrEqual(595.28);
  expect(y + h).toBeLessThanOrEqual(pageHeight(output, result.page));
  expect(coveredWords(words(inFile, result.page), box!)).toEqual([]);
  const drawn = coveredChars(chars(outFile, result.page), box!, 0.5).filter((c) => c.c.trim() !== '');
  const text = drawn.map((c) => c.c).join('');
  expect(text).toContain('ĐẾN');
  expect(text).toContain('125');
  expect(text).toContain('04/03/2026');
  // The organisation is written whole, its words unbroken.
  for (const word of org.toLocaleUpperCase('vi').split(' ')) expect(text).toContain(word);
  const small = drawn.filter((c) => c.size < 8 - 1e-6).map((c) => `${c.c}@${c.size}`);
  expect(small, 'characters below 8 pt').toEqual([]);
  expect(result.warnings.filter((wn) => wn.code.startsWith('RECEIPT_'))).toEqual([{ code: where }]);
  // The pictures in docs/img are refreshed on request only, so a test run leaves the tree clean;
  // the standard template's is stamp-income.png, drawn by the stamp placement test.
  if (UPDATE_PICTURES && name !== 'standard') {
    drawPng(outFile, result.page, join(dir, 'picture.png'));
    copyFileSync(join(dir, 'picture.png'), join(DOCS_IMG, `stamp-income-${name}.png`));
  }
  return box!;
}

describe('the ĐẾN stamp', () => {
  it('on the standard template: no room under the number, so in the top margin, readable', async () => {
    const box = await checkReceipt(await makeVanBan(), 'standard', ORG, office, 'RECEIPT_IN_TOP_MARGIN');
    // Above the header, whose first line's top is at 792 pt.
    expect(box[1]).toBeGreaterThan(792);
  });

  it('on the long-organisation template with a long name: the name on lines of 8 pt or more', async () => {
    await checkReceipt(
      await makeVanBan({ layout: 'long-organisation' }),
      'long-organisation',
      LONG_ORG,
      longOffice,
      'RECEIPT_IN_TOP_MARGIN',
    );
  });

  it('on a page written to the top edge: in the left margin, readable', async () => {
    const box = await checkReceipt(await fullPage(110), 'left-margin', ORG, office, 'RECEIPT_IN_LEFT_MARGIN');
    expect(box[0] + box[2]).toBeLessThanOrEqual(110);
  });
});

/** An A4 page written from `left` to the right edge and from the bottom to the top edge. */
async function fullPage(left: number): Promise<Uint8Array> {
  const fontkit = (await import('fontkit')).default as unknown as Parameters<
    PDFDocument['registerFontkit']
  >[0];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(
    readFileSync(join(import.meta.dirname, '../../../daemon/assets/fonts/LiberationSerif-Regular.ttf')),
    { subset: true },
  );
  const page = doc.addPage([595.28, 841.89]);
  const line = 'Điều khoản văn bản điện tử chữ ký số '.repeat(4);
  for (let y = 4; y < 838; y += 10) page.drawText(line, { x: left, y, size: 10, font, color: rgb(0, 0, 0) });
  return doc.save();
}

describe('a page with no room for the ĐẾN stamp', () => {
  it('is refused, saying the stamp could not be placed at a readable size', async () => {
    await expect(
      signPdfDetailed(await fullPage(2), { ...INCOME, signer: office.signer }),
    ).rejects.toMatchObject({
      code: 'RECEIPT_NO_ROOM',
    });
  });
});
