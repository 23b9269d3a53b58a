import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { stampShapeProblem } from '../../../daemon/src/verify/stamp-shape.js';
import { basePdf, formStream, widget } from '../../support/pdf-change-builder.js';

/**
 * stamp-shape.ts, the fonts of a stamp's appearance: Type0, TrueType and Type1 only. A Type3 glyph
 * is a content stream of its own and could paint anything, a white box included.
 */

/** The problem found with a one-line stamp whose appearance's font /F1 is object 22 = `font`. */
function problem(font: string, fontEntry = '22 0 R'): string | undefined {
  const r = PdfReader.fromBuffer(
    basePdf({
      20: widget({ ft: 'Tx', t: 'SoVanBan', rect: '[100 700 300 720]', ap: '21 0 R' }),
      21: formStream(
        'BT /F1 12 Tf 1 3 Td (123/QD-UBND) Tj ET',
        '[0 0 200 20]',
        `<< /Font << /F1 ${fontEntry} >> >>`,
      ),
      22: font,
    }),
  );
  const d = r.resolveAt(new PdfRef(20, 0), 0);
  if (!(d instanceof PdfDict)) throw new Error('no widget');
  return stampShapeProblem(r, d, 0, 0, [0, 0, 600, 800]);
}

describe('stampShapeProblem: fonts of the appearance', () => {
  it('accepts a Type0, a TrueType and a Type1 font', () => {
    for (const subtype of ['Type0', 'TrueType', 'Type1'])
      expect(problem(`<< /Type /Font /Subtype /${subtype} /BaseFont /Arial >>`), subtype).toBeUndefined();
  });

  it('refuses a Type3 font, naming it', () => {
    expect(problem('<< /Type /Font /Subtype /Type3 >>')).toBe('its appearance uses the /Type3 font /F1');
  });

  it('refuses a font without a subtype, or that is not a dictionary', () => {
    expect(problem('<< /Type /Font >>')).toBe('its appearance uses the /? font /F1');
    expect(problem('<< >>', '7')).toBe('its appearance uses the /? font /F1');
  });
});
