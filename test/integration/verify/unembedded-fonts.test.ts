import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { verifyPdf } from '../../../daemon/src/verify/index.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { signVanBan } from '../../support/signed-van-ban.js';

// A font the file does not carry is drawn by each reader with a font of its own choosing: what the
// signer saw is then not what the recipient sees, and the report says so.
const tmp = tempDir('vanthu-fonts-');
let ca: TestCa;
let rootPemPath: string;

beforeAll(async () => {
  ca = await makeTestCa();
  rootPemPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPemPath, ca.rootPem);
});
afterAll(() => tmp.cleanup());

const fontWarnings = async (bytes: Uint8Array) =>
  (await verifyPdf(bytes, { trustPaths: [rootPemPath], online: false })).warnings.filter((w) =>
    /not embedded/.test(w),
  );

describe('fonts the file does not embed', () => {
  it('a signed page whose text uses Helvetica without its font file is named in the report', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const helvetica = await doc.embedFont(StandardFonts.Helvetica);
    page.drawText('QUYET DINH', { x: 250, y: 700, size: 14, font: helvetica });
    page.drawText('CHU TICH', { x: 380, y: 300, size: 13, font: helvetica });
    page.drawText('Tran Van Minh', { x: 380, y: 170, size: 13, font: helvetica });
    const person = await ca.issue('Trần Văn Minh');
    const signed = await signPdf(await doc.save(), {
      signer: person.signer,
      role: 'approver',
      image: makeInkPng('signature'),
      rect: [380, 200, 120, 60],
      page: 1,
    });
    const warnings = await fontWarnings(signed);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('page 1 uses fonts that are not embedded (Helvetica)');
  });

  it('a document in embedded fonts, numbered and sealed with our stamped text, has no such warning', async () => {
    const issued = await signVanBan(ca, await makeVanBan(), { number: '15/QĐ-UBND', date: '2026-03-02' });
    expect(await fontWarnings(issued)).toEqual([]);
  });
});
