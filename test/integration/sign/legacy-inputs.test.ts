import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfRef, PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdfDetailed } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { shiftBody, swapXrefOffsets } from '../../support/pdf-damage.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { splicedPdf } from '../../support/pdf-tamper.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type ValidationContext,
  allAccepted,
  makeNssDb,
  pdfsigAddSignature,
  qpdfCheck,
  validateAll,
} from '../../support/validators.js';

const tmp = tempDir('vanthu-legacy-');
let ca: TestCa;
let vctx: ValidationContext;
let verifyOpts: VerifyOptions;
let approver: Awaited<ReturnType<TestCa['issue']>>;
let org: Awaited<ReturnType<TestCa['issue']>>;
let base: Uint8Array;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
  vctx = { nssDb: makeNssDb(tmp.dir, ca.rootPem), rootPemPath, dir: tmp.dir };
  verifyOpts = { trustPaths: [rootPemPath], online: false };
  approver = await ca.issue('Trần Văn Minh');
  org = await ca.issue('Sở Nội vụ', { org: 'Sở Nội vụ thành phố Cần Thơ' });
  base = await makeVanBan();
});
afterAll(() => tmp.cleanup());

function save(name: string, bytes: Uint8Array): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, bytes);
  return file;
}

function expectPrefix(prefix: Uint8Array, whole: Uint8Array): void {
  expect(whole.length).toBeGreaterThan(prefix.length);
  expect(Buffer.from(whole.subarray(0, prefix.length)).equals(Buffer.from(prefix))).toBe(true);
}

/** Every validator accepts all signatures and `vanthu verify` passes each of them. */
async function expectAccepted(name: string, bytes: Uint8Array, signatures: number): Promise<void> {
  const report = validateAll(save(name, bytes), bytes, vctx);
  expect(allAccepted(report, signatures), JSON.stringify(report, null, 1)).toBe(true);
  const v = await verifyPdf(bytes, verifyOpts);
  expect(v.signatures).toHaveLength(signatures);
  expect(v.indication, JSON.stringify(v.signatures, null, 1)).toBe('TOTAL_PASSED');
}

describe('PDF 1.3 input', () => {
  let v13: Uint8Array;
  beforeAll(() => {
    v13 = qpdf(base, ['--force-version=1.3'], tmp.dir);
  });

  it('is signed with the catalog upgraded to /Version /1.7 and the header left alone', async () => {
    const r = PdfReader.fromBuffer(v13);
    expect(r.headerVersion).toBe('1.3');
    expect(r.catalog.name('Version')).toBeUndefined();
    const { output, result } = await signPdfDetailed(v13, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    expectPrefix(v13, output);
    const out = PdfReader.fromBuffer(output);
    expect(out.headerVersion).toBe('1.3');
    expect(out.catalog.name('Version')).toBe('1.7');
    expect(result.warnings).toContainEqual({ code: 'PDF_VERSION_RAISED', from: '1.3', to: '1.7' });
    await expectAccepted('v13-approver.pdf', output, 1);
  });

  it('gets a receipt stamp (income) after a signature made elsewhere, both signatures valid', async () => {
    const first = pdfsigAddSignature(tmp.dir, vctx.nssDb, approver.certPem, approver.keyPem, v13);
    const signedElsewhere = PdfReader.fromBuffer(first);
    expect(signedElsewhere.headerVersion).toBe('1.3');
    expect(signedElsewhere.catalog.name('Version')).toBeUndefined();
    const { output } = await signPdfDetailed(first, {
      signer: org.signer,
      role: 'income',
      arrivalNumber: '152',
      arrivalDate: '2026-11-24',
    });
    expectPrefix(first, output);
    expect(PdfReader.fromBuffer(output).catalog.name('Version')).toBe('1.7');
    await expectAccepted('v13-income.pdf', output, 2);
    const v = await verifyPdf(output, verifyOpts);
    expect(v.signatures[0]!.modificationsAfter).toBe('SIGNATURES_AND_FORMS');
  });

  it('keeps a newer catalog /Version as it is', async () => {
    const { output } = await signPdfDetailed(base, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    expect(PdfReader.fromBuffer(output).catalog.name('Version')).toBeUndefined();
  });

  it('refuses a header that names no PDF version (below 1.0): nothing to upgrade from', async () => {
    const nonsense = Buffer.from(v13);
    nonsense.write('%PDF-0.9', 0, 'latin1');
    await expect(
      signPdfDetailed(nonsense, {
        signer: approver.signer,
        role: 'approver',
        image: makeInkPng('signature'),
      }),
    ).rejects.toMatchObject({ code: 'PDF_TOO_OLD' });
  });
});

describe('wrong xref offsets', () => {
  /** Every object a reader that trusts the xref (no scan) finds in `bytes`, by number. */
  function readWithoutScan(bytes: Uint8Array): Map<number, string> {
    const r = PdfReader.fromBuffer(bytes);
    expect(r.repaired).toBe(false);
    const out = new Map<number, string>();
    for (let n = 1; n < r.nextObjectNumber; n++) {
      const v = r.resolve(new PdfRef(n, 0));
      if (v !== null) out.set(n, v?.constructor.name ?? 'undefined');
    }
    return out;
  }

  async function signDamaged(name: string, damaged: Uint8Array): Promise<Buffer> {
    const { output, result } = await signPdfDetailed(damaged, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    expectPrefix(damaged, output);
    expect(result.warnings).toContainEqual({ code: 'XREF_REPAIRED' });
    // The update's xref alone locates every object of the file, the input's and its own.
    const objects = readWithoutScan(output);
    expect(objects.size).toBeGreaterThanOrEqual(PdfReader.fromBuffer(base).nextObjectNumber - 1);
    await expectAccepted(name, output, 1);
    return output;
  }

  it('"expected object 3, found 6": signed after a scan, with an xref listing every object', async () => {
    const damaged = swapXrefOffsets(base, 3, 6);
    expect(() => PdfReader.fromBuffer(damaged).resolve(new PdfRef(3, 0))).toThrow(
      /expected object 3, found 6/,
    );
    expect(qpdfCheck(save('swapped-in.pdf', damaged)).ok).toBe(false);
    await signDamaged('swapped-signed.pdf', damaged);
  });

  it('the catalog offset wrong too (the trailer /Root is read by scanning)', async () => {
    const root = (PdfReader.fromBuffer(base).trailer.get('Root') as PdfRef).num;
    const other = root === 2 ? 3 : 2;
    await signDamaged('root-swapped-signed.pdf', swapXrefOffsets(base, root, other));
  });

  it('refuses a file whose startxref misses its xref (every offset off after inserted bytes)', async () => {
    // Not even the revisions are known then, so neither is what earlier signatures covered.
    const damaged = shiftBody(base, 7);
    expect(PdfReader.fromBuffer(damaged, { allowReconstruct: true }).reconstructed).toBe(true);
    await expect(
      signPdfDetailed(damaged, { signer: approver.signer, role: 'approver', image: makeInkPng('signature') }),
    ).rejects.toMatchObject({ code: 'PDF_MALFORMED' });
  });

  it('a sound file is not rewritten: the update lists only its own objects', async () => {
    const { output, result } = await signPdfDetailed(base, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    expect(result.warnings).toEqual([]);
    const last = PdfReader.fromBuffer(output).lastRevision;
    expect(last.entries.size).toBeLessThan(PdfReader.fromBuffer(base).nextObjectNumber);
  });
});

describe('a signature whose own revision has wrong xref offsets', () => {
  it('verifies with a "repaired" warning; a stamp added on top is signed and passes without it', async () => {
    const other = await ca.issue('Người ký nơi khác');
    const signedElsewhere = splicedPdf({
      dir: tmp.dir,
      certPem: other.certPem,
      keyPem: other.keyPem,
      shape: 'normal',
      swapOffsets: [2, 3],
    });
    const first = await verifyPdf(signedElsewhere, verifyOpts);
    expect(first.signatures[0]!.integrity).toBe(true);
    expect(first.signatures[0]!.warnings.join(' ')).toMatch(/the file was repaired/);
    expect(first.warnings.join(' ')).toMatch(/cross-reference data is damaged/);

    const { output } = await signPdfDetailed(signedElsewhere, {
      signer: org.signer,
      role: 'income',
      arrivalNumber: '153',
      arrivalDate: '2026-11-24',
    });
    expectPrefix(signedElsewhere, output);
    const report = validateAll(save('repaired-income.pdf', output), output, vctx);
    expect(allAccepted(report, 2), JSON.stringify(report, null, 1)).toBe(true);
    const v = await verifyPdf(output, verifyOpts);
    const [earlier, ours] = v.signatures;
    expect(earlier!.integrity).toBe(true);
    expect(earlier!.warnings.join(' ')).toMatch(/the file was repaired/);
    expect(ours!.indication).toBe('TOTAL_PASSED');
    expect(ours!.warnings.join(' ')).not.toMatch(/repaired/);
  });
});
