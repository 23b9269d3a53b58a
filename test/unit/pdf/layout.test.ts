import { describe, expect, it } from 'vitest';
import { decodePng, dominantInk } from '../../../daemon/src/pdf/images/png.js';
import {
  findPlaceholders,
  formatDateParts,
  formatNumber,
} from '../../../daemon/src/pdf/layout/placeholders.js';
import { findSignatureBlock, fitInto } from '../../../daemon/src/pdf/layout/signature-block.js';
import { isoVietnam, pdfDate } from '../../../daemon/src/pdf/sign/time.js';
import { type TextLine, groupLines } from '../../../daemon/src/pdf/text/extract.js';
import { makeInkPng } from '../../support/pdf-inputs-signer.js';

function lines(items: [string, number, number, number?][]): TextLine[] {
  return groupLines(
    items.map(([str, x, y, size = 13]) => ({ str, x, y, width: str.length * size * 0.5, size })),
  );
}

describe('signature block detection', () => {
  it('takes the gap between the last title line and the name, centred on the column', () => {
    const page = lines([
      ['Nơi nhận:', 85, 300],
      ['TM. ỦY BAN NHÂN DÂN', 345, 300],
      ['CHỦ TỊCH', 390, 285],
      ['Trần Văn Minh', 376, 170],
    ]);
    const b = findSignatureBlock(page)!;
    expect(b).toBeDefined();
    expect(b.titleText).toContain('CHỦ TỊCH');
    expect(b.nameText).toBe('Trần Văn Minh');
    const [, y, , h] = b.gap;
    expect(y).toBeGreaterThan(170);
    expect(y + h).toBeLessThan(285);
  });

  it('returns nothing without an anchor', () => {
    expect(findSignatureBlock(lines([['Nội dung', 85, 500]]))).toBeUndefined();
  });

  it('fits an image keeping its aspect ratio, centred', () => {
    expect(fitInto([0, 0, 200, 100], 100, 100)).toEqual([50, 0, 100, 100]);
  });
});

describe('number and date blanks', () => {
  it('finds the number against a printed notation and the date gaps', () => {
    const page = lines([
      ['Số:', 115, 735],
      ['/QĐ-UBND', 165, 735],
      ['Cần Thơ, ngày', 310, 735],
      [' ', 390, 735],
      ['tháng', 410, 735],
      ['năm', 455, 735],
    ]);
    const p = findPlaceholders(page);
    expect(p.number?.align).toBe('right');
    expect(p.number?.notationPrinted).toBe('/QĐ-UBND');
    expect(p.number?.x).toBeCloseTo(165, 0);
    expect(p.day?.x).toBeGreaterThan(390);
    expect(p.day?.x).toBeLessThan(410);
    expect(p.month?.x).toBeGreaterThan(410);
    expect(p.year?.x).toBeGreaterThan(455);
  });

  it('formats numbers and dates as NĐ30 PL I renders them', () => {
    expect(formatNumber('5/BNV-VP').full).toBe('05/BNV-VP');
    expect(formatNumber('1637/QĐ-UBND')).toEqual({
      full: '1637/QĐ-UBND',
      numeral: '1637',
      notation: '/QĐ-UBND',
    });
    expect(formatDateParts('2020-01-05')).toEqual({ day: '05', month: '01', year: '2020' });
    expect(formatDateParts('2020-06-15')).toEqual({ day: '15', month: '6', year: '2020' });
  });

  it('renders signing times in +07:00 to the second', () => {
    const d = new Date('2019-07-08T07:05:09.900Z');
    expect(isoVietnam(d)).toBe('2019-07-08T14:05:09+07:00');
    expect(pdfDate(d)).toBe("D:20190708140509+07'00'");
  });
});

describe('PNG', () => {
  it('decodes RGBA with alpha and tells blue from red ink', () => {
    const sig = decodePng(makeInkPng('signature', 60));
    expect(sig.alpha).toBeDefined();
    expect(dominantInk(sig)).toBe('blue');
    expect(dominantInk(decodePng(makeInkPng('seal', 60)))).toBe('red');
  });

  it('rejects what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a not a png at all, really not'))).toThrow(/PNG/);
  });
});
