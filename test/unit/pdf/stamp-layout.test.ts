import { describe, expect, it } from 'vitest';
import { type Box, textBoxes } from '../../../daemon/src/pdf/layout/free-space.js';
import { baseName, isItalicRun } from '../../../daemon/src/pdf/layout/font-style.js';
import { findPlaceholders } from '../../../daemon/src/pdf/layout/placeholders.js';
import { type TextMetrics, placeSealText } from '../../../daemon/src/pdf/layout/seal-text.js';
import { COLUMN_RIGHT_MARGIN, signatureColumn } from '../../../daemon/src/pdf/layout/signature-block.js';
import type { RawItem } from '../../../daemon/src/pdf/text/pdfjs-items.js';
import { type TextLine, groupLines } from '../../../daemon/src/pdf/text/extract.js';

function lines(items: (Partial<RawItem> & { str: string; x: number; y: number })[]): TextLine[] {
  return groupLines(items.map((i) => ({ size: 13, width: i.str.length * (i.size ?? 13) * 0.5, ...i })));
}

/** Every character half an em wide; ascent 0.9, descent −0.2. */
const METRICS: TextMetrics = { measure: (t) => t.length * 0.5, ascent: 0.9, descent: -0.2 };

describe('the year after "năm"', () => {
  it('a blank year goes after "năm"; a printed century is completed right after its last digit', () => {
    const blank = findPlaceholders(lines([{ str: 'Cần Thơ, ngày      tháng      năm', x: 310, y: 735 }]));
    expect(blank.year?.printed).toBe('');
    const century = findPlaceholders(lines([{ str: 'Cần Thơ, ngày …… tháng …… năm 20……', x: 310, y: 735 }]));
    expect(century.year?.printed).toBe('20');
    const chars = lines([{ str: 'Cần Thơ, ngày …… tháng …… năm 20……', x: 310, y: 735 }])[0]!.chars;
    const zero = chars.findLast((c) => c.ch === '0')!;
    expect(century.year?.x).toBeCloseTo(zero.x1, 6);
    expect(century.printedYear).toBeUndefined();
  });

  it('a whole printed year is reported, with no place to stamp one', () => {
    const p = findPlaceholders(lines([{ str: 'Cần Thơ, ngày      tháng      năm 2025', x: 310, y: 735 }]));
    expect(p.printedYear).toBe('2025');
    expect(p.year).toBeUndefined();
    expect(p.day).toBeDefined();
  });
});

describe('the date line’s style', () => {
  const line = (font: string, oblique = false) =>
    lines([{ str: 'Cần Thơ, ngày      tháng      năm', x: 310, y: 735, font, oblique }]);

  it('italic by the font’s name, by the page’s italic fonts, or by a slanted text matrix', () => {
    expect(findPlaceholders(line('ABCDEF+TimesNewRoman-Italic')).dateItalic).toBe(true);
    expect(findPlaceholders(line('ABCDEF+Times-Oblique')).dateItalic).toBe(true);
    expect(findPlaceholders(line('ABCDEF+F3'), new Set(['F3'])).dateItalic).toBe(true);
    expect(findPlaceholders(line('ABCDEF+F3', true)).dateItalic).toBe(true);
  });

  it('upright otherwise, and when only a few characters are italic', () => {
    expect(findPlaceholders(line('ABCDEF+TimesNewRoman')).dateItalic).toBe(false);
    const mixed = lines([
      { str: 'Cần Thơ, ngày      tháng      ', x: 310, y: 735, font: 'Times' },
      { str: 'năm', x: 480, y: 735, font: 'Times-Italic' },
    ])[0]!.chars;
    expect(isItalicRun(mixed, new Set())).toBe(false);
    expect(baseName('ABCDEF+F3')).toBe('F3');
  });
});

describe('the seal’s text', () => {
  const seal: Box = [300, 182, 98, 98];
  const approver: Box = [347, 205, 147, 53];
  const base = {
    organization: 'Ủy ban nhân dân thành phố Cần Thơ',
    time: '2026-03-02T10:00:00+07:00',
    seal,
    approver,
    column: [287, 552] as [number, number],
    taken: [] as Box[],
    maxArea: 50_000,
  };
  const overlaps = (p: Box, q: Box): boolean =>
    p[0] < q[0] + q[2] && q[0] < p[0] + p[2] && p[1] < q[1] + q[3] && q[1] < p[1] + p[3];

  it.each([base.organization, 'UBND Cần Thơ'])(
    '%s: inside the column, off the seal and the approver’s ink',
    (organization) => {
      // The short name would fit right beside the seal, where the approver's ink is.
      const placed = placeSealText(METRICS, { ...base, organization })!;
      expect(placed.blocks.flatMap((b) => b.lines)).toEqual([organization, base.time]);
      for (const { box } of placed.blocks) {
        expect(box[0]).toBeGreaterThanOrEqual(287);
        expect(box[0] + box[2]).toBeLessThanOrEqual(552);
        expect(overlaps(box, seal) || overlaps(box, approver)).toBe(false);
      }
    },
  );

  it('wraps a long name onto two lines, and keeps the whole box clear of the page’s text', () => {
    const organization = 'Sở Tài nguyên và Môi trường thành phố Cần Thơ trực thuộc Ủy ban nhân dân';
    const name = textBoxes(lines([{ str: 'Trần Văn Minh', x: 378, y: 165 }]));
    const placed = placeSealText(METRICS, { ...base, organization, taken: name })!;
    const orgLines = placed.blocks.flatMap((b) => b.lines).filter((l) => l !== base.time);
    expect(orgLines).toHaveLength(2);
    expect(orgLines.join(' ')).toBe(organization);
    for (const { box } of placed.blocks) expect(box[1]).toBeGreaterThan(name[0]![1] + name[0]![3]);
  });

  it('gives up when nothing fits the column', () => {
    expect(placeSealText(METRICS, { ...base, column: [400, 450] })).toBeUndefined();
  });
});

describe('the signature column', () => {
  it('as wide left of its centre as right, within 15 mm of the page edge, and right of "Nơi nhận"', () => {
    const [left, right] = signatureColumn([], 420, 595.28, [150, 320]);
    expect(right).toBeCloseTo(595.28 - COLUMN_RIGHT_MARGIN, 6);
    expect(left).toBeCloseTo(420 - (right - 420), 6);
    const list = lines([{ str: '- Ủy ban nhân dân các quận, huyện, thị xã;', x: 85, y: 260, size: 11 }]);
    const end = list[0]!.x1;
    expect(end).toBeGreaterThan(left);
    expect(signatureColumn(list, 420, 595.28, [150, 320])[0]).toBeCloseTo(end + 6, 6);
    // Text above the signature block's heights does not narrow it.
    expect(signatureColumn(list, 420, 595.28, [150, 240])[0]).toBeCloseTo(left, 6);
  });
});
