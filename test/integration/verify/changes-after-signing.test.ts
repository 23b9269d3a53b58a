import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, type VerifyReport, verifyPdf } from '../../../daemon/src/verify/index.js';
import {
  addEmptySignatureField,
  addUnreferencedObjects,
  movePagesIntoObjectStream,
  objectStreamOf,
  replaceCatalog,
  replaceFormFont,
  replaceSignedAppearance,
  rewriteObjectStreamWithPages,
  setNeedAppearances,
} from '../../support/pdf-attacks.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng } from '../../support/pdf-inputs-signer.js';
import { approverSignedBy, makeVerifyFixture } from '../../support/verify-fixture.js';
import { type PdfRef, PdfReader } from '../../../daemon/src/pdf/reader/index.js';

const tmp = tempDir('vanthu-changes-');
let opts: VerifyOptions;
/** Approver-signed originals: one with classic xref tables, one whose objects sit in object streams. */
const originals: Record<'classic' | 'objstm', Uint8Array> = {
  classic: new Uint8Array(),
  objstm: new Uint8Array(),
};
/** Each original after approver → seal (with number and date). */
const sealed: Record<'classic' | 'objstm', Uint8Array> = {
  classic: new Uint8Array(),
  objstm: new Uint8Array(),
};

beforeAll(async () => {
  const fx = await makeVerifyFixture(tmp.dir);
  opts = { trustPaths: [fx.rootPath], online: false };
  const bases = {
    classic: fx.base,
    objstm: qpdf(await makeVanBan(), ['--object-streams=generate'], tmp.dir),
  };
  for (const kind of ['classic', 'objstm'] as const) {
    originals[kind] = await approverSignedBy(fx.ca, bases[kind], 'Nguyễn Văn An');
    sealed[kind] = await signPdf(originals[kind], {
      signer: (await fx.ca.issue(`Văn thư ${kind}`, { org: 'Ủy ban nhân dân thành phố Cần Thơ' })).signer,
      role: 'seal',
      image: makeInkPng('seal'),
      number: '1637/QĐ-UBND',
      date: '2020-01-05',
    });
  }
}, 120_000);
afterAll(() => tmp.cleanup());

async function expectRefused(
  bytes: Uint8Array,
  file: string,
  reason: RegExp,
  signature = 0,
): Promise<VerifyReport> {
  writeFileSync(join(tmp.dir, file), bytes);
  const r = await verifyPdf(bytes, opts);
  const s = r.signatures[signature]!;
  expect(s.integrity).toBe(true);
  expect(s.modificationsAfter).toBe('OTHER');
  expect(['TOTAL_FAILED', 'INDETERMINATE']).toContain(s.indication);
  if (s.indication === 'TOTAL_FAILED') expect(s.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
  expect(s.errors.join('\n')).toMatch(reason);
  return r;
}

describe.each(['classic', 'objstm'] as const)('changes after signing (%s original)', (kind) => {
  it('our approver → seal chain stays TOTAL_PASSED', async () => {
    const r = await verifyPdf(sealed[kind], opts);
    expect(r.signatures.map((s) => [s.indication, s.modificationsAfter])).toEqual([
      ['TOTAL_PASSED', 'SIGNATURES_AND_FORMS'],
      ['TOTAL_PASSED', 'NONE'],
    ]);
  });

  it('a new catalog with a new page tree drawing over page 1 is refused, naming the catalog and the page', async () => {
    const bytes = replaceCatalog(originals[kind]);
    const r = await expectRefused(
      bytes,
      `${kind}-catalog.pdf`,
      /catalog was replaced by object \d+[\s\S]*page 1 \/Contents changed/,
    );
    expect(r.signatures[0]!.changedPages).toEqual([1]);
  });

  it('an object stream rewritten under the same number, with the page tree inside changed, is refused', async () => {
    let input = originals[kind];
    if (kind === 'classic') {
      // First a harmless update moves the page tree root, unchanged, into an object stream…
      input = movePagesIntoObjectStream(input);
      const moved = await verifyPdf(input, opts);
      expect(moved.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED' });
    }
    const pagesNum = (PdfReader.fromBuffer(input).catalog.get('Pages') as PdfRef).num;
    expect(objectStreamOf(input, pagesNum)).toBeDefined();
    // …then that stream is rewritten: only the stream itself gets a new xref entry.
    const bytes = rewriteObjectStreamWithPages(input);
    await expectRefused(bytes, `${kind}-objstm.pdf`, /page 1 \/Contents changed/);
  });

  it('an empty signature field whose appearance paints over page 1 is refused', async () => {
    const bytes = addEmptySignatureField(originals[kind]);
    const r = await expectRefused(
      bytes,
      `${kind}-emptysig.pdf`,
      /page 1: unsigned signature field "Chữ ký bổ sung" added with a visible appearance/,
    );
    expect(r.signatures[0]!.changedPages).toEqual([1]);
  });

  it('/NeedAppearances set after signing is refused for every earlier signature', async () => {
    const bytes = setNeedAppearances(sealed[kind]);
    await expectRefused(bytes, `${kind}-needapp.pdf`, /NeedAppearances set after signing/, 0);
    await expectRefused(bytes, `${kind}-needapp.pdf`, /NeedAppearances set after signing/, 1);
  });

  it('a font of the form resources (/DR) replaced after signing is refused', async () => {
    const bytes = replaceFormFont(sealed[kind]);
    await expectRefused(bytes, `${kind}-dr.pdf`, /AcroForm \/DR \/Font \/\S+ changed after signing/, 1);
  });

  it("a signed field's widget given a new appearance and rectangle after signing is refused", async () => {
    const bytes = replaceSignedAppearance(originals[kind]);
    await expectRefused(
      bytes,
      `${kind}-signed-ap.pdf`,
      /object \d+ \(\/Annot\): signed field "CaNhan" changed after signing/,
    );
  });
});

describe('changes after signing that cannot be analysed to the end', () => {
  it('an update with more objects than the analysis checks is INDETERMINATE, never valid', async () => {
    const bytes = addUnreferencedObjects(originals.classic, 200_001);
    const r = await verifyPdf(bytes, opts);
    const s = r.signatures[0]!;
    expect(s).toMatchObject({
      integrity: true,
      indication: 'INDETERMINATE',
      subIndication: 'GENERIC',
      modificationsAfter: 'OTHER',
      changedPages: [],
    });
    expect(s.errors).toContain('too many changed objects to analyse');
    expect(r.indication).toBe('INDETERMINATE');
  }, 60_000);
});
