import { describe, expect, it } from 'vitest';
import {
  BR_SHORT,
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * The annotations of a page after signing (annotation-changes.ts), one rule per test: what was
 * there must draw the same, and what is added is classified by what it is.
 */

const TEXT = '<< /Type /Annot /Subtype /Text /Rect [10 10 30 30] /Contents (Ghi chu) >>';
const PAINT = formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET');

/** Revision 2 lists `annots` after the signature's widget on page 1 and writes `objects`. */
function rev2(annots: string, objects: Record<number, string | null> = {}, base = signedPdf()) {
  return changesOf(appendRevision(base, { 7: `[10 0 R ${annots}]`, ...objects }));
}

/** Revision 2 adds the signed field "KyMoi" (20) shown on page 1 at `rect`. */
function signs(rect: string, base = signedPdf()) {
  return rev2(
    '20 0 R',
    {
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect, ap: '22 0 R' }),
      21: sigDict(),
      22: PAINT,
    },
    base,
  );
}

describe('an annotation already on the page', () => {
  it('written directly in /Annots is the same annotation when it draws the same', () => {
    const base = signedPdf({}, { 7: `[10 0 R ${TEXT}]` });
    const square = TEXT.replace('/Text', '/Square');
    const kept = rev2(`${TEXT} ${square}`, {}, base);
    expect(kept.level).toBe('ANNOTATIONS');
    expect(kept.findings).toContain('revision 2: page 1: /Square annotation added');
    expect(kept.findings).not.toContain('revision 2: page 1: /Text annotation added');
    expect(rev2(TEXT.replace('Ghi chu', 'Da sua'), {}, base).findings).toContain(
      'revision 2: page 1: /Text annotation added',
    );
  });

  it('is OTHER when it draws differently after signing, and is no signature being filled', () => {
    const base = signedPdf({}, { 7: '[10 0 R 20 0 R]', 20: TEXT });
    expect(rev2('20 0 R', { 20: TEXT.replace('Ghi chu', 'Da sua') }, base)).toMatchObject({
      level: 'OTHER',
      findings: expect.arrayContaining([
        'revision 2: page 1: the appearance of the /Text annotation changed after signing',
      ]),
    });
    expect(rev2('20 0 R', { 20: '[1 2]' }, signedPdf({}, { 7: '[10 0 R 20 0 R]', 20: '[1]' }))).toMatchObject(
      {
        level: 'OTHER',
        findings: expect.arrayContaining([
          'revision 2: page 1: the appearance of object 20 changed after signing',
        ]),
      },
    );
  });
});

describe('an annotation added after signing', () => {
  it('is OTHER when it is not a dictionary', () => {
    expect(rev2('20 0 R', { 20: '[1 2]' })).toMatchObject({
      level: 'OTHER',
      findings: expect.arrayContaining([
        'revision 2: page 1: an annotation that is not a dictionary was added',
      ]),
    });
  });

  it('without /Subtype is named "?"', () => {
    expect(rev2('20 0 R', { 20: '<< /Type /Annot /Rect [0 0 1 1] >>' })).toMatchObject({
      level: 'ANNOTATIONS',
      findings: expect.arrayContaining(['revision 2: page 1: /? annotation added']),
    });
  });

  it('is OTHER when it is a form field, even one without /FT', () => {
    const field = widget({ t: 'Ten', rect: '[10 10 50 30]', ap: '22 0 R' });
    expect(rev2('20 0 R', { 9: '[10 0 R 20 0 R]', 20: field, 22: PAINT })).toMatchObject({
      level: 'OTHER',
      findings: expect.arrayContaining(['revision 2: page 1: form field "Ten" (no /FT) added']),
    });
  });

  it('that shows a signature kept in an object number freed before is not "the existing signature"', () => {
    const freed = appendRevision(signedPdf({}, { 21: '<< /Nothing true >>' }), { 21: null });
    const report = rev2(
      '20 0 R',
      {
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect: '[0 0 50 20]', ap: '22 0 R' }),
        21: sigDict('', BR_SHORT),
        22: PAINT,
      },
      freed,
    );
    expect(report.findings).toContain(
      "revision 3: page 1: a new widget shows a signature that is not a field of this revision's signature",
    );
  });
});

describe("a new signature's share of the page", () => {
  it('is measured against a media box that does not start at 0 0', () => {
    const shifted = signedPdf({ 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [100 100 700 900] >>' });
    // A tenth of 600 × 800 pt is 48 000 pt².
    expect(signs('[100 100 340 300]', shifted).level).toBe('SIGNATURES_AND_FORMS');
    expect(signs('[100 100 340 301]', shifted).level).toBe('OTHER');
  });

  it('is not measured on a page without a media box', () => {
    const boxless = signedPdf({ 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' });
    expect(signs('[0 0 600 800]', boxless)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});
