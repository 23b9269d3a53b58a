import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { Raw, name } from '../../../daemon/src/pdf/writer/serialize.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import type { SignatureReport } from '../../../daemon/src/verify/types.js';
import { withEmptySignatureField } from '../../support/pdf-attacks-round2.js';
import { basePdf } from '../../support/pdf-change-builder.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssuedTestCertificate, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { craftSignature } from '../../support/verify-pdf-craft.js';

/**
 * What the document-level pass finds before any signature check: which fields are signatures,
 * whether their /Contents is a detached CMS (or, for a document timestamp, a token), and whether
 * two signatures claim the same excluded gap.
 */

const tmp = tempDir('vanthu-verify-pdf-signatures-');
let who: IssuedTestCertificate;
let opts: VerifyOptions;

beforeAll(async () => {
  const ca = await makeTestCa();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  opts = { trustPaths: [rootPath], online: false };
  who = await ca.issue('Trần Thị Hoa', { org: 'Sở Nội vụ' });
});
afterAll(() => tmp.cleanup());

const only = async (bytes: Uint8Array): Promise<SignatureReport> => {
  const r = await verifyPdf(bytes, opts);
  expect(r.signatures).toHaveLength(1);
  return r.signatures[0]!;
};

/** `openssl cms -sign -nodetach`: a CMS that carries the signed bytes inside it. */
function attachedCms(data: Buffer): Uint8Array {
  const [input, cert, key] = ['attached.bin', 'cert.pem', 'key.pem'].map((f) => join(tmp.dir, f));
  writeFileSync(input!, data);
  writeFileSync(cert!, who.certPem);
  writeFileSync(key!, who.keyPem, { mode: 0o600 });
  return execFileSync('openssl', [
    'cms',
    '-sign',
    '-binary',
    '-nodetach',
    '-in',
    input!,
    '-signer',
    cert!,
    '-inkey',
    key!,
    '-outform',
    'DER',
    '-md',
    'sha256',
    '-nosmimecap',
  ]);
}

describe('verifyPdf: signature fields and their CMS', () => {
  it('an empty signature field is not a signature', async () => {
    const unsigned = withEmptySignatureField(basePdf());
    const none = await verifyPdf(unsigned, opts);
    expect(none.signatures).toEqual([]);
    expect(none.indication).toBe('INDETERMINATE');
    const s = await only(await craftSignature(unsigned, who.signer, { field: 'CaNhan' }));
    expect(s).toMatchObject({ field: 'CaNhan', indication: 'TOTAL_PASSED' });
  });

  it('an empty /Contents string: no CMS to check', async () => {
    const s = await only(
      await craftSignature(basePdf(), who.signer, {
        field: 'CaNhan',
        sigExtra: { Contents: new Raw('<>', 'contents') },
      }),
    );
    expect(s).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(s.errors).toContain('the signature has no /Contents');
  });

  it('a /Contents that is not a string: no CMS to check', async () => {
    const s = await only(
      await craftSignature(basePdf(), who.signer, { field: 'CaNhan', sigExtra: { Contents: 0 } }),
    );
    expect(s.errors).toContain('the signature has no /Contents');
  });

  it('bytes that are not a CMS: the parser reason, said once', async () => {
    const s = await only(
      await craftSignature(basePdf(), who.signer, {
        field: 'CaNhan',
        contents: async () => Buffer.from('not a CMS at all', 'latin1'),
      }),
    );
    expect(s).toMatchObject({
      indication: 'TOTAL_FAILED',
      subIndication: 'FORMAT_FAILURE',
      integrity: false,
    });
    const lines = s.errors.filter((e) => /does not parse/.test(e));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CMS does not parse: \w/);
    expect(lines[0]).not.toMatch(/parse: CMS does not parse/);
  });

  it('a CAdES signature whose CMS encapsulates its content is refused', async () => {
    const s = await only(
      await craftSignature(basePdf(), who.signer, { field: 'CaNhan', contents: async (d) => attachedCms(d) }),
    );
    expect(s.subIndication).toBe('FORMAT_FAILURE');
    expect(s.errors).toContain('the CMS is not detached (it encapsulates content)');
  });

  it('a document timestamp whose CMS is a detached signature holds no token', async () => {
    const s = await only(
      await craftSignature(basePdf(), who.signer, {
        field: 'DauThoiGian',
        sigExtra: { Type: name('DocTimeStamp'), SubFilter: name('ETSI.RFC3161') },
      }),
    );
    expect(s.subIndication).toBe('FORMAT_FAILURE');
    expect(s.errors).toContain('the document timestamp holds no TSTInfo');
    expect(s.errors).not.toContain('the CMS is not detached (it encapsulates content)');
  });

  it('a signature without /ByteRange is not hashed, and does not disturb the next one', async () => {
    const first = await craftSignature(basePdf(), who.signer, {
      field: 'CaNhan',
      sigExtra: { ByteRange: 0 },
    });
    const r = await verifyPdf(await craftSignature(first, who.signer, { field: 'Thu' }), opts);
    const [broken, fine] = r.signatures;
    expect(broken!.errors).toContain('/ByteRange missing or malformed');
    // No digest of an empty range is compared with the CMS.
    expect(broken!.errors.filter((e) => /message-digest/.test(e))).toEqual([]);
    expect(fine).toMatchObject({ field: 'Thu', indication: 'TOTAL_PASSED' });
  });
});

describe('verifyPdf: the signer certificates of the document', () => {
  it('a seal signature made with a personal certificate is named', async () => {
    const r = await verifyPdf(await craftSignature(basePdf(), who.signer, { field: 'CoQuan' }), opts);
    expect(r.signatures[0]).toMatchObject({ role: 'seal', indication: 'TOTAL_PASSED' });
    expect(r.signatures[0]!.warnings).toContain('seal signature made with a personal certificate');
  });
});

describe('verifyPdf: two signatures sharing an excluded gap', () => {
  let first: Buffer;
  /** The /Contents gap [a, b) of the first signature. */
  let gap: [number, number];

  beforeAll(async () => {
    first = await craftSignature(basePdf(), who.signer, { field: 'CaNhan' });
    const br = PdfReader.fromBuffer(first).signatureFields()[0]!.byteRange!;
    gap = [br[1]!, br[2]!];
  });

  const withGap = async (g: (size: number) => [number, number]) => {
    const bytes = await craftSignature(first, who.signer, {
      field: 'Thu',
      byteRange: (_a, _b, size) => {
        const [s, e] = g(size);
        return [0, s, e, size - e];
      },
    });
    const r = await verifyPdf(bytes, opts);
    return r.signatures.map((s) => s.errors.filter((e) => /overlaps/.test(e)));
  };

  it('a second signature excluding the first one’s /Contents: both are refused, each naming the other', async () => {
    expect(await withGap(() => gap)).toEqual([
      ['its gap overlaps the gap of Thu'],
      ['its gap overlaps the gap of CaNhan'],
    ]);
  });

  it('gaps that only touch do not overlap (second gap right after the first)', async () => {
    expect(await withGap(() => [gap[1], gap[1] + 10])).toEqual([[], []]);
  });

  it('gaps that only touch do not overlap (second gap right before the first)', async () => {
    expect(await withGap(() => [gap[0] - 10, gap[0]])).toEqual([[], []]);
  });
});
