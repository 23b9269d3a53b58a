import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { qpdf, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng } from '../../support/pdf-inputs-signer.js';
import { type VerifyFixture, makeVerifyFixture } from '../../support/verify-fixture.js';

/**
 * A linearized original has two xref sections (first page, then the rest) that are one revision:
 * signed by the approver and then sealed, both signatures verify TOTAL_PASSED, which needs the
 * sections read as one revision (revision-merge.ts).
 */

const tmp = tempDir('vanthu-linearized-');
let fx: VerifyFixture;

beforeAll(async () => {
  fx = await makeVerifyFixture(tmp.dir);
});
afterAll(() => tmp.cleanup());

describe('a linearized original', () => {
  it('approver then seal: both signatures TOTAL_PASSED', async () => {
    const linearized = qpdf(fx.base, ['--linearize'], tmp.dir);
    expect(PdfReader.fromBuffer(linearized).revisions).toHaveLength(1);
    const approver = await fx.ca.issue('Nguyễn Văn An', { org: 'Sở Nội vụ' });
    const org = await fx.ca.issue('UBND', { org: 'Ủy ban nhân dân' });
    const approved = await signPdf(linearized, {
      signer: approver.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    const sealed = await signPdf(approved, { signer: org.signer, role: 'seal', image: makeInkPng('seal') });
    const report = await verifyPdf(sealed, { trustPaths: [fx.rootPath], online: false });
    expect(report.signatures.map((s) => [s.field, s.indication])).toEqual([
      ['CaNhan', 'TOTAL_PASSED'],
      ['CoQuan', 'TOTAL_PASSED'],
    ]);
  });
});
