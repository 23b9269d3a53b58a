import { describe, expect, it } from 'vitest';
import {
  type Objects,
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * annotation-changes.ts, the rules page-annotations.test.ts leaves open, one per test.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const TIMESTAMP = '/Type /DocTimeStamp /SubFilter /ETSI.RFC3161';
const PAINT = formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET');

describe('an existing widget whose field is signed in this revision, on a certified document', () => {
  // Widget 12 is on the page when the document is certified; its field (/Parent 30) does not exist yet.
  const WIDGET = widget({ ft: 'Sig', rect: '[100 100 200 120]', ap: '22 0 R', parent: '30 0 R' });
  const certified = (p: number) =>
    signedPdf(
      {},
      {
        1: `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> >>`,
        7: '[12 0 R 10 0 R]',
        9: '[12 0 R 10 0 R]',
        11: sigDict(
          `/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P ${p} /V /1.2 >> >>]`,
        ),
        12: WIDGET,
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      },
    );
  /**
   * Revision 2 adds field 30, signed with a document timestamp, whose kid is widget 12 (written
   * again unchanged): the widget itself is the only thing on the page that draws differently.
   */
  const timestamped = (p: number) =>
    changesOf(
      appendRevision(certified(p), {
        9: '[12 0 R 10 0 R 30 0 R]',
        12: WIDGET,
        21: sigDict(TIMESTAMP),
        30: '<< /FT /Sig /T (ChuKy2) /V 21 0 R /Kids [12 0 R] >>',
      }),
    );

  it('changes what P=1 signed, even when a document timestamp fills it', () => {
    expect(timestamped(1)).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: the document is certified with P=1 (no changes allowed)'],
    });
    // P=2 allows signing: the same revision is a signature.
    expect(timestamped(2)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});

describe('annotations that a signed page pointed at before they existed', () => {
  // Revision 1 signs a page whose /Annots (30) does not exist yet: the page showed no annotation.
  const dangling = signedPdf(
    { 3: '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R /Annots 30 0 R >>' },
    { 7: '[]' },
  );
  /** Revision 2 writes the list 30 as `[20 0 R]` with annotation 20 = `annot`. */
  const defined = (annot: string, objects: Objects = {}) =>
    changesOf(appendRevision(dangling, { 30: '[20 0 R]', 20: annot, 22: PAINT, ...objects }));

  it('an annotation that is not a dictionary is OTHER', () => {
    expect(defined('[1 2]')).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: an annotation that is not a dictionary was added'],
    });
  });

  it('a form field is OTHER', () => {
    expect(defined(widget({ ft: 'Tx', t: 'Ten', rect: '[10 10 50 30]', ap: '22 0 R' }))).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: form field "Ten" (Tx) added'],
    });
  });

  it('a stamp field without a seal signature is OTHER', () => {
    const stamp = widget({ ft: 'Tx', t: 'SoVanBan', rect: '[10 10 50 30]', ap: '22 0 R', extra: '/Ff 1' });
    expect(defined(stamp)).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: stamp field "SoVanBan" added without a seal signature'],
    });
  });

  it('an annotation whose appearance did not exist when signed draws differently: OTHER', () => {
    // Annotation 20 was listed, but its appearance (22) did not exist; revision 2 writes 22 and
    // writes 20 again unchanged.
    const square = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /F 4 /AP << /N 22 0 R >> >>';
    const listed = signedPdf({}, { 7: '[10 0 R 20 0 R]', 20: square });
    expect(changesOf(appendRevision(listed, { 20: square, 22: PAINT }))).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: the appearance of the /Square annotation changed after signing'],
    });
    // One without /Subtype is named "?".
    const untyped = square.replace('/Subtype /Square ', '');
    const listedUntyped = signedPdf({}, { 7: '[10 0 R 20 0 R]', 20: untyped });
    expect(changesOf(appendRevision(listedUntyped, { 20: untyped, 22: PAINT })).findings).toEqual([
      'revision 2: page 1: the appearance of the /? annotation changed after signing',
    ]);
  });
});

describe('an existing widget that is no signature field', () => {
  it('may not gain an appearance when a signature is made over its parent field', () => {
    // Widget 12 (a text widget, /FT /Tx) points at a parent field (30) that does not exist yet;
    // revision 2 makes 30 a signed signature field with 12 as its kid, and writes 12 again unchanged.
    const text = widget({ ft: 'Tx', rect: '[100 100 200 120]', ap: '22 0 R', parent: '30 0 R' });
    const signed = signedPdf({}, { 7: '[12 0 R 10 0 R]', 9: '[12 0 R 10 0 R]', 12: text, 22: PAINT });
    const report = changesOf(
      appendRevision(signed, {
        9: '[12 0 R 10 0 R 30 0 R]',
        12: text,
        21: sigDict(),
        30: '<< /FT /Sig /T (ChuKy2) /V 21 0 R /Kids [12 0 R] >>',
      }),
    );
    expect(report).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page 1: the appearance of the widget of "ChuKy2" changed after signing'],
    });
  });
});

describe('an annotation written directly in /Annots', () => {
  it('whose appearance stream changed is no longer the one the page had', () => {
    const direct = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /F 4 /AP << /N 22 0 R >> >>';
    const signed = signedPdf({}, { 7: `[10 0 R ${direct}]`, 22: PAINT });
    // The list is written again unchanged, so the page's annotations are compared.
    const sua = formStream('BT /F1 12 Tf 2 5 Td (Sua) Tj ET');
    const report = changesOf(appendRevision(signed, { 7: `[10 0 R ${direct}]`, 22: sua }));
    expect(report.findings).toEqual([
      'revision 2: object 22 (/XObject stream) changed',
      'revision 2: page 1: /Square annotation added',
    ]);
  });
});

describe("a new signature's /Rect", () => {
  const signs = (rect: string) =>
    changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect, ap: '22 0 R' }),
        21: sigDict(),
        22: PAINT,
      }),
    );
  const TOO_LARGE = 'revision 2: page 1: the appearance of signature "KyMoi" covers 100% of the page';

  it('that is not four numbers is measured as a viewer that reads it anyway draws it', () => {
    // MuPDF draws the first four entries of a longer /Rect.
    expect(signs('[0 0 600 800 1]').findings).toContain(TOO_LARGE);
    // Poppler and MuPDF read an entry that is no number as 0, MuPDF a missing one too.
    expect(signs('[0 (x) 600 800]').findings).toContain(TOO_LARGE);
    expect(signs('[600 800]').findings).toContain(TOO_LARGE);
    // What no viewer can read as a rectangle draws nothing.
    expect(signs('(0 0 600 800)')).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('of a signature block is allowed', () => {
    expect(signs('[100 100 300 160]')).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});
