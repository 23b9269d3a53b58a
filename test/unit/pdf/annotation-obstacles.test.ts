import { describe, expect, it } from 'vitest';
import { annotationBoxes } from '../../../daemon/src/pdf/layout/annotation-obstacles.js';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';

/** A one-page PDF whose page carries `annots` (dictionaries, written as given) and /Rotate `rotate`. */
function pageWithAnnots(annots: string[], rotate = 0): PdfReader {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate ${rotate} /Annots [${annots
      .map((_, i) => `${i + 5} 0 R`)
      .join(' ')} null] >>`,
    '<< /BBox [0 0 10 10] /Subtype /Form /Length 0 >>\nstream\n\nendstream',
    ...annots,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n\r\n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return PdfReader.fromBuffer(Buffer.from(body, 'latin1'));
}

const widget = (rect: string, extra = '') =>
  `<< /Type /Annot /Subtype /Widget /Rect [${rect}] /AP << /N 4 0 R >> ${extra}>>`;

function boxesOf(annots: string[], rotate = 0): number[][] {
  const reader = pageWithAnnots(annots, rotate);
  try {
    return annotationBoxes(reader, reader.page(0));
  } finally {
    reader.close();
  }
}

describe('the page annotations a stamp keeps clear of', () => {
  it('a widget with an appearance is an obstacle, its /Rect normalised', () => {
    expect(boxesOf([widget('539 825 420 802')])).toEqual([[420, 802, 119, 23]]);
  });

  it('a Hidden or NoView annotation is not', () => {
    expect(
      boxesOf([
        widget('10 10 50 50', '/F 2'),
        widget('60 10 90 50', '/F 32'),
        widget('100 10 120 50', '/F 4'),
      ]),
    ).toEqual([[100, 10, 20, 40]]);
  });

  it('a zero-area annotation is not', () => {
    expect(boxesOf([widget('0 0 0 0'), widget('10 10 10 50'), widget('10 10 50 50')])).toEqual([
      [10, 10, 40, 40],
    ]);
  });

  it('a widget without an appearance draws nothing; a note or stamp annotation is drawn anyway', () => {
    expect(
      boxesOf([
        '<< /Subtype /Widget /Rect [10 10 50 50] >>',
        '<< /Subtype /Stamp /Rect [100 100 160 130] >>',
        '<< /Subtype /Popup /Rect [200 200 300 300] >>',
      ]),
    ).toEqual([[100, 100, 60, 30]]);
  });

  it('on a rotated page a NoRotate annotation turns about its upper-left corner; the others stay in user space', () => {
    const annots = [widget('100 700 200 720', '/F 16'), widget('300 300 340 310')];
    expect(boxesOf(annots, 90)).toEqual([
      [100, 720, 20, 100],
      [300, 300, 40, 10],
    ]);
    expect(boxesOf(annots, 180)[0]).toEqual([0, 720, 100, 20]);
    expect(boxesOf(annots, 270)[0]).toEqual([80, 620, 20, 100]);
    expect(boxesOf(annots, 0)[0]).toEqual([100, 700, 100, 20]);
  });
});
