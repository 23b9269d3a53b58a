import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { readCertification, readFieldLocks } from '../../../daemon/src/verify/mdp.js';
import {
  type Objects,
  appendRevision,
  basePdf,
  sigDict,
  signedPdf,
  stream,
  widget,
} from '../../support/pdf-change-builder.js';

/**
 * How mdp.ts reads a certification (DocMDP, ISO 32000-2 §12.8.2.2) and field locks (FieldMDP,
 * §12.8.2.4) from hand-written documents: one rule per test. Revision 1 of `signedPdf` holds the
 * signed field "CaNhan" (10) whose value is the signature dictionary 11.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';
const PERMS = `<< ${CATALOG} /Perms << /DocMDP 11 0 R >> >>`;

const docMdp = (params: string): string =>
  `<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams ${params} /V /1.2 >> >>`;
const fieldMdp = (params: string): string =>
  `<< /Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Type /TransformParams ${params} /V /1.2 >> >>`;
/** Signature dictionary 11's /Reference entry. */
const reference = (...refs: string[]): string => `/Reference [${refs.join(' ')}]`;

/** The certification at revision 1, whose objects `rev1` adds to (catalog with /Perms by default). */
function certificationOf(rev1: Objects, base: Objects = {}) {
  return readCertification(PdfReader.fromBuffer(signedPdf(base, { 1: PERMS, ...rev1 })), 1);
}

/** The field locks at revision 1, whose objects `rev1` adds to. */
function locksOf(rev1: Objects) {
  return readFieldLocks(PdfReader.fromBuffer(signedPdf({}, rev1)), 1);
}

const LOCK_ALL = sigDict(reference(fieldMdp('/Action /All')));

describe('readCertification: the level P', () => {
  it.each([1, 2, 3])('P %i is read as it stands, without a problem', (p) => {
    expect(certificationOf({ 11: sigDict(reference(docMdp(`/P ${p}`))) })).toMatchObject({
      p,
      field: 'CaNhan',
      problems: [],
    });
  });

  it.each([
    ['7', '7'],
    ['/Two', '/Two'],
    ['true', 'true'],
    ['(3)', '(3)'],
    ['[3]', 'an array'],
    ['<< /P 3 >>', 'an object'],
  ])('P %s is no level: read as 1, and the problem names the value', (value, said) => {
    expect(certificationOf({ 11: sigDict(reference(docMdp(`/P ${value}`))) })).toMatchObject({
      p: 1,
      problems: [`DocMDP P is ${said}, not 1, 2 or 3; read as 1 (no changes)`],
    });
  });

  it('P null is an absent P (ISO 32000-2 §7.3.7): the default 2', () => {
    expect(certificationOf({ 11: sigDict(reference(docMdp('/P null'))) })).toMatchObject({
      p: 2,
      problems: [],
    });
  });

  it('a DocMDP reference without /TransformParams has no P: the default 2', () => {
    const bare = '<< /Type /SigRef /TransformMethod /DocMDP >>';
    expect(certificationOf({ 11: sigDict(reference(bare)) })).toMatchObject({ p: 2, problems: [] });
  });

  it('P given by an indirect reference is resolved', () => {
    expect(certificationOf({ 11: sigDict(reference(docMdp('/P 30 0 R'))), 30: '3' })).toMatchObject({
      p: 3,
      problems: [],
    });
  });

  it('the DocMDP reference is found among entries that are no dictionary or another transform', () => {
    const refs = reference('5', fieldMdp('/Action /All'), docMdp('/P 1'));
    expect(certificationOf({ 11: sigDict(refs) })).toMatchObject({ p: 1, problems: [] });
  });

  it('a /Reference that is no array holds no DocMDP reference: P 2, with a problem', () => {
    expect(certificationOf({ 11: sigDict(`/Reference ${docMdp('/P 1')}`) })).toMatchObject({
      p: 2,
      problems: ['the certification signature has no DocMDP signature reference; P read as 2'],
    });
  });

  it('/Perms /DocMDP that is not a reference: read as 1, with a problem', () => {
    const direct = `<< ${CATALOG} /Perms << /DocMDP ${sigDict(reference(docMdp('/P 3')))} >> >>`;
    expect(certificationOf({ 1: direct })).toEqual({
      p: 1,
      field: '',
      sigRef: undefined,
      problems: ['/Perms /DocMDP is not an indirect reference to a signature dictionary'],
    });
  });

  it('/Perms /DocMDP naming no dictionary: read as 1, with a problem', () => {
    const c = certificationOf({ 1: `<< ${CATALOG} /Perms << /DocMDP 30 0 R >> >>`, 30: '5' });
    expect(c).toMatchObject({
      p: 1,
      field: '',
      problems: [
        '/Perms /DocMDP names no signature dictionary',
        'no signature field holds the certification signature',
      ],
    });
    expect(c?.sigRef?.key).toBe('30 0');
  });

  it('a signature dictionary written as a stream is still read', () => {
    const asStream = stream(`/Type /Sig /ByteRange [0 1 2 3] ${reference(docMdp('/P 3'))}`, '');
    expect(certificationOf({ 11: asStream })).toMatchObject({ p: 3, field: 'CaNhan', problems: [] });
  });
});

describe('readCertification: which field holds it', () => {
  it('a certification that no signed field holds says so', () => {
    const c = certificationOf({
      10: widget({ ft: 'Sig', t: 'CaNhan', v: '12 0 R' }),
      11: sigDict(reference(docMdp('/P 2'))),
      12: sigDict(),
    });
    expect(c).toMatchObject({
      p: 2,
      field: '',
      problems: ['no signature field holds the certification signature'],
    });
    expect(c?.sigRef?.key).toBe('11 0');
  });

  /** Fields CaNhan (10, certification 11 at `certAt`) and CoQuan (20, signature 21 at `otherAt`). */
  function twoSignatures(certAt: string, otherAt: string) {
    return certificationOf({
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      11: sigDict(reference(docMdp('/P 2')), `[0 ${certAt} 2 3]`),
      20: widget({ ft: 'Sig', t: 'CoQuan', v: '21 0 R' }),
      21: sigDict('', `[0 ${otherAt} 2 3]`),
    });
  }

  it('a signature whose /Contents comes first was made before the certification', () => {
    expect(twoSignatures('500', '400')?.problems).toEqual(['signed before the certification: CoQuan']);
    expect(twoSignatures('400', '500')?.problems).toEqual([]);
  });

  it('names every signature made before the certification, in field order', () => {
    const c = certificationOf({
      7: '[10 0 R 20 0 R 22 0 R]',
      9: '[10 0 R 20 0 R 22 0 R]',
      11: sigDict(reference(docMdp('/P 2')), '[0 500 2 3]'),
      20: widget({ ft: 'Sig', t: 'CoQuan', v: '21 0 R' }),
      21: sigDict('', '[0 400 2 3]'),
      22: widget({ ft: 'Sig', t: 'VanThu', v: '23 0 R' }),
      23: sigDict('', '[0 300 2 3]'),
    });
    expect(c?.problems).toEqual(['signed before the certification: CoQuan, VanThu']);
  });

  it('a byte range given by references is resolved', () => {
    const c = certificationOf({
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      11: sigDict(reference(docMdp('/P 2')), '30 0 R'),
      20: widget({ ft: 'Sig', t: 'CoQuan', v: '21 0 R' }),
      21: sigDict('', '[0 31 0 R 2 3]'),
      30: '[0 500 2 3]',
      31: '400',
    });
    expect(c?.problems).toEqual(['signed before the certification: CoQuan']);
  });

  it('a certification without a readable position comes after every signature that has one', () => {
    expect(twoSignatures('(500)', '400')?.problems).toEqual(['signed before the certification: CoQuan']);
    expect(twoSignatures('400', '(300)')?.problems).toEqual([]);
  });

  it('another field showing the certification signature itself was not signed before it', () => {
    const c = certificationOf({
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      11: sigDict(reference(docMdp('/P 2'))),
      20: widget({ ft: 'Sig', t: 'BanSao', v: '11 0 R' }),
    });
    expect(c).toMatchObject({ field: 'CaNhan', problems: [] });
  });

  it('a field whose signature is written in place is no holder, and is no error', () => {
    const inline = `<< /FT /Sig /T (TrucTiep) /V ${sigDict()} >>`;
    const cert = sigDict(reference(docMdp('/P 2')));
    expect(certificationOf({ 9: `[${inline} 10 0 R]`, 11: cert })).toMatchObject({
      field: 'CaNhan',
      problems: [],
    });
  });

  it('is undefined without /Perms /DocMDP, without a catalog, or for a revision the file lacks', () => {
    const plain = PdfReader.fromBuffer(signedPdf());
    expect(readCertification(plain, 1)).toBeUndefined();
    const noPerms = PdfReader.fromBuffer(signedPdf({}, { 1: `<< ${CATALOG} /Perms << >> >>` }));
    expect(readCertification(noPerms, 1)).toBeUndefined();
    const certified = signedPdf({}, { 1: PERMS, 11: sigDict(reference(docMdp('/P 1'))) });
    expect(readCertification(PdfReader.fromBuffer(certified), 2)).toBeUndefined();
    // Revision 2 names no catalog (the file opens: its newest revision names one again).
    const noCatalog = PdfReader.fromBuffer(
      appendRevision(appendRevision(certified, { 30: '5' }, { trailer: '/Root 30 0 R' }), {}),
    );
    expect(readCertification(noCatalog, 2)).toBeUndefined();
    expect(readFieldLocks(noCatalog, 2)).toEqual([]);
  });
});

describe('readFieldLocks: the transform parameters (Table 258)', () => {
  it.each([
    ['missing', ''],
    ['missing', '/Action (All)'],
    ['/Some', '/Action /Some'],
  ])('an /Action that is %s is read as /All, with a problem', (said, params) => {
    expect(locksOf({ 11: sigDict(reference(fieldMdp(params))) })).toEqual([
      { field: 'CaNhan', action: 'All', fields: [], problems: [`FieldMDP /Action is ${said}; read as /All`] },
    ]);
  });

  it('a FieldMDP reference without /TransformParams locks everything', () => {
    const bare = '<< /Type /SigRef /TransformMethod /FieldMDP >>';
    expect(locksOf({ 11: sigDict(reference(bare)) })).toEqual([
      { field: 'CaNhan', action: 'All', fields: [], problems: ['FieldMDP /Action is missing; read as /All'] },
    ]);
  });

  it('/All ignores a /Fields array and needs none', () => {
    const withFields = sigDict(reference(fieldMdp('/Action /All /Fields [(SoVanBan)]')));
    expect(locksOf({ 11: withFields })).toEqual([
      { field: 'CaNhan', action: 'All', fields: [], problems: [] },
    ]);
    expect(locksOf({ 11: LOCK_ALL })).toEqual([{ field: 'CaNhan', action: 'All', fields: [], problems: [] }]);
  });

  it('/Fields and its names may be given by references', () => {
    const lock = sigDict(reference(fieldMdp('/Action /Include /Fields 30 0 R')));
    expect(locksOf({ 11: lock, 30: '[31 0 R (Ngay)]', 31: '(SoVanBan)' })).toEqual([
      { field: 'CaNhan', action: 'Include', fields: ['SoVanBan', 'Ngay'], problems: [] },
    ]);
  });

  it.each([
    ['/SoVanBan', '/SoVanBan'],
    ['5', '5'],
    ['true', 'true'],
    ['null', 'null'],
    ['[(A)]', 'an array'],
    ['<< /T (A) >>', 'an object'],
  ])('an entry %s of /Fields is no field name, and is named in the problem', (entry, said) => {
    const lock = sigDict(reference(fieldMdp(`/Action /Exclude /Fields [${entry} (Ngay)]`)));
    expect(locksOf({ 11: lock })).toEqual([
      {
        field: 'CaNhan',
        action: 'Exclude',
        fields: ['Ngay'],
        problems: [`FieldMDP /Fields holds ${said}, not a field name`],
      },
    ]);
  });

  it('/Exclude without a /Fields array says so', () => {
    const lock = sigDict(reference(fieldMdp('/Action /Exclude /Fields (SoVanBan)')));
    expect(locksOf({ 11: lock })).toEqual([
      {
        field: 'CaNhan',
        action: 'Exclude',
        fields: [],
        problems: ['FieldMDP /Exclude without a /Fields array'],
      },
    ]);
  });
});

describe('readFieldLocks: which references and signatures count', () => {
  it('every FieldMDP reference of a signature is a lock; entries that are no dictionary are skipped', () => {
    const refs = reference('5', docMdp('/P 2'), fieldMdp('/Action /All'), '30 0 R');
    const locks = locksOf({ 11: sigDict(refs), 30: fieldMdp('/Action /Include /Fields [(A)]') });
    expect(locks.map((l) => l.action)).toEqual(['All', 'Include']);
  });

  it('a /Reference given by a reference is resolved; one that is no array locks nothing', () => {
    expect(locksOf({ 11: sigDict('/Reference 30 0 R'), 30: `[${fieldMdp('/Action /All')}]` })).toHaveLength(
      1,
    );
    expect(locksOf({ 11: sigDict(`/Reference ${fieldMdp('/Action /All')}`) })).toEqual([]);
  });

  it('a signature reference written as a stream still locks', () => {
    const asStream = stream(
      '/Type /SigRef /TransformMethod /FieldMDP /TransformParams << /Action /All >>',
      '',
    );
    expect(locksOf({ 11: sigDict(reference('30 0 R')), 30: asStream })).toHaveLength(1);
  });

  it('a field whose value has no /ByteRange, or that has no value, is not signed', () => {
    const unsigned = `<< /Type /Sig ${reference(fieldMdp('/Action /All'))} >>`;
    expect(locksOf({ 11: unsigned })).toEqual([]);
    expect(locksOf({ 10: widget({ ft: 'Sig', t: 'CaNhan' }) })).toEqual([]);
  });

  it('only signature fields are read, their type inherited from the parent', () => {
    expect(locksOf({ 10: widget({ ft: 'Tx', t: 'CaNhan', v: '11 0 R' }), 11: LOCK_ALL })).toEqual([]);
    const nested = {
      9: '[30 0 R]',
      30: '<< /FT /Sig /T (Ky) /Kids [10 0 R] >>',
      10: widget({ t: 'LanhDao', v: '11 0 R', parent: '30 0 R' }),
      11: LOCK_ALL,
    };
    expect(locksOf(nested).map((l) => l.field)).toEqual(['Ky.LanhDao']);
  });

  it('a field with widget kids is the terminal field; its kid fields are walked past the widgets', () => {
    const split = {
      9: '[30 0 R]',
      30: '<< /FT /Sig /T (CaNhan) /V 11 0 R /Kids [10 0 R] >>',
      10: '<< /Type /Annot /Subtype /Widget /Parent 30 0 R /Rect [0 0 0 0] /P 3 0 R >>',
      11: LOCK_ALL,
    };
    expect(locksOf(split).map((l) => l.field)).toEqual(['CaNhan']);
    const mixed = {
      9: '[30 0 R]',
      30: '<< /FT /Sig /T (Ky) /Kids [5 31 0 R 10 0 R] >>',
      31: '<< /Type /Annot /Subtype /Widget /Parent 30 0 R /Rect [0 0 0 0] /P 3 0 R >>',
      10: widget({ t: 'LanhDao', v: '11 0 R', parent: '30 0 R' }),
      11: LOCK_ALL,
    };
    expect(locksOf(mixed).map((l) => l.field)).toEqual(['Ky.LanhDao']);
  });

  it('a field listed twice is read once; two fields written in place are both read', () => {
    expect(locksOf({ 9: '[10 0 R 10 0 R]', 11: LOCK_ALL })).toHaveLength(1);
    const inline = (t: string) => `<< /FT /Sig /T (${t}) /V ${LOCK_ALL} >>`;
    expect(locksOf({ 9: `[${inline('A')} ${inline('B')}]` }).map((l) => l.field)).toEqual(['A', 'B']);
  });

  it('reads fields 32 levels below /Fields, not deeper', () => {
    /** A chain of `levels` fields, the last one signed. */
    const chain = (levels: number): Objects => {
      const objects: Objects = { 9: '[100 0 R]', 11: LOCK_ALL };
      for (let i = 0; i < levels - 1; i++) objects[100 + i] = `<< /FT /Sig /T (f) /Kids [${101 + i} 0 R] >>`;
      objects[100 + levels - 1] = '<< /T (f) /V 11 0 R >>';
      return objects;
    };
    expect(locksOf(chain(33)).map((l) => l.field)).toEqual([Array(33).fill('f').join('.')]);
    expect(locksOf(chain(34))).toEqual([]);
  });

  it('reads at most 100 000 field entries', () => {
    const behind = (fillers: number) => ({ 9: `[${'0 '.repeat(fillers)}10 0 R]`, 11: LOCK_ALL });
    expect(locksOf(behind(99_999))).toHaveLength(1);
    expect(locksOf(behind(100_000))).toEqual([]);
  });

  it('reads the locks as of the revision asked for', () => {
    const later = appendRevision(basePdf(), {
      9: '[10 0 R]',
      10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }),
      11: LOCK_ALL,
    });
    const r = PdfReader.fromBuffer(later);
    expect(readFieldLocks(r, 0)).toEqual([]);
    expect(readFieldLocks(r, 1)).toHaveLength(1);
  });
});
