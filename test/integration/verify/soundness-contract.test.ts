import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignPdfOptions, signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, type VerifyReport, verifyPdf } from '../../../daemon/src/verify/index.js';
import {
  addCoveringAnnotation,
  addCoveringSignature,
  addStampFieldWithOrphanSignature,
  addWidgetReusingSignature,
  paintEmptySignatureField,
  repaintTextField,
  withEmptySignatureField,
  withTextField,
} from '../../support/pdf-attacks-round2.js';
import { certify } from '../../support/pdf-hand-signing.js';
import { makeVanBan, qpdf, tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, makeInkPng } from '../../support/pdf-inputs-signer.js';
import {
  addDssWithExtensions,
  secondSignatureTwoXrefSections,
  secondSignatureWithFormResources,
  secondSignatureWithPageResources,
} from '../../support/pdf-legit-patterns.js';
import { makeNssDb, pdfsig, pdfsigAddSignature, qpdfCheck, render } from '../../support/validators.js';
import { type VerifyFixture, makeVerifyFixture } from '../../support/verify-fixture.js';

/**
 * The verification contract in one place: every attack on a signed document is refused, naming
 * the page it changes, and every legitimate later revision keeps the earlier signatures valid.
 * Each case runs on an original with classic xref tables and on one whose objects sit in object
 * streams; the last test prints and asserts both rates.
 */

type Kind = 'classic' | 'objstm';
const KINDS: Kind[] = ['classic', 'objstm'];

const tmp = tempDir('vanthu-soundness-');
let fx: VerifyFixture;
let opts: VerifyOptions;
let nssDb: string | undefined;
let approver: IssuedTestCertificate;
let other: IssuedTestCertificate;
const unsigned = {} as Record<Kind, Uint8Array>;
/** Approver-signed originals: plain, with an empty signature field, with a text field made before signing. */
const approved = {} as Record<Kind, Uint8Array>;
const approvedWithEmptySig = {} as Record<Kind, Uint8Array>;
const approvedWithTextField = {} as Record<Kind, Uint8Array>;
/** Certified (DocMDP) originals by P. */
const certified = {} as Record<Kind, Record<2 | 3, Uint8Array>>;

interface Outcome {
  name: string;
  passed: boolean;
  detail: string;
}
const attacks: Outcome[] = [];
const legit: Outcome[] = [];

const pdfsigAvailable = spawnSync('pdfsig', ['-v']).status === 0;

beforeAll(async () => {
  fx = await makeVerifyFixture(tmp.dir);
  opts = { trustPaths: [fx.rootPath], online: false };
  if (pdfsigAvailable) nssDb = makeNssDb(tmp.dir, fx.ca.rootPem);
  approver = await fx.ca.issue('Nguyễn Văn An', { org: 'Sở Nội vụ' });
  other = await fx.ca.issue('Lê Thị Bình', { org: 'Công ty Phần mềm Khác' });
  const approve = (bytes: Uint8Array): Promise<Uint8Array> =>
    signPdf(bytes, { signer: approver.signer, role: 'approver', image: makeInkPng('signature') });
  unsigned.classic = fx.base;
  unsigned.objstm = qpdf(await makeVanBan(), ['--object-streams=generate'], tmp.dir);
  for (const kind of KINDS) {
    approved[kind] = await approve(unsigned[kind]);
    approvedWithEmptySig[kind] = await approve(withEmptySignatureField(unsigned[kind]));
    approvedWithTextField[kind] = await approve(withTextField(unsigned[kind]));
    certified[kind] = {
      2: await certify(unsigned[kind], approver.signer, 2),
      3: await certify(unsigned[kind], approver.signer, 3),
    };
  }
}, 180_000);
afterAll(() => tmp.cleanup());

/** Writes a generated file; qpdf must find it well-formed (the generators write valid PDF). */
function save(name: string, bytes: Uint8Array): string {
  const file = join(tmp.dir, `${name.replace(/[^\w.-]+/g, '_')}.pdf`);
  writeFileSync(file, bytes);
  const check = qpdfCheck(file);
  expect(check.ok, `${name}: qpdf --check\n${check.output}`).toBe(true);
  return file;
}

function summary(r: VerifyReport): string {
  return JSON.stringify(
    r.signatures.map((s) => ({
      field: s.field,
      indication: s.indication,
      sub: s.subIndication,
      modificationsAfter: s.modificationsAfter,
      changedPages: s.changedPages,
      errors: s.errors,
    })),
    null,
    1,
  );
}

/** Pixels of page 1 (poppler, 24 dpi) that differ between two files. */
function changedPixels(name: string, before: Uint8Array, after: Uint8Array): number {
  const a = render(save(`${name}-before`, before), 1, 24, tmp.dir).rgb;
  const b = render(save(name, after), 1, 24, tmp.dir).rgb;
  let n = 0;
  for (let i = 0; i < a.length; i += 3)
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
}

/**
 * An attack on signature `index` of `original`: the forgery shows on page 1 (rendered), the signed
 * bytes still verify, and the signature is TOTAL_FAILED or INDETERMINATE with a reason naming page 1
 * and page 1 in changedPages.
 */
async function expectAttackRefused(
  name: string,
  original: Uint8Array,
  bytes: Uint8Array,
  index = 0,
): Promise<void> {
  expect(changedPixels(name, original, bytes), `${name}: page 1 renders unchanged`).toBeGreaterThan(500);
  let r: VerifyReport | undefined;
  try {
    r = await verifyPdf(bytes, opts);
  } catch (e) {
    attacks.push({ name, passed: false, detail: `verifyPdf threw: ${String(e)}` });
    throw e;
  }
  const s = r.signatures[index];
  const refused =
    s !== undefined &&
    ['TOTAL_FAILED', 'INDETERMINATE'].includes(s.indication) &&
    /\bpage 1\b/.test(s.errors.join('\n')) &&
    (s.changedPages ?? []).includes(1);
  attacks.push({ name, passed: refused, detail: summary(r) });
  expect(s, `${name}\n${summary(r)}`).toBeDefined();
  expect(s!.integrity, name).toBe(true);
  expect(['TOTAL_FAILED', 'INDETERMINATE'], `${name}\n${summary(r)}`).toContain(s!.indication);
  expect(s!.errors.join('\n'), `${name}\n${summary(r)}`).toMatch(/\bpage 1\b/);
  expect(s!.changedPages, `${name}\n${summary(r)}`).toContain(1);
}

/** A legitimate later revision: every signature TOTAL_PASSED, and pdfsig finds each one valid. */
async function expectLegitAccepted(name: string, bytes: Uint8Array, signatures: number): Promise<void> {
  const file = save(name, bytes);
  let r: VerifyReport | undefined;
  let thrown: unknown;
  try {
    r = await verifyPdf(bytes, opts);
  } catch (e) {
    thrown = e;
  }
  const passed =
    r !== undefined &&
    r.signatures.length === signatures &&
    r.signatures.every((s) => s.indication === 'TOTAL_PASSED');
  legit.push({ name, passed, detail: r ? summary(r) : String(thrown) });
  if (thrown) throw thrown;
  expect(r!.signatures.length, name).toBe(signatures);
  expect(
    r!.signatures.map((s) => s.indication),
    `${name}\n${summary(r!)}`,
  ).toEqual(Array(signatures).fill('TOTAL_PASSED'));
  if (nssDb) {
    const theirs = pdfsig(file, nssDb);
    expect(theirs.length, `${name}: pdfsig signature count`).toBe(signatures);
    expect(theirs[0]!.signatureValid, `${name}: pdfsig on the earlier signature\n${theirs[0]!.raw}`).toBe(
      true,
    );
  }
}

describe.each(KINDS)('attacks after signing are refused (%s original)', (kind) => {
  it.each([true, false])(
    '1. the empty signature field made before signing painted page-sized, /V null (/MK: %s)',
    async (mk) => {
      const original = approvedWithEmptySig[kind];
      const forged = paintEmptySignatureField(original, { mk });
      await expectAttackRefused(`${kind}-1-empty-sig-painted-mk-${mk}`, original, forged);
    },
  );

  it.each(['kid', 'new-field'] as const)(
    '2. a new page-sized widget reusing the signed field (%s), not in /Fields',
    async (variant) => {
      const original = approved[kind];
      const forged = addWidgetReusingSignature(original, variant);
      await expectAttackRefused(`${kind}-2-reuse-signature-${variant}`, original, forged);
    },
  );

  it('3. a read-only SoVanBan text field over the page plus an orphan signature dictionary', async () => {
    const original = approved[kind];
    const forged = addStampFieldWithOrphanSignature(original);
    await expectAttackRefused(`${kind}-3-stamp-orphan-sig`, original, forged);
  });

  it('4. the widget of a text field made before signing gets a new appearance', async () => {
    const original = approvedWithTextField[kind];
    await expectAttackRefused(`${kind}-4-text-field-repainted`, original, repaintTextField(original));
  });

  it.each([
    [2, 'FreeText'],
    [2, 'Stamp'],
    [3, 'FreeText'],
    [3, 'Stamp'],
  ] as const)('5. EAA: a P=%s-certified document with a covering %s annotation', async (p, subtype) => {
    const original = certified[kind][p];
    const forged = addCoveringAnnotation(original, subtype);
    await expectAttackRefused(`${kind}-5-eaa-p${p}-${subtype}`, original, forged);
  });

  it('5. SSA: a P=2-certified document with a new signature whose widget covers the text', async () => {
    const original = certified[kind][2];
    const forged = await addCoveringSignature(original, other.signer);
    await expectAttackRefused(`${kind}-5-ssa-p2`, original, forged);
  });
});

describe.each(KINDS)('legitimate later revisions keep the earlier signature valid (%s original)', (kind) => {
  it.runIf(pdfsigAvailable)('a. a second signature by pdfsig -add-signature (poppler/NSS)', async () => {
    const bytes = pdfsigAddSignature(tmp.dir, nssDb!, other.certPem, other.keyPem, approved[kind]);
    expect(Buffer.from(bytes.subarray(0, approved[kind].length)).equals(Buffer.from(approved[kind]))).toBe(
      true,
    );
    await expectLegitAccepted(`${kind}-a-pdfsig`, bytes, 2);
  });

  it.each(['hybrid', 'stream-then-table'] as const)(
    'a. a second signature in an update with two xref sections (%s), the page rewritten with new /Annots only',
    async (xref) => {
      const bytes = await secondSignatureTwoXrefSections(approved[kind], other.signer, xref);
      await expectLegitAccepted(`${kind}-a-${xref}`, bytes, 2);
    },
  );

  it('b. /DSS with /Extensions /ADBE (BaseVersion 1.7, ExtensionLevel 8) added to the catalog', async () => {
    const bytes = addDssWithExtensions(approved[kind], [approver.signer.certificate, fx.ca.rootDer]);
    await expectLegitAccepted(`${kind}-b-dss-extensions`, bytes, 1);
  });

  it('c. a second signature adding /XObject /FRM and a /Font to /AcroForm /DR and setting /DA', async () => {
    const bytes = await secondSignatureWithFormResources(approved[kind], other.signer);
    await expectLegitAccepted(`${kind}-c-dr-da`, bytes, 2);
  });

  it("d. a second signature whose widget brings new names into page 1's /Resources", async () => {
    const bytes = await secondSignatureWithPageResources(approved[kind], other.signer);
    await expectLegitAccepted(`${kind}-d-page-resources`, bytes, 2);
  });

  it('e. our chain approver → seal (number, date) → income → copy → attachment', async () => {
    const org = await fx.ca.issue('Ủy ban nhân dân thành phố Cần Thơ', {
      org: 'Ủy ban nhân dân thành phố Cần Thơ',
    });
    const receiver = await fx.ca.issue('Sở Nội vụ thành phố Cần Thơ', { org: 'Sở Nội vụ thành phố Cần Thơ' });
    const steps: Omit<SignPdfOptions, 'signer'>[] = [
      { role: 'seal', image: makeInkPng('seal'), number: '1637/QĐ-UBND', date: '2026-11-24' },
      { role: 'income', arrivalNumber: '152', arrivalDate: '2026-11-25' },
      { role: 'copy', copyForm: 'SAO Y' },
      { role: 'attachment', number: '1637/QĐ-UBND' },
    ];
    let bytes: Uint8Array = approved[kind];
    for (const [i, step] of steps.entries()) {
      const signer = step.role === 'seal' ? org.signer : receiver.signer;
      bytes = await signPdf(bytes, { ...step, signer } as SignPdfOptions);
      await expectLegitAccepted(`${kind}-e-${i + 2}-${step.role}`, bytes, i + 2);
    }
  });
});

/** Cases registered above: 11 attacks and 10 legitimate patterns (the chain counts 4) per original. */
const EXPECTED_ATTACKS = 11 * KINDS.length;
const EXPECTED_LEGIT = (pdfsigAvailable ? 10 : 9) * KINDS.length;

describe('the contract', () => {
  it('every attack is refused (100%) and every legitimate pattern accepted (100%)', () => {
    const rate = (o: Outcome[]): string =>
      `${o.filter((x) => x.passed).length}/${o.length} (${((100 * o.filter((x) => x.passed).length) / Math.max(1, o.length)).toFixed(1)}%)`;
    const failing = [
      ...attacks.filter((a) => !a.passed).map((a) => `attack NOT refused: ${a.name}\n${a.detail}`),
      ...legit.filter((l) => !l.passed).map((l) => `legitimate NOT accepted: ${l.name}\n${l.detail}`),
    ];
    console.log(
      `soundness contract: attacks refused ${rate(attacks)}; legitimate accepted ${rate(legit)}\n${failing.join('\n')}`,
    );
    expect(attacks.length).toBe(EXPECTED_ATTACKS);
    expect(legit.length).toBe(EXPECTED_LEGIT);
    expect(failing).toEqual([]);
  });
});
