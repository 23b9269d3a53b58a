import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addValidationData, extendFile } from '../../../daemon/src/pdf/ltv/extend.js';
import { GrowingDocument } from '../../../daemon/src/pdf/ltv/growing-document.js';
import { extendHandoverMembers } from '../../../daemon/src/registry/handover-ltv.js';
import { signFileAtLevel } from '../../../daemon/src/pdf/ltv/sign-level.js';
import { PdfReader, PdfStream } from '../../../daemon/src/pdf/reader/index.js';
import type { PadesLevel } from '../../../daemon/src/pdf/sign-pdf.js';
import type { FetchLimits } from '../../../daemon/src/trust/fetch.js';
import { verificationFetchLimits } from '../../../daemon/src/trust/fetch-limits.js';
import { TrustStore } from '../../../daemon/src/trust/store.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { formatVietnamDateTime } from '@vanthu/shared/domain/vietnam-time';
import { formatReport } from '../../../daemon/src/verify/report-text.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type IssueOptions, type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type IndexEntry,
  type RevocationServices,
  startRevocationServices,
} from '../../support/revocation.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { makeNssDb, pdfsig, pdfsigAddSignature, qpdfCheck, trimDer } from '../../support/validators.js';
import { makeVerifyFixture } from '../../support/verify-fixture.js';

const tmp = tempDir('vanthu-ltv-');
const DAY = 86400_000;
let ca: TestCa;
let base: Uint8Array;
let rootPath: string;
let rev: RevocationServices;
let tsa: LocalTsa;
const entries: IndexEntry[] = [];
let n = 0;

const limits = (): FetchLimits =>
  verificationFetchLimits({ timeoutMs: 3000, fetch: { allowNetworks: ['127.0.0.0/8'] } });
const store = (): TrustStore => {
  const s = new TrustStore();
  s.loadAnchors([rootPath]);
  return s;
};
const offline = (): VerifyOptions => ({ trustPaths: [rootPath], online: false });

/** A signer whose certificate names the test CA's OCSP responder and CRL, published as given. */
async function signer(cn: string, revokedAt?: Date, issue: IssueOptions = {}) {
  const who = await ca.issue(cn, { ocspUrl: rev.ocspUrl, crlUrl: rev.crlUrl, ...issue });
  entries.push({
    serialHex: who.serialHex,
    notAfter: issue.notAfter ?? new Date(Date.now() + 90 * DAY),
    ...(revokedAt ? { revokedAt } : {}),
  });
  await rev.publish(entries);
  return who;
}

async function signAt(who: Awaited<ReturnType<typeof signer>>, level: PadesLevel): Promise<string> {
  const input = join(tmp.dir, `in-${++n}.pdf`);
  const output = join(tmp.dir, `out-${n}-${level}.pdf`);
  writeFileSync(input, base);
  await signFileAtLevel(
    input,
    output,
    { signer: who.signer, role: 'approver', image: makeInkPng('signature'), tsa: tsa.url, level },
    { store: store(), limits: limits() },
  );
  return output;
}

/** The decoded streams of /DSS /Certs, /OCSPs or /CRLs, read back from the file. */
function dssStreams(file: string, key: 'Certs' | 'OCSPs' | 'CRLs'): Uint8Array[] {
  const r = PdfReader.fromFile(file);
  try {
    const dss = r.dict(r.catalog.get('DSS'));
    const list = r.resolve(dss?.get(key));
    return (Array.isArray(list) ? list : []).map((x) => {
      const s = r.resolve(x);
      if (!(s instanceof PdfStream)) throw new Error('DSS item is not a stream');
      return r.streamData(s);
    });
  } finally {
    r.close();
  }
}

/** `openssl ts -verify` of a document timestamp's token against the bytes its /ByteRange covers. */
function opensslTsVerify(file: string, field: string): string {
  const bytes = readFileSync(file);
  const r = PdfReader.fromFile(file);
  let br: number[];
  let token: Buffer;
  try {
    const f = r.signatureFields().find((x) => x.name === field)!;
    br = f.byteRange!;
    token = trimDer(f.contents!);
  } finally {
    r.close();
  }
  const data = join(tmp.dir, `${field}.data`);
  const tok = join(tmp.dir, `${field}.tst`);
  writeFileSync(
    data,
    Buffer.concat([bytes.subarray(br[0]!, br[0]! + br[1]!), bytes.subarray(br[2]!, br[2]! + br[3]!)]),
  );
  writeFileSync(tok, token);
  const v = spawnSync(
    'openssl',
    ['ts', '-verify', '-data', data, '-in', tok, '-token_in', '-CAfile', rootPath],
    {
      encoding: 'utf8',
    },
  );
  return `${v.stdout}${v.stderr}`;
}

beforeAll(async () => {
  ({ ca, base, rootPath } = await makeVerifyFixture(tmp.dir));
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  const t = await ca.issue('vanthu LTV TSA', { tsa: true, ocspUrl: rev.ocspUrl });
  entries.push({ serialHex: t.serialHex, notAfter: new Date(Date.now() + 90 * DAY) });
  await rev.publish(entries);
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
});
afterAll(async () => {
  await rev?.close();
  await tsa?.close();
  tmp.cleanup();
});

describe('PAdES B-LT and B-LTA signing, validated from the document alone', () => {
  it('B-LT: /DSS with the signer and TSA chains, OCSP answers and a /VRI entry; verifies offline, also past the certificate expiry', async () => {
    const notAfter = new Date(Date.now() + 2 * DAY);
    const who = await signer('Người Ký LTV', undefined, { notAfter });
    const file = await signAt(who, 'B-LT');
    const r = await verifyPdf(file, offline());
    const s = r.signatures[0]!;
    expect(s, JSON.stringify(s)).toMatchObject({
      indication: 'TOTAL_PASSED',
      level: 'B-LT',
      ltv: true,
      revocation: 'GOOD',
      signingTimeSource: 'timestamp',
    });
    expect(s.proofOfExistence).toBe(s.timestamp!.genTime);
    expect(s.chainRevocation[0]!.source).toBe('OCSP (DSS)');
    const text = formatReport(r, 'vi');
    expect(text).toContain('Mức PAdES: B-LT');
    expect(text).toContain('LTV: có');
    expect(text).toContain(`Bằng chứng tồn tại (POE): ${formatVietnamDateTime(s.timestamp!.genTime!)}`);
    const later = await verifyPdf(file, { ...offline(), now: new Date(notAfter.getTime() + DAY) });
    expect(later.signatures[0], JSON.stringify(later.signatures[0])).toMatchObject({
      indication: 'TOTAL_PASSED',
      ltv: true,
    });
    // The /VRI key is the uppercase SHA-1 of the signature's /Contents.
    const reader = PdfReader.fromFile(file);
    try {
      const sig = reader.signatureFields()[0]!;
      const vri = reader.dict(reader.dict(reader.catalog.get('DSS'))!.get('VRI'))!;
      const key = execFileSync('openssl', ['sha1', '-r'], { input: sig.contents! })
        .toString()
        .split(' ')[0]!
        .toUpperCase();
      expect([...vri.entries.keys()]).toEqual([key]);
    } finally {
      reader.close();
    }
    expect(qpdfCheck(file).ok).toBe(true);
  });

  it('the same signer at B-T: past the certificate expiry, offline, INDETERMINATE (no LTV data)', async () => {
    const notAfter = new Date(Date.now() + 2 * DAY);
    const who = await signer('Người Ký Không LTV', undefined, { notAfter });
    const file = await signAt(who, 'B-T');
    const now = await verifyPdf(file, offline());
    expect(now.signatures[0]).toMatchObject({ level: 'B-T', ltv: false });
    const later = await verifyPdf(file, { ...offline(), now: new Date(notAfter.getTime() + DAY) });
    expect(later.signatures[0], JSON.stringify(later.signatures[0])).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOCATION_OUT_OF_BOUNDS_NO_POE',
      ltv: false,
    });
  });

  it('revoked after the signature timestamp: the embedded answer says REVOKED, the signature passes', async () => {
    const who = await signer('Người Ký Thu Hồi Sau', new Date(Date.now() + 2 * 3600_000));
    const file = await signAt(who, 'B-LT');
    const s = (await verifyPdf(file, offline())).signatures[0]!;
    expect(s, JSON.stringify(s)).toMatchObject({
      revocation: 'REVOKED',
      indication: 'TOTAL_PASSED',
      ltv: true,
    });
  });

  it('revoked before the signature timestamp: TOTAL_FAILED / REVOKED from the embedded answer', async () => {
    const who = await signer('Người Ký Thu Hồi Trước', new Date(Date.now() - 60_000));
    const file = await signAt(who, 'B-LT');
    const s = (await verifyPdf(file, offline())).signatures[0]!;
    expect(s, JSON.stringify(s)).toMatchObject({
      revocation: 'REVOKED',
      indication: 'TOTAL_FAILED',
      subIndication: 'REVOKED',
    });
    expect(s.chainRevocation[0]!.source).toBe('OCSP (DSS)');
  });

  it('no revocation data for the signer: REVOCATION_UNAVAILABLE naming it, the output stays B-T, no temporary file', async () => {
    const who = await ca.issue('Người Ký Không Nguồn', { ocspUrl: 'http://127.0.0.1:9/ocsp' });
    const input = join(tmp.dir, 'no-source-in.pdf');
    const output = join(tmp.dir, 'no-source-out.pdf');
    writeFileSync(input, base);
    await expect(
      signFileAtLevel(
        input,
        output,
        { signer: who.signer, role: 'approver', image: makeInkPng('signature'), tsa: tsa.url, level: 'B-LT' },
        { store: store(), limits: limits() },
      ),
    ).rejects.toMatchObject({ code: 'REVOCATION_UNAVAILABLE', message: /CN=Người Ký Không Nguồn/ });
    const s = (await verifyPdf(output, offline())).signatures[0]!;
    expect(s).toMatchObject({ level: 'B-T', ltv: false });
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a chain that reaches no configured anchor: CERT_INVALID before anything is fetched; the output stays B-T', async () => {
    const other = await makeTestCa();
    const who = await other.issue('Người Ký Gốc Lạ', { ocspUrl: rev.ocspUrl });
    const input = join(tmp.dir, 'foreign-in.pdf');
    const output = join(tmp.dir, 'foreign-out.pdf');
    writeFileSync(input, base);
    const l = limits();
    await expect(
      signFileAtLevel(
        input,
        output,
        { signer: who.signer, role: 'approver', image: makeInkPng('signature'), tsa: tsa.url, level: 'B-LT' },
        { store: store(), limits: l },
      ),
    ).rejects.toMatchObject({
      code: 'CERT_INVALID',
      message: /CN=Người Ký Gốc Lạ.*no chain to a trusted root/,
    });
    expect(l.budget!.remaining).toBe(verificationFetchLimits({}).budget!.remaining);
    expect((await verifyPdf(output, offline())).signatures[0]).toMatchObject({ level: 'B-T', ltv: false });
  });

  it('certificate URLs on loopback are refused unless the trust config allows that network', async () => {
    const who = await signer('Người Ký Mạng Nội Bộ');
    const input = join(tmp.dir, 'policy-in.pdf');
    const output = join(tmp.dir, 'policy-out.pdf');
    writeFileSync(input, base);
    await expect(
      signFileAtLevel(
        input,
        output,
        { signer: who.signer, role: 'approver', image: makeInkPng('signature'), tsa: tsa.url, level: 'B-LT' },
        { store: store(), limits: verificationFetchLimits({ timeoutMs: 3000 }) },
      ),
    ).rejects.toMatchObject({
      code: 'REVOCATION_UNAVAILABLE',
      message: /CN=Người Ký Mạng Nội Bộ.*(refused|not allowed|private|loopback)/i,
    });
  });

  it('B-LTA: an archive timestamp over the whole file; pdfsig, qpdf and openssl accept every part', async () => {
    const who = await signer('Người Ký LTA');
    const file = await signAt(who, 'B-LTA');
    const r = await verifyPdf(file, offline());
    expect(r.indication, JSON.stringify(r.signatures)).toBe('TOTAL_PASSED');
    expect(r.signatures.map((s) => [s.subFilter, s.level])).toEqual([
      ['ETSI.CAdES.detached', 'B-LTA'],
      ['ETSI.RFC3161', null],
    ]);
    const docTs = r.signatures[1]!;
    expect(docTs).toMatchObject({ ltv: true, coverage: 'ENTIRE_REVISION' });
    // pdfsig (poppler) validates the CAdES signature; it cannot check ETSI.RFC3161 document
    // timestamps, so openssl ts checks the archive timestamp over its byte ranges.
    const nss = makeNssDb(join(tmp.dir, 'lta'), ca.rootPem);
    const ps = pdfsig(file, nss);
    expect(ps.map((p) => [p.field, p.signatureValid])).toEqual([
      ['CaNhan', true],
      ['DauThoiGianLuuTru', false],
    ]);
    expect(opensslTsVerify(file, 'DauThoiGianLuuTru')).toMatch(/Verification: OK/);
    expect(qpdfCheck(file).ok).toBe(true);
    const ocsps = dssStreams(file, 'OCSPs');
    expect(ocsps.length).toBeGreaterThanOrEqual(2);
    for (const [i, der] of ocsps.entries()) {
      const f = join(tmp.dir, `ocsp-${i}.der`);
      writeFileSync(f, der);
      const v = spawnSync('openssl', ['ocsp', '-respin', f, '-CAfile', rootPath, '-verify_other', rootPath], {
        encoding: 'utf8',
      });
      expect(v.status).toBe(0);
      expect(`${v.stdout}${v.stderr}`).toMatch(/Response verify OK/);
    }
    const certs = dssStreams(file, 'Certs');
    expect(certs.length).toBeGreaterThanOrEqual(3);
    const subjects = certs.map((der) =>
      execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-subject'], { input: der }).toString(),
    );
    expect(subjects.join('')).toMatch(/vanthu LTV TSA/);
    expect(subjects.join('')).toMatch(/Người Ký LTA|Ng/);
  });

  it('extends a file signed by pdfsig -add-signature (another product): the earlier signature stays valid', async () => {
    const who = await signer('Người Ký Cơ Quan Khác');
    const nss = makeNssDb(join(tmp.dir, 'other'), ca.rootPem);
    const signed = pdfsigAddSignature(join(tmp.dir, 'other'), nss, who.certPem, who.keyPem, base);
    const input = join(tmp.dir, 'other-signed.pdf');
    const output = join(tmp.dir, 'other-extended.pdf');
    writeFileSync(input, signed);
    const result = await extendFile(input, output, {
      store: store(),
      limits: limits(),
      lta: true,
      tsa: tsa.url,
    });
    expect(result).toMatchObject({ level: 'B-LTA', signatures: 1 });
    expect(readFileSync(output).subarray(0, signed.length).equals(signed)).toBe(true);
    const ps = pdfsig(output, nss);
    expect(ps[0]!.signatureValid, ps[0]!.raw).toBe(true);
    expect(opensslTsVerify(output, 'DauThoiGianLuuTru')).toMatch(/Verification: OK/);
    const r = await verifyPdf(output, offline());
    expect(r.signatures[0], JSON.stringify(r.signatures[0])).toMatchObject({
      indication: 'TOTAL_PASSED',
      ltv: true,
      level: 'B-B',
    });
    // No signature timestamp: the archive timestamp is its proof of existence.
    expect(r.signatures[0]!.proofOfExistence).toBe(r.signatures[1]!.timestamp!.genTime);
    expect(qpdfCheck(output).ok).toBe(true);
  });

  it('a CRL-only certificate: the CRL goes into /DSS /CRLs and parses with openssl', async () => {
    const who = await ca.issue('Người Ký CRL', { crlUrl: rev.crlUrl });
    entries.push({ serialHex: who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) });
    await rev.publish(entries);
    const input = join(tmp.dir, 'crl-in.pdf');
    const output = join(tmp.dir, 'crl-out.pdf');
    writeFileSync(input, base);
    await signFileAtLevel(
      input,
      output,
      { signer: who.signer, role: 'approver', image: makeInkPng('signature'), tsa: tsa.url, level: 'B-LT' },
      { store: store(), limits: limits() },
    );
    const crls = dssStreams(output, 'CRLs');
    expect(crls).toHaveLength(1);
    execFileSync('openssl', ['crl', '-inform', 'DER', '-noout'], { input: crls[0]! });
    const s = (await verifyPdf(output, offline())).signatures[0]!;
    expect(s, JSON.stringify(s)).toMatchObject({ indication: 'TOTAL_PASSED', ltv: true });
    expect(s.chainRevocation[0]!.source).toBe('CRL (DSS)');
  });

  it('archive handover: signed PDFs extended to B-LTA, an unsigned one refused unless --allow-non-ltv, other files untouched', async () => {
    const who = await signer('Người Ký Nộp Lưu');
    const signedFile = await signAt(who, 'B-T');
    const signedBytes = readFileSync(signedFile);
    const extend = async (pdf: Uint8Array): Promise<Uint8Array> => {
      const doc = GrowingDocument.bytes([pdf]);
      await addValidationData(doc, { store: store(), limits: limits(), lta: true, tsa: tsa.url });
      return Buffer.concat(doc.appendedParts);
    };
    const csv = new TextEncoder().encode('a,b\n');
    const members = (): Record<string, Uint8Array> => ({
      'documents/001-qd.pdf': signedBytes,
      'documents/001-p1-bang.csv': csv,
      'documents/002-chua-ky.pdf': base,
    });
    await expect(extendHandoverMembers(members(), { extend, allowNonLtv: false })).rejects.toMatchObject({
      code: 'REGISTRY_STATE',
      message: /documents\/002-chua-ky\.pdf: NO_SIGNATURE/,
    });
    const m = members();
    const report = await extendHandoverMembers(m, { extend, allowNonLtv: true });
    expect(report).toMatchObject({ allLtv: false, exportedWithoutLtv: true });
    expect(report.files.map((f) => [f.member, f.level])).toEqual([
      ['documents/001-qd.pdf', 'B-LTA'],
      ['documents/002-chua-ky.pdf', 'not extended'],
    ]);
    expect(m['documents/001-p1-bang.csv']).toBe(csv);
    expect(m['documents/002-chua-ky.pdf']).toBe(base);
    const extended = Buffer.from(m['documents/001-qd.pdf']!);
    expect(extended.subarray(0, signedBytes.length).equals(signedBytes)).toBe(true);
    const v = await verifyPdf(extended, offline());
    expect(v.indication, JSON.stringify(v.signatures)).toBe('TOTAL_PASSED');
    expect(v.signatures[0]).toMatchObject({ level: 'B-LTA', ltv: true });
  });

  it('with the responders stopped, online verification of a B-LT file still passes from its /DSS', async () => {
    const who = await signer('Người Ký Ngoại Tuyến');
    const file = await signAt(who, 'B-LT');
    await rev.close();
    const r = await verifyPdf(file, {
      trustPaths: [rootPath],
      online: true,
      timeoutMs: 1000,
      fetch: { allowNetworks: ['127.0.0.0/8'] },
    });
    expect(r.signatures[0], JSON.stringify(r.signatures[0])).toMatchObject({
      indication: 'TOTAL_PASSED',
      ltv: true,
    });
    expect(existsSync(file)).toBe(true);
  });
});
