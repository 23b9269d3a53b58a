import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PdfDict,
  type PdfObject,
  PdfReader,
  PdfRef,
  type PdfString,
} from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { WritableDict, name } from '../../../daemon/src/pdf/writer/serialize.js';
import { IncrementalUpdate } from '../../../daemon/src/pdf/writer/update.js';
import { readCertification, readFieldLocks } from '../../../daemon/src/verify/mdp.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type ValidationContext, allAccepted, makeNssDb, validateAll } from '../../support/validators.js';

const tmp = tempDir('vanthu-certify-');
let ca: TestCa;
let vctx: ValidationContext;
let base: Uint8Array;
let approver: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
const sigPng = makeInkPng('signature');
const sealPng = makeInkPng('seal');
const STAMPS = ['SoVanBan', 'NgayBanHanh.Ngay', 'NgayBanHanh.Thang', 'NgayBanHanh.Nam'];

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  base = await makeVanBan();
  approver = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

function save(name: string, bytes: Uint8Array): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** Independent checks: pdfsig, qpdf --check, mutool sign -v and openssl accept, and mutool renders. */
function expectValid(name: string, bytes: Uint8Array, signatures: number): void {
  const file = save(name, bytes);
  const report = validateAll(file, bytes, vctx);
  expect(allAccepted(report, signatures), JSON.stringify(report)).toBe(true);
  const png = join(tmp.dir, `${name}.png`);
  const draw = spawnSync('mutool', ['draw', '-q', '-r', '30', '-o', png, file, '1'], { encoding: 'utf8' });
  expect(draw.status, draw.stderr).toBe(0);
  expect(existsSync(png)).toBe(true);
}

const newest = (r: PdfReader): number => r.revisions.length - 1;

function transformOf(r: PdfReader, sig: PdfDict, method: string): PdfDict | undefined {
  const refs = r.resolve(sig.get('Reference'));
  const ref = (Array.isArray(refs) ? refs : [])
    .map((x) => r.dict(x))
    .find((d) => d?.name('TransformMethod') === method);
  if (!ref) return undefined;
  expect(ref.name('Type')).toBe('SigRef');
  return r.dict(ref.get('TransformParams'));
}

const texts = (r: PdfReader, o: PdfObject | undefined): string[] => {
  const a = r.resolve(o);
  return Array.isArray(a) ? a.map((x) => (r.resolve(x) as PdfString).text()) : [];
};

async function certified(p: 1 | 2 | 3): Promise<Uint8Array> {
  const { output } = await signPdfDetailed(base, {
    signer: approver.signer,
    role: 'approver',
    image: sigPng,
    certify: p,
  });
  return output;
}

describe('certification signature (DocMDP)', () => {
  it.each([1, 2, 3] as const)(
    'P=%i: /Reference DocMDP, catalog /Perms, readable, accepted by pdfsig',
    async (p) => {
      const output = await certified(p);
      expectValid(`certified-${p}.pdf`, output, 1);
      const r = PdfReader.fromBuffer(output);
      const [field] = r.signatureFields();
      const perms = r.dict(r.catalog.get('Perms'));
      expect(perms?.get('DocMDP')).toBeInstanceOf(PdfRef);
      expect((perms!.get('DocMDP') as PdfRef).equals(field!.valueRef!)).toBe(true);
      const params = transformOf(r, field!.value!, 'DocMDP');
      expect(params?.name('Type')).toBe('TransformParams');
      expect(params?.number('P')).toBe(p);
      expect(params?.name('V')).toBe('1.2');
      expect(readCertification(r, newest(r))).toMatchObject({ p, field: 'CaNhan', problems: [] });
      // Not certified before the signing revision.
      expect(readCertification(r, newest(r) - 1)).toBeUndefined();
    },
  );

  it('P=1: no later signature, seal or number/date step', async () => {
    const output = await certified(1);
    await expect(
      signPdfDetailed(output, { signer: approver.signer, role: 'approver', image: sigPng }),
    ).rejects.toMatchObject({ code: 'PDF_CERTIFIED_LOCKED' });
    await expect(
      signPdfDetailed(output, {
        signer: org.signer,
        role: 'seal',
        image: sealPng,
        number: '1637/QĐ-UBND',
        date: '2020-01-05',
      }),
    ).rejects.toMatchObject({ code: 'PDF_CERTIFIED_LOCKED' });
  });

  it('a P outside 1–3 written by another tool is read as 1: signing is refused', async () => {
    const output = await certified(2);
    const r = PdfReader.fromBuffer(output);
    const [field] = r.signatureFields();
    const bad = WritableDict.of({
      Type: name('SigRef'),
      TransformMethod: name('DocMDP'),
      TransformParams: WritableDict.of({ Type: name('TransformParams'), P: 7, V: name('1.2') }),
    });
    const u = new IncrementalUpdate(r, output.subarray(output.length - 1));
    u.put(field!.valueRef!, WritableDict.from(field!.value!).set('Reference', [bad]));
    const edited = Buffer.concat([output, u.build(r.size).bytes]);
    await expect(
      signPdfDetailed(edited, { signer: org.signer, role: 'seal', image: sealPng }),
    ).rejects.toMatchObject({ code: 'PDF_CERTIFIED_LOCKED' });
  });

  it('only the first signature certifies, and only as approver', async () => {
    const plain = await signPdfDetailed(base, { signer: approver.signer, role: 'approver', image: sigPng });
    await expect(
      signPdfDetailed(plain.output, { signer: approver.signer, role: 'approver', image: sigPng, certify: 2 }),
    ).rejects.toMatchObject({ code: 'PDF_CERTIFY_NOT_FIRST' });
    await expect(
      signPdfDetailed(base, { signer: org.signer, role: 'copy', certify: 2 }),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('P=2: the seal with number and date follows; both signatures valid, certification kept', async () => {
    const sealed = await signPdfDetailed(await certified(2), {
      signer: org.signer,
      role: 'seal',
      image: sealPng,
      number: '1637/QĐ-UBND',
      date: '2020-01-05',
    });
    expect(sealed.result.warnings).toContainEqual({ code: 'CERTIFIED_NEW_FIELDS', permission: 2 });
    expectValid('certified-2-sealed.pdf', sealed.output, 2);
    const r = PdfReader.fromBuffer(sealed.output);
    expect(readCertification(r, newest(r))).toMatchObject({ p: 2, field: 'CaNhan', problems: [] });
  });
});

describe('field locks (FieldMDP)', () => {
  it('the seal field locks the number and date fields it adds; its signature names them', async () => {
    const approved = await signPdfDetailed(base, {
      signer: approver.signer,
      role: 'approver',
      image: sigPng,
    });
    const sealed = await signPdfDetailed(approved.output, {
      signer: org.signer,
      role: 'seal',
      image: sealPng,
      number: '1637/QĐ-UBND',
      date: '2020-01-05',
    });
    expect(sealed.result.stampedFields).toEqual(STAMPS);
    expectValid('sealed-lock.pdf', sealed.output, 2);
    const r = PdfReader.fromBuffer(sealed.output);
    const seal = r.signatureFields().find((f) => f.name === 'CoQuan')!;
    const lockRaw = seal.field.get('Lock');
    expect(lockRaw).toBeInstanceOf(PdfRef);
    const lock = r.dict(lockRaw)!;
    expect(lock.name('Type')).toBe('SigFieldLock');
    expect(lock.name('Action')).toBe('Include');
    expect(texts(r, lock.get('Fields'))).toEqual(STAMPS);
    const params = transformOf(r, seal.value!, 'FieldMDP')!;
    expect(params.name('Type')).toBe('TransformParams');
    expect(params.name('Action')).toBe('Include');
    expect(params.name('V')).toBe('1.2');
    expect(texts(r, params.get('Fields'))).toEqual(STAMPS);
    const refs = r.resolve(seal.value!.get('Reference')) as PdfObject[];
    expect((r.dict(refs[0])!.get('Data') as PdfRef).equals(r.catalogRef)).toBe(true);
    expect(readFieldLocks(r, newest(r))).toEqual([
      { field: 'CoQuan', action: 'Include', fields: STAMPS, problems: [] },
    ]);
    // Every name the lock lists is a field of the document.
    const names = new Set(r.fields().map((f) => f.name));
    for (const n of STAMPS) expect(names.has(n)).toBe(true);
    // Neither signature certifies.
    expect(readCertification(r, newest(r))).toBeUndefined();
  });

  it('a seal without number or date locks nothing', async () => {
    const approved = await signPdfDetailed(base, {
      signer: approver.signer,
      role: 'approver',
      image: sigPng,
    });
    const sealed = await signPdfDetailed(approved.output, {
      signer: org.signer,
      role: 'seal',
      image: sealPng,
    });
    const r = PdfReader.fromBuffer(sealed.output);
    const seal = r.signatureFields().find((f) => f.name === 'CoQuan')!;
    expect(seal.field.has('Lock')).toBe(false);
    expect(seal.value!.has('Reference')).toBe(false);
    expect(readFieldLocks(r, newest(r))).toEqual([]);
  });

  it('a prepared field with /Lock: its signature carries the matching FieldMDP reference', async () => {
    const doc = await PDFDocument.load(base);
    const page = doc.getPage(0);
    const ctx = doc.context;
    const lock = ctx.register(ctx.obj({ Type: 'SigFieldLock', Action: 'All' }));
    const widget = ctx.register(
      ctx.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Sig',
        T: PDFString.of('ChuKyLanhDao'),
        Rect: [350, 180, 500, 270],
        F: 4,
        P: page.ref,
        Lock: lock,
      }),
    );
    page.node.set(PDFName.of('Annots'), ctx.obj([widget]));
    doc.catalog.set(PDFName.of('AcroForm'), ctx.obj({ Fields: [widget] }));
    const prepared = await doc.save({ useObjectStreams: false });
    const { output } = await signPdfDetailed(prepared, {
      signer: approver.signer,
      role: 'approver',
      image: sigPng,
      field: 'ChuKyLanhDao',
      certify: 2,
    });
    expectValid('prepared-lock.pdf', output, 1);
    const r = PdfReader.fromBuffer(output);
    const f = r.signatureFields()[0]!;
    // The author's lock object is kept as it was.
    expect((f.field.get('Lock') as PdfRef).num).toBe(lock.objectNumber);
    expect(transformOf(r, f.value!, 'FieldMDP')?.name('Action')).toBe('All');
    expect(transformOf(r, f.value!, 'DocMDP')?.number('P')).toBe(2);
    expect(readFieldLocks(r, newest(r))).toEqual([
      { field: 'ChuKyLanhDao', action: 'All', fields: [], problems: [] },
    ]);
    expect(readCertification(r, newest(r))).toMatchObject({ p: 2, field: 'ChuKyLanhDao' });
  });
});
