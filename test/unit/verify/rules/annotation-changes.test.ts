import { describe, expect, it } from 'vitest';
import {
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
