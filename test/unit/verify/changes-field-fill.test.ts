import { describe, expect, it } from 'vitest';
import {
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../support/pdf-change-builder.js';

/**
 * changes.ts, a signature field that existed before the revision that changes it: what is named
 * in the finding (its fully qualified name, its page) and which revision's locks bind it.
 */

const PAINT = formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET');

/**
 * ChuKy2 (12), an empty invisible signature field when CaNhan signs (revision 1), in /Fields only:
 * its /P names page 1, whose /Annots do not list it.
 */
const unlisted = signedPdf(
  { 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
  { 9: '[12 0 R 10 0 R]' },
);
/** Revision 2 gives the unlisted ChuKy2 a tooltip, and nothing else: no page shows the change. */
const retitled = appendRevision(unlisted, {
  12: widget({ ft: 'Sig', t: 'ChuKy2', extra: '/TU (Ky)' }),
});
const TOOLTIP = 'revision 2: object 12 (/Annot): signature field "ChuKy2" /TU changed';

describe('the page of a changed empty signature field', () => {
  it('is named from its /P when the change is in the last revision', () => {
    expect(changesOf(retitled)).toMatchObject({ level: 'OTHER', pages: [1], findings: [TOOLTIP] });
  });

  it('is not named for an earlier revision (the page tree may differ there)', () => {
    const report = changesOf(appendRevision(retitled, { 30: '<< /Unused true >>' }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [], findings: [TOOLTIP] });
  });

  it('is not named when its /P is no page of the document', () => {
    const elsewhere = appendRevision(unlisted, {
      12: widget({ ft: 'Sig', t: 'ChuKy2', page: '2 0 R', extra: '/TU (Ky)' }),
    });
    expect(changesOf(elsewhere).pages).toEqual([]);
  });
});

describe('FieldMDP locks', () => {
  /** CaNhan locks `params`; ChuKy2 (12) is empty at signing, and signed in revision 2. */
  const lockedThenSigned = (params: string, nameOf12 = 'ChuKy2') => {
    const reference = `/Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams ${params} /V /1.2 >> >>]`;
    const signed = signedPdf(
      { 7: '[12 0 R]', 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: nameOf12 }) },
      { 7: '[12 0 R 10 0 R]', 9: '[12 0 R 10 0 R]', 11: sigDict(reference) },
    );
    return changesOf(
      appendRevision(signed, {
        12: widget({ ft: 'Sig', t: nameOf12, v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: PAINT,
      }),
    );
  };

  it('a lock including other fields only leaves this one free', () => {
    expect(lockedThenSigned('/Action /Include /Fields [(GhiChu) (SoVanBan)]').level).toBe(
      'SIGNATURES_AND_FORMS',
    );
  });

  it('a lock covers an empty field that shares its name with the signed field holding it', () => {
    const report = lockedThenSigned('/Action /All', 'CaNhan');
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain(
      'revision 2: object 12 (/Annot): field "CaNhan" is locked by the signature of "CaNhan" (FieldMDP)',
    );
  });
});
