import { describe, expect, it } from 'vitest';
import { PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { WritableDict } from '../../../daemon/src/pdf/writer/serialize.js';
import { objectStreamBody } from '../../support/pdf-attacks.js';
import {
  appendRevision,
  basePdf,
  changesOf,
  formStream,
  signedPdf,
  widget,
} from '../../support/pdf-change-builder.js';
import { appendUpdate } from '../../support/pdf-update-writer.js';

/**
 * changes.ts, each finding about the catalog, the form, a page or a signature field raises the
 * level it names (OTHER), lists every key at fault, and is made once, by the object that changed.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const SQUARE = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /P 3 0 R >>';
const TEXT_FIELD = '<< /FT /Tx /T (Ghi) >>';
const page = (extra: string) => `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R ${extra}>>`;

describe('the catalog', () => {
  it('names every key that changed', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 1: `<< ${CATALOG} /OpenAction [3 0 R /Fit] /PageMode /FullScreen >>` }),
    );
    expect(report.findings).toEqual([
      'revision 2: object 1 (/Catalog): catalog /OpenAction /PageMode changed',
    ]);
  });

  it('losing its direct form is OTHER', () => {
    const direct = signedPdf({ 1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 9 0 R >> >>' });
    const report = changesOf(appendRevision(direct, { 1: '<< /Type /Catalog /Pages 2 0 R >>' }));
    expect(report).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: object 1 (/Catalog): catalog /AcroForm removed'],
    });
  });

  it('pointing at a new form object holds that form to the rules', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        1: '<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R >>',
        20: '<< /Fields 9 0 R /XFA 3 0 R >>',
      }),
    );
    expect(report.findings).toEqual(['revision 2: object 1 (/Catalog): AcroForm /XFA changed']);
  });
});

describe('the form', () => {
  const withForm = (form: string) => signedPdf({ 6: `<< /Fields 9 0 R ${form} >>` });
  const edit = (form: string, to: string, more: Record<number, string> = {}) =>
    changesOf(appendRevision(withForm(form), { 6: `<< /Fields 9 0 R ${to} >>`, ...more }));

  it('names every key that changed', () => {
    expect(edit('', '/XFA 3 0 R /CO [10 0 R]').findings).toEqual([
      'revision 2: object 6 (object): AcroForm /XFA /CO changed',
    ]);
  });

  it('/NeedAppearances set after signing raises OTHER', () => {
    expect(edit('', '/NeedAppearances true').level).toBe('OTHER');
  });

  it('an indirect /NeedAppearances that stays true is allowed', () => {
    const report = edit('/NeedAppearances 20 0 R', '/NeedAppearances 20 0 R /SigFlags 3', {}),
      flagged = changesOf(
        appendRevision(signedPdf({ 6: '<< /Fields 9 0 R /NeedAppearances 20 0 R >>', 20: 'true' }), {
          6: '<< /Fields 9 0 R /NeedAppearances 20 0 R /SigFlags 3 >>',
        }),
      );
    expect(report.level).not.toBe('OTHER');
    expect(flagged).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('indirect default resources may gain a font', () => {
    const signed = signedPdf({
      6: '<< /Fields 9 0 R /DR 20 0 R >>',
      20: '<< /Font 21 0 R /ProcSet 22 0 R >>',
      21: '<< /F1 8 0 R >>',
      22: '[/PDF /Text]',
    });
    const report = changesOf(
      appendRevision(signed, {
        6: '<< /Fields 9 0 R /DR 30 0 R >>',
        30: '<< /Font << /F1 8 0 R /F2 8 0 R >> /ProcSet [/PDF /Text] >>',
      }),
    );
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('a direct /Fields array is held to the append rule', () => {
    const direct = signedPdf({ 6: '<< /Fields [] >>' }, { 6: '<< /Fields [10 0 R] >>' });
    const report = changesOf(appendRevision(direct, { 6: '<< /Fields [10 0 R 20 0 R] >>', 20: TEXT_FIELD }));
    expect(report.findings).toEqual(['revision 2: object 6 (object): form field object 20 (Tx) added']);
  });

  it('a /Fields pointing at a new array is held to the append rule', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 6: '<< /Fields 20 0 R >>', 20: '[10 0 R 21 0 R]', 21: TEXT_FIELD }),
    );
    expect(report.findings).toEqual(['revision 2: object 6 (object): form field object 21 (Tx) added']);
  });

  it('the field list changed in place is reported by the list, not again by the form', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        6: '<< /Fields 9 0 R /SigFlags 3 >>',
        9: '[10 0 R 20 0 R]',
        20: TEXT_FIELD,
      }),
    );
    expect(report.findings).toEqual(['revision 2: object 9 (array): form field object 20 (Tx) added']);
  });

  it('a form without /Fields that gains one appends to an empty list', () => {
    const bare = signedPdf({ 6: '<< >>' });
    const report = changesOf(appendRevision(bare, { 6: '<< /Fields [20 0 R] >>', 20: TEXT_FIELD }));
    expect(report.findings).toEqual(['revision 2: object 6 (object): form field object 20 (Tx) added']);
  });

  it('a form that loses /Fields removes its fields', () => {
    const direct = signedPdf({ 6: '<< /Fields [] >>' }, { 6: '<< /Fields [10 0 R] >>' });
    const report = changesOf(appendRevision(direct, { 6: '<< >>' }));
    expect(report.findings).toEqual(['revision 2: object 6 (object): existing fields removed or reordered']);
  });

  it('an empty /Fields dropped is no change of the field list', () => {
    const direct = signedPdf({ 6: '<< /Fields [] >>' });
    expect(changesOf(appendRevision(direct, { 6: '<< >>' })).findings).toEqual([]);
  });
});

describe('a page', () => {
  it('names every key that changed but /Annots and /Resources', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        3: page('/Annots 7 0 R /AA << /O << /S /JavaScript /JS (app.alert(1)) >> >> /Tabs /S'),
      }),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 3 (/Page): page /AA /Tabs changed');
  });

  it('its own /Annots may gain a comment, which is ANNOTATIONS', () => {
    const signed = signedPdf({}, { 3: page('/Annots [10 0 R]') });
    const report = changesOf(appendRevision(signed, { 3: page('/Annots [10 0 R 20 0 R]'), 20: SQUARE }));
    expect(report).toMatchObject({ level: 'ANNOTATIONS', pages: [1] });
  });

  it('losing its /Annots array is one finding', () => {
    const signed = signedPdf({}, { 3: page('/Annots [10 0 R]') });
    const report = changesOf(appendRevision(signed, { 3: page('') }));
    expect(report.findings).toEqual([
      'revision 2: object 3 (/Page): existing annotations removed or reordered',
    ]);
  });

  it('gaining an /Annots array appends to an empty list', () => {
    const signed = signedPdf({}, { 3: page(''), 7: null });
    const report = changesOf(appendRevision(signed, { 3: page('/Annots [20 0 R]'), 20: SQUARE }));
    expect(report.findings).toContain('revision 2: object 3 (/Page): /Square annotation object 20 added');
    expect(report.findings).not.toContain(
      'revision 2: object 3 (/Page): existing annotations removed or reordered',
    );
  });

  it('an empty /Annots array dropped is no change of its annotations', () => {
    const signed = signedPdf({}, { 3: page('/Annots []'), 7: null });
    expect(changesOf(appendRevision(signed, { 3: page('') })).findings).toEqual([]);
  });
});

describe('other objects', () => {
  it('an array that is no landmark, appended to, is a changed object', () => {
    const report = changesOf(appendRevision(signedPdf({ 12: '[1 2]' }), { 12: '[1 2 3]' }));
    expect(report.findings).toEqual(['revision 2: object 12 (array) changed']);
  });

  it('a dictionary that became an array is a changed object', () => {
    const report = changesOf(appendRevision(signedPdf({ 12: '<< /X 1 >>' }), { 12: '[1]' }));
    expect(report.findings).toEqual(['revision 2: object 12 (object) changed']);
  });

  it('a font dictionary changed is a changed object, not a page nor a field', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 8: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>' }),
    );
    expect(report.findings[0]).toBe('revision 2: object 8 (/Font) changed');
  });

  it('an empty signature field replaced by a number is a changed object', () => {
    const signed = signedPdf(
      { 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
      { 9: '[12 0 R 10 0 R]' },
    );
    const report = changesOf(appendRevision(signed, { 12: '5' }));
    expect(report.findings).toContain('revision 2: object 12 (/Annot) changed');
  });
});

describe('signature fields listed in /Fields only', () => {
  const unlisted = signedPdf(
    { 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
    { 9: '[12 0 R 10 0 R]' },
  );

  it('a signed one changed after signing raises OTHER', () => {
    const signed = signedPdf({}, { 7: '[]' });
    const report = changesOf(
      appendRevision(signed, { 10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R', f: 4 }) }),
    );
    expect(report).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: object 10 (/Annot): signed field "CaNhan" changed after signing'],
    });
  });

  it('an empty one given an appearance without a signature raises OTHER', () => {
    const report = changesOf(
      appendRevision(unlisted, {
        12: widget({ ft: 'Sig', t: 'ChuKy2', rect: '[100 100 200 120]', ap: '22 0 R' }),
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      }),
    );
    expect(report).toMatchObject({
      level: 'OTHER',
      findings: [
        'revision 2: object 12 (/Annot): empty signature field "ChuKy2" changed without being signed',
      ],
    });
  });

  it('an empty one with two keys changed names both', () => {
    const report = changesOf(
      appendRevision(unlisted, { 12: widget({ ft: 'Sig', t: 'ChuKy2', extra: '/TU (Ky) /Ff 1' }) }),
    );
    expect(report.findings).toEqual([
      'revision 2: object 12 (/Annot): signature field "ChuKy2" /TU /Ff changed',
    ]);
  });
});

describe('an object stream rewritten under its number', () => {
  // Revision 1 packs the /AcroForm (6) into object stream 30.
  const packed = appendUpdate(basePdf(), () => ({
    objects: [],
    packed: { stream: 30, objects: [{ num: 6, value: WritableDict.of({ Fields: new PdfRef(9, 0) }) }] },
  }));

  it('is judged by its members, not by its bytes', () => {
    const rewritten = appendUpdate(packed, () => {
      const { dict, data } = objectStreamBody([
        { num: 6, value: WritableDict.of({ Fields: new PdfRef(9, 0) }) },
        { num: 40, value: WritableDict.of({ Unused: true }) },
      ]);
      return { objects: [{ num: 30, value: dict, data }] };
    });
    expect(changesOf(rewritten)).toMatchObject({ level: 'NONE', findings: [] });
  });
});
