import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader, PdfString } from '../../../daemon/src/pdf/reader/index.js';
import { type SignPdfOptions, signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import type { SignWarning } from '../../../daemon/src/pdf/sign/warnings.js';
import { type VanBanLayout, makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type Box,
  type Pixels,
  PLACEHOLDER,
  addedWidgetBoxes,
  changedBox,
  changedOutside,
  chars,
  coveredChars,
  DPI,
  coveredWords,
  drawPage,
  newTextPixels,
  pageHeight,
  words,
} from '../../support/stamp-visual.js';
import { type ValidationContext, allAccepted, makeNssDb, validateAll } from '../../support/validators.js';

// The seal step on template variants: the date in the template's italic, a year printed in part
// ("năm 20……") or whole ("năm 2025"), and the seal's text in a narrow signature column beside
// "Nơi nhận" or with a long organisation name. Rendered by MuPDF, read back by poppler and MuPDF.
const tmp = tempDir('vanthu-templates-');
let ca: TestCa;
let vctx: ValidationContext;
let person: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
const sigPng = makeInkPng('signature');
const sealPng = makeInkPng('seal');
const MM = 72 / 25.4;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  person = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

interface Sealed {
  dir: string;
  /** The approved file (before the seal) and the sealed one. */
  before: string;
  after: string;
  output: Uint8Array;
  stampedFields: string[];
  warnings: SignWarning[];
}

async function approveAndSeal(
  layout: VanBanLayout,
  name: string,
  seal: Partial<SignPdfOptions> = {},
): Promise<Sealed> {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  const approved = (
    await signPdfDetailed(await makeVanBan({ layout }), {
      signer: person.signer,
      role: 'approver',
      image: sigPng,
    })
  ).output;
  const { output, result } = await signPdfDetailed(approved, {
    signer: org.signer,
    role: 'seal',
    image: sealPng,
    number: '15/QĐ-UBND',
    date: '2026-03-02',
    ...seal,
  });
  const before = join(dir, 'before.pdf');
  const after = join(dir, 'after.pdf');
  writeFileSync(before, approved);
  writeFileSync(after, output);
  // Both signatures hold for poppler, qpdf, MuPDF and OpenSSL.
  const report = validateAll(after, output, { ...vctx, dir });
  expect(allAccepted(report, 2), JSON.stringify(report.pdfsig)).toBe(true);
  return { dir, before, after, output, stampedFields: result.stampedFields, warnings: result.warnings };
}

/** Rect and value of each stamped text field whose name starts with `prefix`. */
function stamps(bytes: Uint8Array, prefix: string): { name: string; value: string; rect: Box }[] {
  const reader = PdfReader.fromBuffer(bytes);
  try {
    return reader
      .fields()
      .filter((f) => f.name.startsWith(prefix))
      .map((f) => {
        const r = (reader.resolve(f.dict.get('Rect')) as number[]).map(Number);
        const v = reader.resolve(f.dict.get('V'));
        return {
          name: f.name,
          value: v instanceof PdfString ? v.text() : '',
          rect: [r[0]!, r[1]!, r[2]! - r[0]!, r[3]! - r[1]!] as Box,
        };
      });
  } finally {
    reader.close();
  }
}

/** The characters MuPDF draws inside a stamp's rectangle. */
function drawnIn(file: string, rect: Box): { c: string; font: string }[] {
  return coveredChars(chars(file, 1), rect, 0.5).filter((c) => c.c.trim() !== '');
}

describe('the date in the template’s font style', () => {
  it('an italic date line gets an italic day, month and year, embedded as a subset; the number stays upright', async () => {
    const s = await approveAndSeal('italic-date', 'italic');
    const dates = stamps(s.output, 'NgayBanHanh');
    expect(dates.map((d) => d.value).sort()).toEqual(['02', '3', '2026'].sort());
    for (const d of dates) {
      const drawn = drawnIn(s.after, d.rect).filter((c) => /\d/.test(c.c));
      expect(drawn.map((c) => c.c).join('')).toBe(d.value);
      for (const c of drawn)
        expect(c.font, `"${c.c}" of ${d.name}`).toMatch(/^([A-Z]{6}\+)?LiberationSerif-Italic$/);
    }
    const [number] = stamps(s.output, 'SoVanBan');
    for (const c of drawnIn(s.after, number!.rect).filter((c) => /\d/.test(c.c)))
      expect(c.font).toMatch(/^([A-Z]{6}\+)?LiberationSerif$/);
    // Every font of the page is embedded; the stamps' fonts as subsets.
    const fonts = execFileSync('pdffonts', ['-f', '1', '-l', '1', s.after], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    const ours = fonts.filter((l) => /^[A-Z]{6}\+LiberationSerif(-Italic)?\s/.test(l));
    expect(ours.map((l) => l.split(' ')[0]!.slice(7)).sort()).toEqual([
      'LiberationSerif',
      'LiberationSerif-Italic',
    ]);
    for (const l of fonts) expect(l, l).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    for (const l of ours) expect(l, l).toMatch(/\byes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
  });

  it('an upright date line gets an upright date', async () => {
    const s = await approveAndSeal('standard', 'upright');
    for (const d of stamps(s.output, 'NgayBanHanh'))
      for (const c of drawnIn(s.after, d.rect)) expect(c.font).toMatch(/^([A-Z]{6}\+)?LiberationSerif$/);
  });
});

describe('a year printed in the template', () => {
  it('"năm 20……": the stamp completes the year right after the printed "20", writing on placeholder dots only', async () => {
    const s = await approveAndSeal('year-century', 'century');
    const [year] = stamps(s.output, 'NgayBanHanh.Nam');
    expect(year?.value).toBe('2026');
    expect(
      drawnIn(s.after, year!.rect)
        .map((c) => c.c)
        .filter((c) => !PLACEHOLDER.test(c)),
    ).toEqual(['2', '6']);
    // The printed "0" of "20" ends where the stamped digits begin.
    const printed = chars(s.before, 1);
    const zero = printed.find(
      (c, i) => c.c === '0' && printed[i - 1]?.c === '2' && printed[i - 2]?.c === ' ',
    );
    const stampedTwo = chars(s.after, 1).find(
      (c) => c.c === '2' && Math.abs(c.box[0] - zero!.box[0] - zero!.box[2]) < 1.5,
    );
    expect(stampedTwo, 'a "2" drawn right after the printed "20"').toBeDefined();
    // Every stamp of page 1 covers nothing but the blanks' dots.
    for (const box of addedWidgetBoxes(readFileSync(s.before), s.output, 1)) {
      const covered = coveredChars(printed, box).filter((c) => !PLACEHOLDER.test(c.c) && c.c.trim() !== '');
      expect(covered.map((c) => c.c)).toEqual([]);
    }
  });

  it('"năm 2025" with an issue date in 2026 is refused with DATE_YEAR_PRINTED: the printed year is never covered', async () => {
    await expect(approveAndSeal('year-printed', 'printed-2026')).rejects.toMatchObject({
      code: 'DATE_YEAR_PRINTED',
    });
  });

  it('"năm 2025" with an issue date in 2025: day and month are stamped, the printed year is left as it is', async () => {
    const s = await approveAndSeal('year-printed', 'printed-2025', { date: '2025-12-30' });
    expect(s.stampedFields.filter((f) => f.startsWith('NgayBanHanh')).sort()).toEqual([
      'NgayBanHanh.Ngay',
      'NgayBanHanh.Thang',
    ]);
  });
});

const LONG_NAME = 'Sở Tài nguyên và Môi trường thành phố Cần Thơ trực thuộc Ủy ban nhân dân thành phố';

describe('the seal’s text', () => {
  it.each([
    { layout: 'narrow-column' as const, organization: undefined, lines: 1 },
    { layout: 'standard' as const, organization: LONG_NAME, lines: 2 },
  ])(
    '$layout, organisation $organization: inside the signature column, over no text, off the approver’s ink, within the right margin',
    async ({ layout, organization, lines }) => {
      const s = await approveAndSeal(layout, `seal-${layout}`, organization ? { organization } : {});
      expect(s.warnings).toEqual([]);
      const height = pageHeight(s.output, 1);
      const width = Number(
        /<page width="([\d.]+)"/.exec(
          execFileSync('pdftotext', ['-bbox', '-l', '1', s.after, '-'], { encoding: 'utf8' }),
        )![1],
      );
      const before = drawPage(s.before, 1, s.dir, 'before');
      const after = drawPage(s.after, 1, s.dir, 'after');
      const added = addedWidgetBoxes(readFileSync(s.before), s.output, 1);
      expect(changedOutside(before, after, added, height)).toBe(0);
      const pageWords = words(s.before, 1);
      for (const box of added) expect(coveredWords(pageWords, box)).toEqual([]);
      // The seal's widget: the largest of the added ones (the others are the number and date).
      const seal = added.reduce((p, q) => (q[2] * q[3] > p[2] * p[3] ? q : p));
      // The approver's ink (blue) gets no black text over it.
      const ink = inkBox(before, height);
      expect(
        newTextPixels(before, after, ink, height),
        `black over the approver's ink ${ink.map(Math.round)}`,
      ).toBe(0);
      // Nothing drawn within 15 mm of the right edge, nor left of the signature column ("Nơi nhận").
      const changed = changedBox(before, after, height, [0, 0, width, height / 2])!;
      expect(changed[0] + changed[2]).toBeLessThanOrEqual(width - 15 * MM + 0.5);
      const noiNhan = pageWords.filter((w) => w.box[0] < 100 && w.box[1] > changed[1] - 60 && w.box[1] < 320);
      expect(noiNhan.length).toBeGreaterThan(0);
      const listRight = Math.max(
        ...pageWords
          .filter((w) => w.box[0] < width / 2 && noiNhan.some((n) => Math.abs(n.box[1] - w.box[1]) < 2))
          .map((w) => w.box[0] + w.box[2]),
      );
      expect(changed[0]).toBeGreaterThan(listRight);
      // All of the organisation's name and the time are there, the name on `lines` lines.
      const text = words(s.after, 1).filter((w) => coveredWords([w], seal, 0).length > 0);
      const name = organization ?? 'Ủy ban nhân dân thành phố Cần Thơ';
      expect(text.map((w) => w.text).join(' ')).toContain(name);
      expect(text.some((w) => /^2026-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/.test(w.text))).toBe(true);
      const nameWords = text.filter((w) => name.split(' ').includes(w.text));
      expect(new Set(nameWords.map((w) => Math.round(w.box[1]))).size).toBe(lines);
    },
  );
});

/** The box of the approver's blue ink in a rendering. */
function inkBox(p: Pixels, height: number): Box {
  const s = DPI / 72;
  let [x0, y0, x1, y1] = [p.width, p.height, 0, 0];
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const o = (y * p.width + x) * 3;
      if (p.rgb[o + 2]! > 150 && p.rgb[o]! < 100 && p.rgb[o + 1]! < 100) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x + 1);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return [x0 / s, height - y1 / s, (x1 - x0) / s, (y1 - y0) / s];
}
