import { beforeAll, describe, expect, it } from 'vitest';
import { type PdfDict, PdfReader, type PdfRef } from '../../../daemon/src/pdf/reader/index.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { WritableDict, type WritableObject, name, text } from '../../../daemon/src/pdf/writer/serialize.js';
import { IncrementalUpdate } from '../../../daemon/src/pdf/writer/update.js';
import { readCertification, readFieldLocks } from '../../../daemon/src/verify/mdp.js';
import { makeVanBan } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';

let certified: Uint8Array;
let sealed: Uint8Array;
let plainThenSealed: Uint8Array;

beforeAll(async () => {
  const ca = await makeTestCa();
  const person = (await ca.issue('Trần Văn Minh')).signer;
  const org = (await ca.issue('UBND', { org: 'Ủy ban nhân dân' })).signer;
  const base = await makeVanBan();
  const image = makeInkPng('signature');
  certified = await signPdf(base, { signer: person, role: 'approver', image, certify: 3 });
  const seal = { signer: org, role: 'seal' as const, image: makeInkPng('seal') };
  sealed = await signPdf(certified, { ...seal, number: '1637/QĐ-UBND', date: '2020-01-05' });
  plainThenSealed = await signPdf(await signPdf(base, { signer: person, role: 'approver', image }), seal);
});

const newest = (r: PdfReader): number => r.revisions.length - 1;

/** Appends an update in which `edit` replaces objects (the signatures break; only reading matters). */
function rewrite(
  bytes: Uint8Array,
  edit: (r: PdfReader, put: (ref: PdfRef, v: WritableObject) => void) => void,
) {
  const r = PdfReader.fromBuffer(bytes);
  const u = new IncrementalUpdate(r, bytes.subarray(bytes.length - 1));
  edit(r, (ref, v) => u.put(ref, v));
  return PdfReader.fromBuffer(Buffer.concat([bytes, u.build(r.size).bytes]));
}

function signature(r: PdfReader, field: string): { ref: PdfRef; dict: PdfDict } {
  const f = r.signatureFields().find((s) => s.name === field)!;
  return { ref: f.valueRef!, dict: f.value! };
}

/** The signature of `field` with its /Reference replaced. */
function withReference(r: PdfReader, field: string, reference: WritableObject[]): [PdfRef, WritableDict] {
  const s = signature(r, field);
  return [s.ref, WritableDict.from(s.dict).set('Reference', reference)];
}

const docMdp = (params: Record<string, WritableObject>): WritableDict =>
  WritableDict.of({
    Type: name('SigRef'),
    TransformMethod: name('DocMDP'),
    TransformParams: WritableDict.of({ Type: name('TransformParams'), V: name('1.2'), ...params }),
  });

const fieldMdp = (params: Record<string, WritableObject>): WritableDict =>
  WritableDict.of({
    Type: name('SigRef'),
    TransformMethod: name('FieldMDP'),
    TransformParams: WritableDict.of({ Type: name('TransformParams'), V: name('1.2'), ...params }),
  });

describe('readCertification', () => {
  it('reads P, the field and the signature of a certified document, per revision', () => {
    const r = PdfReader.fromBuffer(sealed);
    const atSigning = newest(r) - 1;
    const c = readCertification(r, atSigning);
    expect(c).toMatchObject({ p: 3, field: 'CaNhan', problems: [] });
    expect(c?.sigRef?.equals(signature(r, 'CaNhan').ref)).toBe(true);
    expect(readCertification(r, newest(r))).toMatchObject({ p: 3, field: 'CaNhan', problems: [] });
    expect(readCertification(r, atSigning - 1)).toBeUndefined();
  });

  it('an absent P is the default 2 (ISO 32000-2 Table 257)', () => {
    const r = rewrite(certified, (r, put) => put(...withReference(r, 'CaNhan', [docMdp({})])));
    expect(readCertification(r, newest(r))).toMatchObject({ p: 2, problems: [] });
  });

  it.each([
    ['7', 7],
    ['0', 0],
    ['the string (1)', text('1')],
  ] as [string, WritableObject][])('P = %s is not 1–3: read as 1, with a problem', (_, p) => {
    const r = rewrite(certified, (r, put) => put(...withReference(r, 'CaNhan', [docMdp({ P: p })])));
    const c = readCertification(r, newest(r));
    expect(c?.p).toBe(1);
    expect(c?.problems.join()).toMatch(/not 1, 2 or 3/);
  });

  it('a certification signature without a DocMDP reference: P 2, with a problem', () => {
    const r = rewrite(certified, (r, put) => put(...withReference(r, 'CaNhan', [])));
    const c = readCertification(r, newest(r));
    expect(c).toMatchObject({ p: 2, field: 'CaNhan' });
    expect(c?.problems.join()).toMatch(/no DocMDP signature reference/);
  });

  it('/Perms /DocMDP that is not a reference: read as 1', () => {
    const r = rewrite(certified, (r, put) => {
      const perms = WritableDict.of({ DocMDP: WritableDict.from(signature(r, 'CaNhan').dict) });
      put(r.catalogRef, WritableDict.from(r.catalog).set('Perms', perms));
    });
    expect(readCertification(r, newest(r))).toMatchObject({ p: 1, sigRef: undefined });
  });

  it('names the signatures made before the one /Perms calls the certification', () => {
    const r = rewrite(plainThenSealed, (r, put) => {
      const seal = signature(r, 'CoQuan');
      put(...withReference(r, 'CoQuan', [docMdp({ P: 2 })]));
      put(r.catalogRef, WritableDict.from(r.catalog).set('Perms', WritableDict.of({ DocMDP: seal.ref })));
    });
    const c = readCertification(r, newest(r));
    expect(c).toMatchObject({ p: 2, field: 'CoQuan' });
    expect(c?.problems).toEqual(['signed before the certification: CaNhan']);
  });

  it('an uncertified document has none', () => {
    const r = PdfReader.fromBuffer(plainThenSealed);
    expect(readCertification(r, newest(r))).toBeUndefined();
  });
});

describe('readFieldLocks', () => {
  it("reads the seal's FieldMDP lock from the revision that signs it on", () => {
    const r = PdfReader.fromBuffer(sealed);
    const fields = ['SoVanBan', 'NgayBanHanh.Ngay', 'NgayBanHanh.Thang', 'NgayBanHanh.Nam'];
    expect(readFieldLocks(r, newest(r))).toEqual([
      { field: 'CoQuan', action: 'Include', fields, problems: [] },
    ]);
    expect(readFieldLocks(r, newest(r) - 1)).toEqual([]);
  });

  it('Exclude with its fields; a missing or unknown /Action locks everything', () => {
    const exclude = rewrite(sealed, (r, put) =>
      put(...withReference(r, 'CoQuan', [fieldMdp({ Action: name('Exclude'), Fields: [text('Ghi chú')] })])),
    );
    expect(readFieldLocks(exclude, newest(exclude))).toEqual([
      { field: 'CoQuan', action: 'Exclude', fields: ['Ghi chú'], problems: [] },
    ]);
    for (const action of [undefined, name('Some')]) {
      const r = rewrite(sealed, (r, put) =>
        put(...withReference(r, 'CoQuan', [fieldMdp(action ? { Action: action } : {})])),
      );
      const [lock] = readFieldLocks(r, newest(r));
      expect(lock).toMatchObject({ field: 'CoQuan', action: 'All', fields: [] });
      expect(lock?.problems.join()).toMatch(/read as \/All/);
    }
  });

  it('Include without a /Fields array, or with a non-string entry, says so', () => {
    const r = rewrite(sealed, (r, put) =>
      put(
        ...withReference(r, 'CoQuan', [fieldMdp({ Action: name('Include'), Fields: [text('SoVanBan'), 5] })]),
      ),
    );
    const [lock] = readFieldLocks(r, newest(r));
    expect(lock).toMatchObject({ action: 'Include', fields: ['SoVanBan'] });
    expect(lock?.problems).toEqual(['FieldMDP /Fields holds 5, not a field name']);
    const none = rewrite(sealed, (r, put) =>
      put(...withReference(r, 'CoQuan', [fieldMdp({ Action: name('Include') })])),
    );
    expect(readFieldLocks(none, newest(none))[0]?.problems).toEqual([
      'FieldMDP /Include without a /Fields array',
    ]);
  });

  it('ignores DocMDP references and unsigned fields', () => {
    const r = PdfReader.fromBuffer(certified);
    expect(readFieldLocks(r, newest(r))).toEqual([]);
  });
});
