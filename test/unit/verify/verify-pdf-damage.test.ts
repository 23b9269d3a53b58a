import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { basePdf } from '../../support/pdf-change-builder.js';
import { swapXrefOffsets } from '../../support/pdf-damage.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { addComment, splicedPdf } from '../../support/pdf-tamper.js';
import { craftSignature } from '../../support/verify-pdf-craft.js';

/**
 * Damaged cross-reference data: objects found by scanning make a document warning; a signature
 * whose own revision has wrong offsets also says that what its signer saw is not certain.
 */

const SIGNATURE_WARNING =
  'the file was repaired: the xref of the signed revision points at wrong objects, so what the signer saw cannot be fully established / tệp đã được sửa: bảng tham chiếu chéo của phiên bản được ký trỏ sai đối tượng';
const DOCUMENT_WARNING =
  'the cross-reference data is damaged: objects were found by scanning the file / bảng tham chiếu chéo bị hỏng, đối tượng được tìm bằng cách quét tệp';

const tmp = tempDir('vanthu-verify-pdf-damage-');
let who: IssuedTestCertificate;
let opts: VerifyOptions;
/** Signed by `openssl cms` over a file whose xref had the offsets of objects 2 and 3 swapped. */
let signedDamaged: Uint8Array;

beforeAll(async () => {
  const ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false, allowAnnotations: true };
  who = await ca.issue('Trần Thị Hoa', { org: 'Sở Nội vụ' });
  signedDamaged = splicedPdf({
    dir: tmp.dir,
    certPem: who.certPem,
    keyPem: who.keyPem,
    shape: 'normal',
    swapOffsets: [2, 3],
  });
});
afterAll(() => tmp.cleanup());

describe('verifyPdf: damaged cross-reference data', () => {
  it('an intact file has neither warning', async () => {
    const r = await verifyPdf(await craftSignature(basePdf(), who.signer, { field: 'CaNhan' }), opts);
    expect(r.warnings).not.toContain(DOCUMENT_WARNING);
    expect(r.signatures[0]!.warnings).not.toContain(SIGNATURE_WARNING);
  });

  it('wrong offsets in the signed revision (nothing scanned for the newest objects): the signature and the document both say so', async () => {
    const r = await verifyPdf(signedDamaged, opts);
    expect(r.signatures[0]!.integrity).toBe(true);
    expect(r.signatures[0]!.warnings.filter((w) => w === SIGNATURE_WARNING)).toHaveLength(1);
    expect(r.warnings).toContain(DOCUMENT_WARNING);
  });

  it('wrong offsets only in a later update: a document warning, the signature keeps its revision', async () => {
    const signed = await craftSignature(basePdf(), who.signer, { field: 'CaNhan' });
    const commented = addComment(signed);
    const reader = PdfReader.fromBuffer(commented);
    const [a, b] = [...reader.lastRevision.entries.keys()].filter((n) => n !== 0).slice(0, 2);
    const r = await verifyPdf(swapXrefOffsets(commented, a!, b!), opts);
    expect(r.warnings).toContain(DOCUMENT_WARNING);
    expect(r.signatures[0]!.warnings).not.toContain(SIGNATURE_WARNING);
  });
});
