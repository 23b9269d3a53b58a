import { describe, expect, it } from 'vitest';
import { appendRevision, basePdf, changesOf, signedPdf } from '../../../support/pdf-change-builder.js';

/**
 * changes.ts: objects freed after signing, the catalog (kept number, only /AcroForm /DSS
 * /Extensions /Metadata /Version may change; a new /Root is refused) and /AcroForm (only /Fields,
 * /SigFlags, /NeedAppearances cleared, /DA where there was none, /DR gaining names).
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';

describe('objects freed after signing', () => {
  const signed = signedPdf({ 12: '<< /Note (unused) >>' });

  it('an object that existed at signing and is freed later is OTHER', () => {
    const report = changesOf(appendRevision(signed, { 12: null }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 12 deleted');
  });

  it('freeing a number that was already free is no change', () => {
    expect(changesOf(appendRevision(signed, { 40: null })).level).toBe('NONE');
  });
});

describe('catalog', () => {
  it.each([
    ['/OpenAction [3 0 R /Fit]', 'OpenAction'],
    ['/AA << /WC << /S /JavaScript /JS (app.alert(1)) >> >>', 'AA'],
    ['/Names << /JavaScript << /Names [] >> >>', 'Names'],
  ])('one new key %s is OTHER', (entry, key) => {
    const report = changesOf(appendRevision(signedPdf(), { 1: `<< ${CATALOG} ${entry} >>` }));
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain(`revision 2: object 1 (/Catalog): catalog /${key} changed`);
  });

  it('/Extensions, /Version, /Metadata and /DSS may change', () => {
    const extended = appendRevision(signedPdf(), {
      1: `<< ${CATALOG} /Version /2.0 /Extensions << /ADBE << /BaseVersion /1.7 /ExtensionLevel 8 >> >> /Metadata 20 0 R /DSS 21 0 R >>`,
      20: '<< /Type /Metadata /Subtype /XML /Length 0 >>\nstream\n\nendstream',
      21: '<< /Certs [] >>',
    });
    expect(changesOf(extended)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('a new /Root is OTHER even when it reads the same', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 20: `<< ${CATALOG} >>` }, { trailer: '/Root 20 0 R' }),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: the catalog was replaced by object 20');
    const changed = appendRevision(
      signedPdf(),
      { 20: `<< ${CATALOG} /OpenAction [3 0 R /Fit] >>` },
      {
        trailer: '/Root 20 0 R',
      },
    );
    expect(changesOf(changed).findings).toContain(
      'revision 2: the catalog was replaced by object 20: /OpenAction differ',
    );
  });
});

describe('a direct catalog', () => {
  it('in a later revision is a replaced catalog, and so is the return to the old one', () => {
    const direct = appendRevision(signedPdf(), {}, { trailer: `/Root << ${CATALOG} >>` });
    const report = changesOf(appendRevision(direct, { 30: '<< /Unused true >>' }));
    expect(report.findings).toEqual([
      'revision 2: the catalog was replaced by a direct object',
      'revision 3: the catalog was replaced by object 1',
    ]);
  });
});

describe('a replaced catalog', () => {
  it('names the keys that differ, validation data and /Version aside', () => {
    const replaced = appendRevision(
      signedPdf(),
      { 20: `<< ${CATALOG} /AA << >> /OpenAction [3 0 R /Fit] /DSS << >> /Version /2.0 >>` },
      { trailer: '/Root 20 0 R' },
    );
    expect(changesOf(replaced).findings).toEqual([
      'revision 2: the catalog was replaced by object 20: /AA /OpenAction differ',
    ]);
  });

  it('a revision whose /Root names nothing is compared all the same', () => {
    const lost = appendRevision(signedPdf(), {}, { trailer: '/Root 99 0 R' });
    expect(changesOf(appendRevision(lost, {})).findings).toEqual([
      'revision 2: the catalog was replaced by object 99: /Type /Pages /AcroForm differ',
      'revision 2: page count changed from 1 to 0',
      'revision 3: the catalog was replaced by object 1: /Type /Pages /AcroForm differ',
      'revision 3: page count changed from 0 to 1',
    ]);
  });
});

describe('AcroForm', () => {
  const withForm = (form: string) => signedPdf({ 6: `<< /Fields 9 0 R ${form} >>` });
  const edit = (form: string, to: string) =>
    changesOf(appendRevision(withForm(form), { 6: `<< /Fields 9 0 R ${to} >>` }));

  it('/DA may be set where there was none', () => {
    expect(edit('', '/DA (/Helv 0 Tf 0 g)').level).toBe('SIGNATURES_AND_FORMS');
  });

  it('an existing /DA may not change', () => {
    const report = edit('/DA (/Helv 0 Tf 0 g)', '/DA (/Helv 0 Tf 1 0 0 rg)');
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: object 6 (object): AcroForm /DA changed');
  });

  it('any other new key is OTHER', () => {
    expect(edit('', '/XFA 3 0 R').findings).toContain('revision 2: object 6 (object): AcroForm /XFA changed');
  });

  it('/NeedAppearances set after signing is OTHER, cleared is allowed', () => {
    expect(edit('', '/NeedAppearances true').findings).toContain(
      'revision 2: object 6 (object): AcroForm /NeedAppearances set after signing',
    );
    expect(edit('/NeedAppearances true', '/NeedAppearances false').level).toBe('SIGNATURES_AND_FORMS');
    expect(edit('/NeedAppearances true', '/NeedAppearances true /SigFlags 3').level).toBe(
      'SIGNATURES_AND_FORMS',
    );
  });

  it('/DR may gain names; a replaced or removed font is OTHER', () => {
    const dr = '/DR << /Font << /F1 8 0 R >> >>';
    expect(edit(dr, '/DR << /Font << /F1 8 0 R /F2 8 0 R >> /XObject << >> >>').level).toBe(
      'SIGNATURES_AND_FORMS',
    );
    expect(edit(dr, '/DR << /Font << /F1 3 0 R >> >>').findings).toContain(
      'revision 2: object 6 (object): AcroForm /DR /Font /F1 changed after signing',
    );
    expect(edit(dr, '/DR << /Font << >> >>').level).toBe('OTHER');
    expect(edit(dr, '/DR << /Font 7 >>').findings).toContain(
      'revision 2: object 6 (object): AcroForm /DR /Font changed after signing',
    );
    expect(edit(dr, '').findings).toContain(
      'revision 2: object 6 (object): AcroForm /DR (removed) changed after signing',
    );
  });

  it('/DR entries that are not dictionaries are compared whole', () => {
    expect(edit('/DR << /ProcSet [/PDF] >>', '/DR << /ProcSet [/PDF] /Font << /F2 8 0 R >> >>').level).toBe(
      'SIGNATURES_AND_FORMS',
    );
    expect(edit('/DR << /ProcSet [/PDF] >>', '/DR << /ProcSet [/Text] >>').findings).toContain(
      'revision 2: object 6 (object): AcroForm /DR /ProcSet changed after signing',
    );
  });

  it('a direct /AcroForm in the catalog is held to the same rules, and may not be removed', () => {
    const direct = signedPdf({ 1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 9 0 R >> >>' });
    const xfa = appendRevision(direct, {
      1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 9 0 R /XFA 3 0 R >> >>',
    });
    expect(changesOf(xfa).findings).toContain('revision 2: object 1 (/Catalog): AcroForm /XFA changed');
    const da = appendRevision(direct, {
      1: '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 9 0 R /DA (/Helv 0 Tf 0 g) >> >>',
    });
    expect(changesOf(da).level).toBe('SIGNATURES_AND_FORMS');
    const removed = appendRevision(direct, { 1: '<< /Type /Catalog /Pages 2 0 R >>' });
    expect(changesOf(removed).findings).toContain(
      'revision 2: object 1 (/Catalog): catalog /AcroForm removed',
    );
  });

  it('a form added to a document that had none is held to the same rules', () => {
    const bare = appendRevision(basePdf({ 1: '<< /Type /Catalog /Pages 2 0 R >>' }), { 20: '<< /X 1 >>' });
    const added = appendRevision(bare, {
      1: `<< ${CATALOG} >>`,
      6: '<< /Fields 9 0 R /NeedAppearances true >>',
    });
    expect(changesOf(added).findings).toContain(
      'revision 2: object 1 (/Catalog): AcroForm /NeedAppearances set after signing',
    );
  });
});
