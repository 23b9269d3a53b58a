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
 * changes.ts against mdp.ts: a certification (DocMDP P) in force when the signature was made
 * bounds every later revision; a FieldMDP lock refuses the signing of a locked empty field.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const SQUARE = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /P 3 0 R >>';

/** Revision 1 certifies the document with `p` (signature 11 of field CaNhan, /Perms /DocMDP). */
function certified(p: string) {
  const reference = `/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams ${p} /V /1.2 >> >>]`;
  return signedPdf({}, { 1: `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> >>`, 11: sigDict(reference) });
}

/** Revision 2: a new invisible signature (field ChuKy2, value 21), or a document timestamp. */
const signature = (input: Buffer, extra = '') =>
  appendRevision(input, {
    7: '[10 0 R 20 0 R]',
    9: '[10 0 R 20 0 R]',
    20: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R' }),
    21: sigDict(extra),
  });
const comment = (input: Buffer) => appendRevision(input, { 7: '[10 0 R 20 0 R]', 20: SQUARE });
const validationData = (input: Buffer) =>
  appendRevision(input, {
    1: `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> /DSS 20 0 R /Extensions << /ADBE << /BaseVersion /1.7 /ExtensionLevel 5 >> >> >>`,
    20: '<< /Certs [] /OCSPs [] >>',
  });

describe('DocMDP P=1: only validation data and document timestamps', () => {
  const p1 = certified('/P 1');

  it('a new signature is OTHER', () => {
    const report = changesOf(signature(p1));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain(
      'revision 2: object 9 (array): the document is certified with P=1 (no changes allowed)',
    );
  });

  it('DSS, /Extensions and a document timestamp are allowed', () => {
    expect(changesOf(validationData(p1))).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
    const timestamp = signature(p1, '/Type /DocTimeStamp /SubFilter /ETSI.RFC3161');
    expect(changesOf(timestamp)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('a document timestamp may set /SigFlags in the form and the catalog', () => {
    const p1 = certified('/P 1');
    const timestamp = appendRevision(p1, {
      1: `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> /Version /2.0 >>`,
      6: '<< /Fields 9 0 R /SigFlags 3 >>',
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R' }),
      21: sigDict('/Type /DocTimeStamp /SubFilter /ETSI.RFC3161'),
    });
    expect(changesOf(timestamp)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('signing an empty field that was there before is OTHER too (only a document timestamp passes)', () => {
    const reference =
      '/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>]';
    const withEmptyField = signedPdf(
      { 7: '[12 0 R]', 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
      {
        1: `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> >>`,
        7: '[12 0 R 10 0 R]',
        9: '[12 0 R 10 0 R]',
        11: sigDict(reference),
      },
    );
    const report = changesOf(
      appendRevision(withEmptyField, {
        12: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      }),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings.some((f) => f.includes('certified with P=1'))).toBe(true);
  });

  it('a disallowed change is reported as it is, not as a P=1 refusal', () => {
    const report = changesOf(
      appendRevision(certified('/P 1'), { 4: '<< /Length 0 >>\nstream\n\nendstream' }),
    );
    expect(report.findings).toEqual([
      'revision 2: object 4 (stream) changed',
      'revision 2: page 1 /Contents changed',
    ]);
  });

  it('an invalid P is read as 1', () => {
    expect(changesOf(signature(certified('/P 7'))).level).toBe('OTHER');
    expect(changesOf(signature(certified('/P (2)'))).level).toBe('OTHER');
  });
});

describe('DocMDP P=2: no annotations', () => {
  it('a comment is OTHER, not ANNOTATIONS, so no policy can allow it', () => {
    const report = changesOf(comment(certified('/P 2')));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: /Square annotation added, on a document certified with P=2 (no annotations allowed)',
    );
    expect(report.findings).toContain(
      'revision 2: object 7 (array): /Square annotation object 20 added, on a document certified with P=2 (no annotations allowed)',
    );
  });

  it('a new signature is allowed, and so is an absent P (the default is 2)', () => {
    expect(changesOf(signature(certified('/P 2'))).level).toBe('SIGNATURES_AND_FORMS');
    expect(changesOf(signature(certified(''))).level).toBe('SIGNATURES_AND_FORMS');
    expect(changesOf(comment(certified(''))).level).toBe('OTHER');
  });
});

describe('DocMDP P=3: annotations left to the policy', () => {
  it('a comment is ANNOTATIONS and a signature allowed', () => {
    expect(changesOf(comment(certified('/P 3')))).toMatchObject({ level: 'ANNOTATIONS', pages: [1] });
    expect(changesOf(signature(certified('/P 3'))).level).toBe('SIGNATURES_AND_FORMS');
  });

  it('without certification a comment is ANNOTATIONS too', () => {
    expect(changesOf(comment(signedPdf())).level).toBe('ANNOTATIONS');
  });
});

describe('FieldMDP locks', () => {
  /** ChuKy2 (12) is an empty field at signing; CaNhan's signature carries the lock `params`. */
  function locked(params: string) {
    const reference = `/Reference [<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams ${params} /V /1.2 >> >>]`;
    return signedPdf(
      { 7: '[12 0 R]', 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
      { 7: '[12 0 R 10 0 R]', 9: '[12 0 R 10 0 R]', 11: sigDict(reference) },
    );
  }
  const signEmpty = (input: Buffer) =>
    changesOf(
      appendRevision(input, {
        12: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      }),
    );

  it.each([
    ['All', '/Action /All'],
    ['Include naming it', '/Action /Include /Fields [(ChuKy2)]'],
    ['Exclude not naming it', '/Action /Exclude /Fields [(GhiChu)]'],
    ['an unknown action', '/Action /Some'],
  ])('%s: signing the locked empty field is OTHER on its page', (_, params) => {
    const report = signEmpty(locked(params));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: object 12 (/Annot): field "ChuKy2" is locked by the signature of "CaNhan" (FieldMDP)',
    );
  });

  it.each([
    ['Include not naming it', '/Action /Include /Fields [(GhiChu)]'],
    ['Exclude naming it', '/Action /Exclude /Fields [(ChuKy2)]'],
  ])('%s: signing it is allowed', (_, params) => {
    expect(signEmpty(locked(params))).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('a field inside a hierarchy is locked by its fully qualified name', () => {
    const reference =
      '/Reference [<< /TransformMethod /FieldMDP /TransformParams << /Action /Include /Fields [(Ky.LanhDao)] >> >>]';
    const nested = signedPdf(
      {
        7: '[12 0 R]',
        9: '[13 0 R]',
        13: '<< /FT /Sig /T (Ky) /Kids [12 0 R] >>',
        12: widget({ t: 'LanhDao', parent: '13 0 R' }),
      },
      { 7: '[12 0 R 10 0 R]', 9: '[13 0 R 10 0 R]', 11: sigDict(reference) },
    );
    const report = changesOf(
      appendRevision(nested, {
        12: widget({ t: 'LanhDao', parent: '13 0 R', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      }),
    );
    expect(report.findings).toContain(
      'revision 2: object 12 (/Annot): field "Ky.LanhDao" is locked by the signature of "CaNhan" (FieldMDP)',
    );
  });
});
