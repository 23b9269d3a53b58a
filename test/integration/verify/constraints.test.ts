import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import type { TestCa } from '../../support/pdf-inputs-signer.js';
import { splicedPdf } from '../../support/pdf-tamper.js';
import { makeNssDb } from '../../support/validators.js';
import { expectPdfsigAgrees } from '../../support/verify-agreement.js';
import { approverSignedBy, makeVerifyFixture } from '../../support/verify-fixture.js';

const tmp = tempDir('vanthu-constraints-');
let ca: TestCa;
let base: Uint8Array;
let nssDb: string;
let opts: VerifyOptions;

/** A private-enterprise OID nobody processes, as a critical (or not) extension. */
const unknownExtension = (critical: boolean): x509.Extension =>
  new x509.Extension('1.3.6.1.4.1.55555.7.1', critical, new Uint8Array([0x05, 0x00]));

beforeAll(async () => {
  const f = await makeVerifyFixture(tmp.dir);
  ({ ca, base } = f);
  nssDb = makeNssDb(tmp.dir, ca.rootPem);
  opts = { trustPaths: [f.rootPath], online: false };
});
afterAll(() => tmp.cleanup());

const chainConstraintFailure = {
  integrity: true,
  chain: 'TRUSTED',
  indication: 'INDETERMINATE',
  subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
};

describe('verifyPdf: RFC 5280 path constraints', () => {
  it('an unknown critical extension in the signer certificate invalidates the path; the same one non-critical does not', async () => {
    const critical = await approverSignedBy(ca, base, 'Mở Rộng Tới Hạn', {
      extensions: [unknownExtension(true)],
    });
    const r = await verifyPdf(critical, opts);
    expect(r.signatures[0]).toMatchObject(chainConstraintFailure);
    expect(r.signatures[0]!.errors.join('\n')).toMatch(
      /unknown critical extension 1\.3\.6\.1\.4\.1\.55555\.7\.1/,
    );
    // pdfsig (NSS) reads the signature as intact too: the refusal is about the path, not the bytes.
    expectPdfsigAgrees(tmp.dir, 'critical-ext.pdf', critical, r, nssDb);
    const plain = await approverSignedBy(ca, base, 'Mở Rộng Thường', {
      extensions: [unknownExtension(false)],
    });
    expect((await verifyPdf(plain, opts)).signatures[0]!.indication).toBe('TOTAL_PASSED');
  });

  it('an unknown critical extension in a CA certificate invalidates the path', async () => {
    const sub = await ca.subCa({ cn: 'Sub CA mở rộng lạ', extensions: [unknownExtension(true)] });
    const s = (await verifyPdf(await approverSignedBy(sub, base, 'Dưới CA Lạ'), opts)).signatures[0]!;
    expect(s).toMatchObject(chainConstraintFailure);
    expect(s.errors.join('\n')).toMatch(/CN=Sub CA mở rộng lạ has an unknown critical extension/);
  });

  it('an issuer that is not a CA (basicConstraints cA false) or lacks keyCertSign invalidates the path', async () => {
    const notCa = await ca.subCa({ cn: 'Không Phải CA', ca: false, pathLen: null });
    const noCertSign = await ca.subCa({
      cn: 'CA không ký chứng thư',
      keyUsage: x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature,
    });
    const a = (await verifyPdf(await approverSignedBy(notCa, base, 'Dưới Không CA'), opts)).signatures[0]!;
    expect(a).toMatchObject(chainConstraintFailure);
    expect(a.errors.join('\n')).toMatch(/CN=Không Phải CA is not a CA certificate/);
    const b = (await verifyPdf(await approverSignedBy(noCertSign, base, 'Dưới CA Thiếu Quyền'), opts))
      .signatures[0]!;
    expect(b).toMatchObject(chainConstraintFailure);
    expect(b.errors.join('\n')).toMatch(/may not sign certificates/);
  });

  it('pathLenConstraint: 0 refuses a sub CA below it, 1 admits it', async () => {
    const strictTop = await ca.subCa({ cn: 'CA trung gian pathLen 0', pathLen: 0 });
    const below = await strictTop.subCa({ cn: 'CA cấp dưới' });
    const refused = (await verifyPdf(await approverSignedBy(below, base, 'Ba Tầng'), opts)).signatures[0]!;
    expect(refused).toMatchObject(chainConstraintFailure);
    expect(refused.errors.join('\n')).toMatch(/allows 0 intermediate CAs below it, the path has 1/);
    const roomyTop = await ca.subCa({ cn: 'CA trung gian pathLen 1', pathLen: 1 });
    const below2 = await roomyTop.subCa({ cn: 'CA cấp dưới 2' });
    const ok = (await verifyPdf(await approverSignedBy(below2, base, 'Ba Tầng Hợp Lệ'), opts)).signatures[0]!;
    expect(ok, JSON.stringify(ok.errors)).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
  });
});

describe('verifyPdf: algorithms (SHA-1, MD5, RSA < 2048)', () => {
  let person: Awaited<ReturnType<TestCa['issue']>>;
  beforeAll(async () => {
    person = await ca.issue('Thuật Toán Cũ', { org: 'Sở Nội vụ' });
  });
  const spliced = (md: 'sha1' | 'md5' | 'sha256', who = person) =>
    splicedPdf({ dir: tmp.dir, certPem: who.certPem, keyPem: who.keyPem, shape: 'normal', md });

  it('SHA-1 (openssl cms -md sha1): passes with a warning under standard, CRYPTO_CONSTRAINTS_FAILURE under strict', async () => {
    const bytes = spliced('sha1');
    const std = (await verifyPdf(bytes, opts)).signatures[0]!;
    expect(std).toMatchObject({ integrity: true, indication: 'TOTAL_PASSED', algorithm: 'RSA SHA-1' });
    expect(std.warnings).toContain('SHA-1 digest (the signature)');
    const strict = (await verifyPdf(bytes, { ...opts, policy: 'strict' })).signatures[0]!;
    expect(strict).toMatchObject({
      integrity: true,
      indication: 'INDETERMINATE',
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    });
    expect(strict.errors.join('\n')).toMatch(
      /SHA-1 digest \(the signature\), refused under the strict policy/,
    );
  });

  it('MD5 (openssl cms -md md5): refused under both policies', async () => {
    const s = (await verifyPdf(spliced('md5'), opts)).signatures[0]!;
    expect(s).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
    expect(s.errors.join('\n')).toMatch(/MD5 digest/);
  });

  it('an RSA-1024 signer key: refused even with SHA-256', async () => {
    const weak = await ca.issue('Khóa Ngắn', { org: 'Sở Nội vụ', keyBits: 1024 });
    const s = (await verifyPdf(spliced('sha256', weak), opts)).signatures[0]!;
    expect(s).toMatchObject({
      integrity: true,
      indication: 'INDETERMINATE',
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
    });
    expect(s.errors.join('\n')).toMatch(/RSA key of 1024 bits in the signer certificate/);
  });

  it('an RSA-1024 CA key and a certificate signed with SHA-1 are checked on the path too', async () => {
    const weakCa = await ca.subCa({ cn: 'CA khóa ngắn', keyBits: 1024 });
    const w = (await verifyPdf(await approverSignedBy(weakCa, base, 'Dưới CA Khóa Ngắn'), opts))
      .signatures[0]!;
    expect(w).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE' });
    expect(w.errors.join('\n')).toMatch(/RSA key of 1024 bits in CA certificate .*CN=CA khóa ngắn/);
    const sha1Cert = await approverSignedBy(ca, base, 'Chứng Thư SHA-1', { hash: 'SHA-1' });
    const std = (await verifyPdf(sha1Cert, opts)).signatures[0]!;
    expect(std).toMatchObject({ indication: 'TOTAL_PASSED' });
    expect(std.warnings).toContain('SHA-1 digest (signature of the signer certificate)');
    const strict = (await verifyPdf(sha1Cert, { ...opts, policy: 'strict' })).signatures[0]!;
    expect(strict.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
  });
});
