import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PdfObject, PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  addComment,
  addPage,
  drawOnPage1,
  flipByte,
  replaceAcroForm,
  splicedPdf,
} from '../../support/pdf-tamper.js';
import { text } from '../../../daemon/src/pdf/writer/serialize.js';
import { makeNssDb, pdfsigAddSignature } from '../../support/validators.js';
import { expectPdfsigAgrees } from '../../support/verify-agreement.js';

const tmp = tempDir('vanthu-verify-');
let ca: TestCa;
let nssDb: string;
let opts: VerifyOptions;
let approverSigned: Uint8Array;
let twoSigned: Uint8Array;
let person: Awaited<ReturnType<TestCa['issue']>>;

beforeAll(async () => {
  ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  nssDb = makeNssDb(tmp.dir, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false };
  const base = await makeVanBan();
  person = await ca.issue('Nguyễn Văn An', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
  const org = await ca.issue('Ủy ban nhân dân thành phố Cần Thơ', {
    org: 'Ủy ban nhân dân thành phố Cần Thơ',
  });
  approverSigned = await signPdf(base, {
    signer: person.signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  twoSigned = await signPdf(approverSigned, {
    signer: org.signer,
    role: 'seal',
    image: makeInkPng('seal'),
    number: '1637/QĐ-UBND',
    date: '2020-01-05',
  });
});
afterAll(() => tmp.cleanup());

describe('verifyPdf: integrity, coverage and changes after signing', () => {
  it('approver → seal (with number and date): both TOTAL_PASSED, in order, pdfsig agrees', async () => {
    const r = await verifyPdf(twoSigned, opts);
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.order).toEqual(['CaNhan', 'CoQuan']);
    const [a, s] = r.signatures;
    expect(a).toMatchObject({
      field: 'CaNhan',
      role: 'approver',
      integrity: true,
      coverage: 'ENTIRE_REVISION',
      modificationsAfter: 'SIGNATURES_AND_FORMS',
      chain: 'TRUSTED',
      revocation: 'NOT_CHECKED',
      subFilter: 'ETSI.CAdES.detached',
      page: 1,
    });
    expect(a!.signer.commonName).toBe('Nguyễn Văn An');
    expect(a!.signingTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(s).toMatchObject({
      field: 'CoQuan',
      role: 'seal',
      coverage: 'ENTIRE_FILE',
      modificationsAfter: 'NONE',
    });
    // The seal covers the approver's image by rule (Điều 10.1b): no overlap warning for that pair.
    expect(r.warnings.some((w) => /overlap/.test(w))).toBe(false);
    expect(r.sha256).toBe(createHash('sha256').update(twoSigned).digest('hex'));
    expectPdfsigAgrees(tmp.dir, 'two.pdf', twoSigned, r, nssDb);
  });

  it('reads the file from disk with the same result as from memory', async () => {
    const file = join(tmp.dir, 'two-disk.pdf');
    writeFileSync(file, twoSigned);
    const fromDisk = await verifyPdf(file, opts);
    const fromMemory = await verifyPdf(readFileSync(file), { ...opts, fileName: file });
    expect({ ...fromDisk, validatedAt: '' }).toEqual({ ...fromMemory, validatedAt: '' });
  });

  it('a file signed by pdfsig -add-signature, then sealed by us: both verify', async () => {
    const first = pdfsigAddSignature(tmp.dir, nssDb, person.certPem, person.keyPem, await makeVanBan());
    const org2 = await ca.issue('Sở Nội vụ', { org: 'Sở Nội vụ' });
    const sealed = await signPdf(first, { signer: org2.signer, role: 'seal', image: makeInkPng('seal') });
    for (const bytes of [first, sealed]) {
      const r = await verifyPdf(bytes, opts);
      expect(
        r.signatures.every((s) => s.integrity && s.chain === 'TRUSTED'),
        JSON.stringify(r, null, 1),
      ).toBe(true);
      expect(r.indication, JSON.stringify(r.signatures.map((s) => s.errors))).toBe('TOTAL_PASSED');
      expectPdfsigAgrees(tmp.dir, `pdfsig-${bytes.length}.pdf`, bytes, r, nssDb);
    }
  });

  it('one byte flipped in the first range and in the second range: HASH_FAILURE, pdfsig agrees', async () => {
    const sig = PdfReader.fromBuffer(approverSigned).signatureFields()[0]!;
    const [, a, b] = sig.byteRange!;
    const inFirst = flipByte(approverSigned, Math.floor(a! / 2));
    // Inside the second range, within a stream's data so the file still parses.
    const text = Buffer.from(approverSigned).toString('latin1');
    const tail = text.indexOf('stream\n', b!) + 10;
    const inSecond = flipByte(approverSigned, tail);
    for (const [name, bytes] of [
      ['flip-1.pdf', inFirst],
      ['flip-2.pdf', inSecond],
    ] as const) {
      const r = await verifyPdf(bytes, opts);
      expect(r.signatures[0]).toMatchObject({
        integrity: false,
        indication: 'TOTAL_FAILED',
        subIndication: 'HASH_FAILURE',
      });
      expectPdfsigAgrees(tmp.dir, name, bytes, r, nssDb);
    }
  });

  it('content drawn on page 1 in a later update: TOTAL_FAILED / SIG_CONSTRAINTS_FAILURE although pdfsig says valid', async () => {
    const bytes = drawOnPage1(approverSigned);
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]).toMatchObject({
      integrity: true,
      coverage: 'ENTIRE_REVISION',
      modificationsAfter: 'OTHER',
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    });
    expect(r.signatures[0]!.errors.join('\n')).toMatch(/Contents/);
    expectPdfsigAgrees(tmp.dir, 'drawn.pdf', bytes, r, nssDb);
  });

  it('a content change hidden between approver and seal fails the approver, not the seal', async () => {
    const forged = drawOnPage1(approverSigned);
    const org3 = await ca.issue('Văn phòng UBND', { org: 'Văn phòng UBND' });
    const sealed = await signPdf(forged, { signer: org3.signer, role: 'seal', image: makeInkPng('seal') });
    const r = await verifyPdf(sealed, opts);
    expect(r.signatures.map((s) => [s.field, s.indication, s.modificationsAfter])).toEqual([
      ['CaNhan', 'TOTAL_FAILED', 'OTHER'],
      ['CoQuan', 'TOTAL_PASSED', 'NONE'],
    ]);
    expect(r.indication).toBe('TOTAL_FAILED');
  });

  it('a new page added after signing: TOTAL_FAILED / SIG_CONSTRAINTS_FAILURE', async () => {
    const bytes = addPage(twoSigned);
    const r = await verifyPdf(bytes, opts);
    for (const s of r.signatures)
      expect(s).toMatchObject({
        integrity: true,
        modificationsAfter: 'OTHER',
        subIndication: 'SIG_CONSTRAINTS_FAILURE',
      });
    expectPdfsigAgrees(tmp.dir, 'new-page.pdf', bytes, r, nssDb);
  });

  it('AcroForm replaced after signing: /XFA added or a signed field dropped is OTHER; an identical copy is allowed', async () => {
    const xfa = replaceAcroForm(approverSigned, (a) => a.set('XFA', text('<xdp/>')));
    const dropped = replaceAcroForm(twoSigned, (a, rd) => {
      const fields = rd.resolve(rd.acroForm!.get('Fields')) as PdfObject[];
      a.set('Fields', fields.slice(1));
    });
    const same = replaceAcroForm(approverSigned, () => {});
    expect((await verifyPdf(xfa, opts)).signatures[0]).toMatchObject({
      modificationsAfter: 'OTHER',
      indication: 'TOTAL_FAILED',
    });
    const d = await verifyPdf(dropped, opts);
    expect(d.signatures.map((s) => s.field)).toEqual(['CoQuan']);
    expect(d.signatures[0]).toMatchObject({ modificationsAfter: 'OTHER', indication: 'TOTAL_FAILED' });
    expect((await verifyPdf(same, opts)).signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED' });
  });

  it('a comment added after signing: ANNOTATIONS, refused by default, accepted when the policy allows it', async () => {
    const bytes = addComment(approverSigned);
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]).toMatchObject({ modificationsAfter: 'ANNOTATIONS', indication: 'TOTAL_FAILED' });
    const allowed = await verifyPdf(bytes, { ...opts, allowAnnotations: true });
    expect(allowed.signatures[0]).toMatchObject({
      modificationsAfter: 'ANNOTATIONS',
      indication: 'TOTAL_PASSED',
    });
  });

  it('a signature made by openssl cms -sign and spliced into a placeholder verifies', async () => {
    for (const subFilter of ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'] as const) {
      const bytes = splicedPdf({
        dir: tmp.dir,
        certPem: person.certPem,
        keyPem: person.keyPem,
        shape: 'normal',
        subFilter,
      });
      const r = await verifyPdf(bytes, opts);
      expect(r.signatures[0], JSON.stringify(r.signatures[0])).toMatchObject({
        field: 'ChuKy',
        integrity: true,
        coverage: 'ENTIRE_FILE',
        indication: 'TOTAL_PASSED',
        subFilter,
      });
      expectPdfsigAgrees(tmp.dir, `spliced-${subFilter}.pdf`, bytes, r, nssDb);
    }
  });

  it.each(['gap-too-big', 'uncovered-tail', 'overlapping'] as const)(
    'ByteRange %s: FORMAT_FAILURE whatever the hash says; integrity agrees with pdfsig',
    async (shape) => {
      const bytes = splicedPdf({ dir: tmp.dir, certPem: person.certPem, keyPem: person.keyPem, shape });
      const r = await verifyPdf(bytes, opts);
      const s = r.signatures[0]!;
      expect(s.indication).toBe('TOTAL_FAILED');
      expect(s.subIndication).toBe('FORMAT_FAILURE');
      if (shape === 'uncovered-tail') expect(s.coverage).toBe('PARTIAL');
      expectPdfsigAgrees(tmp.dir, `range-${shape}.pdf`, bytes, r, nssDb);
    },
  );

  it('a file without signatures: INDETERMINATE with no signature entries', async () => {
    const r = await verifyPdf(await makeVanBan(), opts);
    expect(r.indication).toBe('INDETERMINATE');
    expect(r.signatures).toEqual([]);
  });
});
