import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signer } from '../../../daemon/src/token/signer.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import type { SignatureReport } from '../../../daemon/src/verify/types.js';
import { basePdf } from '../../support/pdf-change-builder.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { splicedPdf } from '../../support/pdf-tamper.js';
import { type CraftedSignature, craftSignature } from '../../support/verify-pdf-craft.js';

/**
 * Which revision a signature covers and whether the bytes after it are whole revisions: the
 * second signature (revision 2, after a first one in revision 1) stops where a test says.
 */

const tmp = tempDir('vanthu-verify-pdf-coverage-');
let who: IssuedTestCertificate;
let signer: Signer;
let signed: Uint8Array;
let opts: VerifyOptions;

beforeAll(async () => {
  const ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false };
  who = await ca.issue('Trần Thị Hoa', { org: 'Sở Nội vụ' });
  signer = who.signer;
  signed = await craftSignature(basePdf(), signer, { field: 'CaNhan' });
});
afterAll(() => tmp.cleanup());

const STOPS_INSIDE =
  'the signature stops inside a revision: bytes it does not cover are not an incremental update';
const UNCOVERED_TAIL = 'bytes after the last revision are not covered by any signature';

/** The report of the crafted second signature (field "Thu"), after `extra` bytes are appended. */
async function second(plan: Omit<CraftedSignature, 'field'>, extra?: Uint8Array): Promise<SignatureReport> {
  const bytes = await craftSignature(signed, signer, { field: 'Thu', ...plan });
  const file = extra ? Buffer.concat([bytes, extra]) : bytes;
  const r = await verifyPdf(file, opts);
  return r.signatures.find((s) => s.field === 'Thu')!;
}

/** ByteRange ending `short` bytes before the end of the file as signed. */
const endingBefore =
  (short: number) =>
  (a: number, b: number, size: number): number[] => [0, a, b, size - short - b];

describe('verifyPdf: coverage of each signature', () => {
  it('the first of two signatures covers its own revision whole, the last one the entire file', async () => {
    const bytes = await craftSignature(signed, signer, { field: 'Thu' });
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures.map((s) => [s.field, s.revision, s.coverage, s.indication])).toEqual([
      ['CaNhan', 1, 'ENTIRE_REVISION', 'TOTAL_PASSED'],
      ['Thu', 2, 'ENTIRE_FILE', 'TOTAL_PASSED'],
    ]);
    expect(r.revisions).toBe(3);
  });

  it('a signature over the whole file including bytes after the last %%EOF: entire file, last revision', async () => {
    const s = await second({ tail: Buffer.from('trailing text\n', 'latin1') });
    expect(s).toMatchObject({ coverage: 'ENTIRE_FILE', revision: 2, integrity: true });
    expect(s.errors).toEqual([]);
  });

  it('a signature ending right after %%EOF, before its CR LF, covers its revision', async () => {
    // Signed up to "%%EOF", then the update's LF becomes CR LF: the revision ends 2 bytes later.
    const bytes = await craftSignature(signed, signer, { field: 'Thu', byteRange: endingBefore(1) });
    const file = Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from('\r\n', 'latin1')]);
    const r = await verifyPdf(file, opts);
    const s = r.signatures.find((x) => x.field === 'Thu')!;
    expect(s, JSON.stringify(s.errors)).toMatchObject({
      coverage: 'ENTIRE_REVISION',
      revision: 2,
      indication: 'TOTAL_PASSED',
    });
  });

  it('a signature stopping inside its revision: partial, attributed to the last revision it covers whole', async () => {
    const s = await second({ byteRange: endingBefore(40) });
    expect(s).toMatchObject({ coverage: 'PARTIAL', revision: 1, indication: 'TOTAL_FAILED' });
    expect(s.errors).toContain(STOPS_INSIDE);
  });

  it('non-blank bytes after the last revision, not signed: partial, they are named', async () => {
    const s = await second({}, Buffer.from('x', 'latin1'));
    expect(s).toMatchObject({ coverage: 'PARTIAL', revision: 2 });
    expect(s.errors).toContain(UNCOVERED_TAIL);
    expect(s.errors).not.toContain(STOPS_INSIDE);
  });

  it('blank bytes (LF, CR, space, NUL) after the last revision are no change', async () => {
    for (const byte of [0x0a, 0x0d, 0x20, 0x00]) {
      const s = await second({}, Buffer.alloc(3, byte));
      expect(s, `byte ${byte}`).toMatchObject({ coverage: 'ENTIRE_REVISION', indication: 'TOTAL_PASSED' });
    }
  });

  it('a tab after the last revision is not blank', async () => {
    const s = await second({}, Buffer.from('\t', 'latin1'));
    expect(s.coverage).toBe('PARTIAL');
    expect(s.errors).toContain(UNCOVERED_TAIL);
  });

  it('blank padding counts as blank up to 4096 bytes, not beyond', async () => {
    expect((await second({}, Buffer.alloc(4096, 0x20))).coverage).toBe('ENTIRE_REVISION');
    expect((await second({}, Buffer.alloc(4097, 0x20))).coverage).toBe('PARTIAL');
  });

  it('a blank tail after the last revision does not hide a signature stopping inside a revision', async () => {
    const s = await second({ byteRange: endingBefore(40) }, Buffer.alloc(10, 0x20));
    expect(s).toMatchObject({ coverage: 'PARTIAL', revision: 1 });
    expect(s.errors).toContain(STOPS_INSIDE);
  });

  it('a tail that is blank only in part is not blank', async () => {
    const s = await second({}, Buffer.from('x  ', 'latin1'));
    expect(s.coverage).toBe('PARTIAL');
    expect(s.errors).toContain(UNCOVERED_TAIL);
  });

  it('the first signature ending before its revision’s CR LF, with a later revision after it: its revision whole', async () => {
    const bytes = await craftSignature(basePdf(), signer, { field: 'CaNhan', byteRange: endingBefore(1) });
    const crlf = Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from('\r\n', 'latin1')]);
    const r = await verifyPdf(await craftSignature(crlf, signer, { field: 'Thu' }), opts);
    expect(r.signatures[0]).toMatchObject({ field: 'CaNhan', coverage: 'ENTIRE_REVISION', revision: 1 });
  });

  it('a signature ending before its revision’s CR LF, with bytes after the last revision: that revision', async () => {
    const bytes = await craftSignature(signed, signer, { field: 'Thu', byteRange: endingBefore(1) });
    const file = Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from('\r\nx', 'latin1')]);
    const s = (await verifyPdf(file, opts)).signatures.find((x) => x.field === 'Thu')!;
    expect(s).toMatchObject({ coverage: 'PARTIAL', revision: 2 });
    expect(s.errors).toContain(UNCOVERED_TAIL);
  });

  it('a signature of the original revision, with an update after it: the original revision whole', async () => {
    const original = splicedPdf({ dir: tmp.dir, certPem: who.certPem, keyPem: who.keyPem, shape: 'normal' });
    const r = await verifyPdf(await craftSignature(original, signer, { field: 'Thu' }), opts);
    expect(r.signatures[0]).toMatchObject({ field: 'ChuKy', coverage: 'ENTIRE_REVISION', revision: 0 });
  });
});
