import { describe, expect, it } from 'vitest';
import { PdfRef } from '../../../../daemon/src/pdf/reader/index.js';
import { WritableDict } from '../../../../daemon/src/pdf/writer/serialize.js';
import { objectStreamBody } from '../../../support/pdf-attacks.js';
import {
  appendRevision,
  basePdf,
  changesOf,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';
import { appendUpdate } from '../../../support/pdf-update-writer.js';

/**
 * changes.ts: /Fields and /Annots keep every old entry in order and append only what a rule
 * allows; an existing object attached as an annotation, stamp fields without a seal, and the
 * members of an object stream rewritten in place.
 */

const SQUARE = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /P 3 0 R >>';

describe('old entries kept', () => {
  it('removing the last field from /Fields is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 9: '[]' }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 9 (array): existing fields removed or reordered');
  });

  it('removing the last annotation from /Annots is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 7: '[]' }));
    expect(report.findings).toContain(
      'revision 2: object 7 (array): existing annotations removed or reordered',
    );
  });

  it("removing the last annotation from a page's own /Annots is OTHER", () => {
    const page = (annots: string) =>
      `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R /Annots ${annots} >>`;
    const signed = signedPdf({}, { 3: page('[10 0 R]') });
    const report = changesOf(appendRevision(signed, { 3: page('[]') }));
    expect(report.findings).toContain(
      'revision 2: object 3 (/Page): existing annotations removed or reordered',
    );
    const rotated = changesOf(
      appendRevision(signed, { 3: `${page('[10 0 R]').slice(0, -2)} /Rotate 90 >>` }),
    );
    expect(rotated.findings).toContain('revision 2: object 3 (/Page): page /Rotate changed');
  });

  it('reordering is OTHER; appending an invisible empty signature field is not', () => {
    const two = signedPdf({ 9: '[12 0 R]', 12: widget({ ft: 'Tx', t: 'Ghi' }) }, { 9: '[12 0 R 10 0 R]' });
    expect(changesOf(appendRevision(two, { 9: '[10 0 R 12 0 R]' })).level).toBe('OTHER');
    const appended = appendRevision(two, {
      7: '[10 0 R 20 0 R]',
      9: '[12 0 R 10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'ChuKy2' }),
    });
    expect(changesOf(appended)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('an added field that is no widget is a form field, not an annotation', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 9: '[10 0 R 20 0 R]', 20: '<< /FT /Tx /T (Ghi) >>' }),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 9 (array): form field object 20 (Tx) added');
  });

  it('an existing field listed again in /Fields is an added form field', () => {
    const signed = signedPdf({ 12: '<< /T (Ghi) >>' });
    const report = changesOf(appendRevision(signed, { 9: '[10 0 R 12 0 R]' }));
    expect(report.findings).toContain('revision 2: object 9 (array): form field object 12 (no /FT) added');
  });

  it('an added entry that is not a dictionary is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 9: '[10 0 R 5]' }));
    expect(report.level).toBe('OTHER');
    expect(changesOf(appendRevision(signedPdf(), { 9: '[10 0 R null]' })).level).toBe('OTHER');
    expect(report.findings).toContain(
      'revision 2: object 9 (array): added field direct object is not a dictionary',
    );
  });

  it('an added text field is OTHER', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 9: '[10 0 R 20 0 R]', 20: widget({ ft: 'Tx', t: 'Ghi' }) }),
    );
    expect(report.findings).toContain('revision 2: object 9 (array): form field object 20 (Tx) added');
  });
});

describe('annotations appended', () => {
  it('an object that existed at signing, attached as an annotation, is OTHER', () => {
    const signed = signedPdf({ 12: SQUARE });
    const report = changesOf(appendRevision(signed, { 7: '[10 0 R 12 0 R]' }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain(
      'revision 2: object 7 (array): an existing object 12 was attached as an annotation',
    );
  });

  it('an empty invisible signature field that existed at signing may be attached to /Annots', () => {
    const signed = signedPdf(
      { 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
      { 9: '[12 0 R 10 0 R]' },
    );
    const report = changesOf(appendRevision(signed, { 7: '[10 0 R 12 0 R]' }));
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('a text field widget added to a page list is a form field, and a comment without /Subtype is named so', () => {
    const field = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Tx', t: 'Ghi' }),
      }),
    );
    expect(field.findings).toContain('revision 2: object 7 (array): form field object 20 (Tx) added');
    const untyped = changesOf(
      appendRevision(signedPdf(), { 7: '[10 0 R 20 0 R]', 20: '<< /Type /Annot /Rect [10 10 50 50] >>' }),
    );
    expect(untyped.findings).toContain('revision 2: object 7 (array): /? annotation object 20 added');
  });

  it('a new comment is ANNOTATIONS, on its page', () => {
    const report = changesOf(appendRevision(signedPdf(), { 7: '[10 0 R 20 0 R]', 20: SQUARE }));
    expect(report).toMatchObject({ level: 'ANNOTATIONS', pages: [1] });
  });
});

describe('stamp fields in /Fields', () => {
  // Listed in /Fields only: no page shows it, so only the field list can refuse it.
  const stamp = (t: string, ff = 1) => `<< /FT /Tx /T (${t}) /Ff ${ff} >>`;

  it('a stamp field without a seal signature in the same revision is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 9: '[10 0 R 20 0 R]', 20: stamp('SoVanBan') }));
    expect(report.findings).toContain('revision 2: object 9 (array): form field object 20 (Tx) added');
  });

  it('with a seal made in the same revision it is allowed', () => {
    const sealed = appendRevision(signedPdf(), {
      7: '[10 0 R 21 0 R]',
      9: '[10 0 R 20 0 R 21 0 R]',
      20: stamp('SoVanBan'),
      21: widget({ ft: 'Sig', t: 'CoQuan', v: '22 0 R' }),
      22: sigDict(),
    });
    expect(changesOf(sealed)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});

describe('members of an object stream rewritten in place', () => {
  // Revision 1 moves the /AcroForm (6) into object stream 30; revision 2 writes stream 30 again
  // under the same number, listing no entry for its members.
  const packed = appendUpdate(basePdf(), () => ({
    objects: [],
    packed: { stream: 30, objects: [{ num: 6, value: WritableDict.of({ Fields: new PdfRef(9, 0) }) }] },
  }));
  const rewrite = (acro: WritableDict) =>
    appendUpdate(packed, () => {
      const { dict, data } = objectStreamBody([{ num: 6, value: acro }]);
      return { objects: [{ num: 30, value: dict, data }] };
    });

  it('a member that changed is checked as a changed object', () => {
    const report = changesOf(rewrite(WritableDict.of({ Fields: new PdfRef(9, 0), XFA: new PdfRef(3, 0) })));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 6 (object): AcroForm /XFA changed');
  });

  it('a member written again unchanged is no change', () => {
    expect(changesOf(rewrite(WritableDict.of({ Fields: new PdfRef(9, 0) }))).level).toBe('NONE');
  });
});
