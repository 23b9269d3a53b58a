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
 * changes.ts, an object rewritten in place is judged by the role it had at the previous revision
 * (catalog, form, field list, annotation list, page, page resources, signature field), and only
 * while it still has the shape of that role; anything else is OTHER.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const page = (extra: string) => `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R ${extra}>>`;

describe('landmarks that lost their shape', () => {
  it('a field list rewritten as a dictionary is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 9: '<< /Kids [10 0 R] >>' }));
    expect(report).toMatchObject({ level: 'OTHER', findings: ['revision 2: object 9 (array) changed'] });
  });

  it('an annotation list rewritten as a dictionary is OTHER', () => {
    const report = changesOf(appendRevision(signedPdf(), { 7: '<< /Kids [10 0 R] >>' }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 7 (array) changed');
  });

  it('a catalog that was a stream at signing, rewritten, is compared as an object', () => {
    const signed = signedPdf({}, { 1: `<< ${CATALOG} /Length 0 >>\nstream\n\nendstream` });
    const report = changesOf(appendRevision(signed, { 1: `<< ${CATALOG} >>` }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 1 (/Catalog stream) changed');
  });

  it('a page resource category that is no dictionary is compared as an object', () => {
    const signed = signedPdf({ 5: '<< /Font << /F1 8 0 R >> /ProcSet 12 0 R >>', 12: '[/PDF /Text]' });
    const report = changesOf(appendRevision(signed, { 12: '[/PDF /Text /ImageB]' }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 12 (array) changed');
  });
});

describe('the catalog and its form in one revision', () => {
  it('a form changed in place is reported once, as that object', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        1: `<< ${CATALOG} /DSS 20 0 R >>`,
        6: '<< /Fields 9 0 R /XFA 3 0 R >>',
        20: '<< /Certs [] >>',
      }),
    );
    expect(report.findings).toEqual(['revision 2: object 6 (object): AcroForm /XFA changed']);
  });
});

describe('a page rewritten in place', () => {
  it('may gain an /Annots array holding a new signature field', () => {
    const signed = signedPdf({}, { 3: page(''), 7: null, 9: '[10 0 R]' });
    const report = changesOf(
      appendRevision(signed, {
        3: page('/Annots [20 0 R]'),
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R' }),
        21: sigDict(),
      }),
    );
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('may not lose its /Annots array', () => {
    const signed = signedPdf({}, { 3: page('/Annots [10 0 R]') });
    const report = changesOf(appendRevision(signed, { 3: page('') }));
    expect(report.findings).toContain(
      'revision 2: object 3 (/Page): existing annotations removed or reordered',
    );
  });

  it('may point at new resources, which are judged page by page', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        3: '<< /Type /Page /Parent 2 0 R /Resources 20 0 R /Contents 4 0 R /Annots 7 0 R >>',
        20: '<< /Font << /F1 8 0 R /F2 8 0 R >> >>',
      }),
    );
    expect(report.findings).not.toContain('revision 2: object 3 (/Page): page /Resources changed');
  });
});

describe('a signature field written again unchanged in content', () => {
  it('is no change', () => {
    const signed = signedPdf();
    const same = appendRevision(signed, { 10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }) });
    expect(changesOf(same)).toMatchObject({ level: 'NONE', findings: [] });
  });

  it('with an appearance added after signing is OTHER', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        22: formStream('BT /F1 12 Tf (Ky) Tj ET'),
      }),
    );
    expect(report.findings).toContain(
      'revision 2: object 10 (/Annot): signed field "CaNhan" changed after signing',
    );
  });
});
