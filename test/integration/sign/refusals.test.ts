import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfRef, PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdf, signPdfFile } from '../../../daemon/src/pdf/sign-pdf.js';
import { assertStillIntact, intactSignatures } from '../../../daemon/src/pdf/sign/self-check.js';
import { WritableDict, name, text } from '../../../daemon/src/pdf/writer/serialize.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { acroFormWith, pageAnnotsWith } from '../../support/pdf-form-edits.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { appendUpdate } from '../../support/pdf-update-writer.js';
import { signVanBan } from '../../support/signed-van-ban.js';

// What the clerk's slips must not turn into: a second seal, a number on a broken approval, an
// update that our own verification then calls a modification of the approver's signature.
const tmp = tempDir('vanthu-refusals-');
let ca: TestCa;
let rootPemPath: string;
let base: Uint8Array;
let approver: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
const sigPng = makeInkPng('signature');
const sealPng = makeInkPng('seal');

beforeAll(async () => {
  ca = await makeTestCa();
  rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  base = await makeVanBan();
  approver = await ca.issue('Trần Văn Minh');
  org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
});
afterAll(() => tmp.cleanup());

const approve = (input: Uint8Array) =>
  signPdf(input, { signer: approver.signer, role: 'approver', image: sigPng });
const seal = (input: Uint8Array, number = '1637/QĐ-UBND', date = '2026-01-05') =>
  signPdf(input, { signer: org.signer, role: 'seal', image: sealPng, number, date });

async function indications(bytes: Uint8Array): Promise<Record<string, string>> {
  const report = await verifyPdf(bytes, { trustPaths: [rootPemPath], online: false });
  return Object.fromEntries(report.signatures.map((s) => [s.field, s.indication]));
}

describe('refusing what would spoil an issued document', () => {
  it('a second number-and-seal is ALREADY_SEALED, naming the number and date already issued', async () => {
    const issued = await signVanBan(ca, base, { number: '15/QĐ-UBND', date: '2026-03-02' });
    const again = seal(issued, '16/QĐ-UBND', '2026-03-03');
    await expect(again).rejects.toMatchObject({ code: 'ALREADY_SEALED' });
    await expect(again).rejects.toThrow(/số 15\/QĐ-UBND, ngày 0?2\/0?3\/2026/);
  });

  it('numbering a document whose approver signature does not verify is APPROVER_SIGNATURE_INVALID', async () => {
    const approved = Buffer.from(await approve(base));
    // One byte of the signed /M string changed: the approver's digest no longer matches.
    const at = approved.lastIndexOf(Buffer.from('/M (D:'));
    approved[at + 7] = approved[at + 7] === 0x31 ? 0x32 : 0x31;
    await expect(seal(approved)).rejects.toMatchObject({ code: 'APPROVER_SIGNATURE_INVALID' });
  });

  it('the self-check names the earlier signature a new revision would spoil (SIGNING_WOULD_BREAK)', async () => {
    const approved = await approve(base);
    const before = PdfReader.fromBuffer(approved);
    const intact = intactSignatures(before);
    before.close();
    expect(intact.map((s) => s.name)).toEqual(['CaNhan']);
    // A later revision that rewrites page 1's content: a modification of the approver's page.
    const spoiled = appendUpdate(approved, (r) => {
      const page = r.page(0);
      return {
        objects: [{ num: page.ref.num, value: WritableDict.from(page.dict).set('Contents', []) }],
      };
    });
    const after = PdfReader.fromBuffer(spoiled);
    try {
      expect(() => assertStillIntact(intact, after)).toThrow(/CaNhan/);
      expect(() => assertStillIntact(intact, after)).toThrow(
        expect.objectContaining({ code: 'SIGNING_WOULD_BREAK' }),
      );
    } finally {
      after.close();
    }
  });

  it('a page /Annots holding null and a reference to a free object: approver then seal both stay valid', async () => {
    const odd = appendUpdate(base, (r) => {
      const free = new PdfRef(r.nextObjectNumber + 40, 0);
      return {
        objects: pageAnnotsWith(r, 0, []).map((o) => ({ ...o, value: setAnnots(o.value, [null, free]) })),
      };
    });
    const sealed = await seal(await approve(odd));
    expect(await indications(sealed)).toEqual({ CaNhan: 'TOTAL_PASSED', CoQuan: 'TOTAL_PASSED' });
    const r = PdfReader.fromBuffer(sealed);
    try {
      const annots = r.resolve(r.page(0).dict.get('Annots')) as unknown[];
      expect(annots[0]).toBeNull();
      expect(annots[1]).toBeInstanceOf(PdfRef);
    } finally {
      r.close();
    }
  });

  it('an existing /AcroForm /DR /Font /VtF1 is never rewritten: the seal names its font anew', async () => {
    const withDr = appendUpdate(base, (r, next) => {
      const font = next();
      return {
        objects: [
          {
            num: font,
            value: WritableDict.of({
              Type: name('Font'),
              Subtype: name('Type1'),
              BaseFont: name('Helvetica'),
            }),
          },
          ...acroFormWith(r, next, {
            acro: (a) =>
              a
                .set('Fields', [])
                .set('DR', WritableDict.of({ Font: WritableDict.of({ VtF1: new PdfRef(font, 0) }) })),
          }),
        ],
      };
    });
    const approved = await approve(withDr);
    const sealed = await seal(approved);
    expect(await indications(sealed)).toEqual({ CaNhan: 'TOTAL_PASSED', CoQuan: 'TOTAL_PASSED' });
    const before = PdfReader.fromBuffer(withDr);
    const after = PdfReader.fromBuffer(sealed);
    try {
      const fonts = (r: PdfReader) => r.dict(r.dict(r.acroForm?.get('DR'))?.get('Font'))!;
      expect(String(fonts(after).get('VtF1'))).toBe(String(fonts(before).get('VtF1')));
      expect(fonts(after).has('VtF1_2')).toBe(true);
    } finally {
      before.close();
      after.close();
    }
  });

  it('an empty approver field at the signature block is signed into, not doubled', async () => {
    const prepared = appendUpdate(base, (r, next) => {
      const widget = next();
      return {
        objects: [
          {
            num: widget,
            value: WritableDict.of({
              Type: name('Annot'),
              Subtype: name('Widget'),
              FT: name('Sig'),
              T: text('ChuKyLanhDao'),
              F: 4,
              Rect: [360, 190, 480, 275],
              P: r.page(0).ref,
            }),
          },
          ...pageAnnotsWith(r, 0, [new PdfRef(widget, 0)]),
          ...acroFormWith(r, next, { fields: [new PdfRef(widget, 0)] }),
        ],
      };
    });
    const approved = await approve(prepared);
    const r = PdfReader.fromBuffer(approved);
    try {
      const sigs = r.signatureFields();
      expect(sigs.map((s) => [s.name, s.value !== undefined])).toEqual([['ChuKyLanhDao', true]]);
    } finally {
      r.close();
    }
  });

  it('a refused signing leaves no output file', async () => {
    const issued = await signVanBan(ca, base, { number: '15/QĐ-UBND', date: '2026-03-02' });
    const inPath = join(tmp.dir, 'issued.pdf');
    const outPath = join(tmp.dir, 'twice.pdf');
    writeFileSync(inPath, issued);
    await expect(
      signPdfFile(inPath, outPath, {
        signer: org.signer,
        role: 'seal',
        image: sealPng,
        number: '16/QĐ-UBND',
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_SEALED' });
    const { existsSync } = await import('node:fs');
    expect(existsSync(outPath)).toBe(false);
  });
});

function setAnnots(value: unknown, annots: (PdfRef | null)[]): WritableDict {
  return (value as WritableDict).set('Annots', annots);
}
