import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type IssueOptions, type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { addDocTimestamp, flipByte } from '../../support/pdf-tamper.js';
import { makeNssDb } from '../../support/validators.js';
import { expectPdfsigAgrees } from '../../support/verify-agreement.js';

const tmp = tempDir('vanthu-trust-');
const DAY = 86400_000;
let ca: TestCa;
let base: Uint8Array;
let nssDb: string;
let opts: VerifyOptions;
let rev: RevocationServices;
let tsa: LocalTsa;

async function signedBy(
  cn: string,
  issue: IssueOptions = {},
  extra: Partial<Parameters<typeof signPdf>[1]> = {},
) {
  const who = await ca.issue(cn, { org: 'Ủy ban nhân dân tỉnh', ...issue });
  const bytes = await signPdf(base, {
    signer: who.signer,
    role: 'approver',
    image: makeInkPng('signature'),
    ...extra,
  });
  return { bytes, who };
}

beforeAll(async () => {
  ca = await makeTestCa();
  base = await makeVanBan();
  const rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  nssDb = makeNssDb(tmp.dir, ca.rootPem);
  // The CRL, OCSP and AIA servers run on loopback, which certificate URLs reach only when allowed.
  opts = { trustPaths: [rootPath], online: true, timeoutMs: 3000, fetch: { allowNetworks: ['127.0.0.0/8'] } };
  rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  const t = await ca.issue('vanthu Test TSA', { tsa: true });
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
});
afterAll(async () => {
  await rev?.close();
  await tsa?.close();
  tmp.cleanup();
});

describe('verifyPdf: chain, validity, key usage', () => {
  it('an untrusted root: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, integrity intact', async () => {
    const { bytes } = await signedBy('Lê Văn Bình');
    const other = await makeTestCa();
    const otherRoot = join(tmp.dir, 'other-root.pem');
    writeFileSync(otherRoot, other.rootPem);
    for (const trustPaths of [[], [otherRoot]]) {
      const r = await verifyPdf(bytes, { ...opts, trustPaths });
      expect(r.signatures[0]).toMatchObject({
        integrity: true,
        chain: 'UNTRUSTED',
        indication: 'INDETERMINATE',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      });
    }
  });

  it('a leaf-only signature chains through the intermediates store', async () => {
    const { who } = await signedBy('Phạm Thị Cúc');
    const leafOnly = await signPdf(base, {
      signer: { ...who.signer, chain: [] },
      role: 'approver',
      image: makeInkPng('signature'),
    });
    const rootDir = join(tmp.dir, 'anchors');
    mkdirSync(rootDir, { recursive: true });
    writeFileSync(join(rootDir, 'root.crt'), Buffer.from(ca.rootDer));
    const r = await verifyPdf(leafOnly, { ...opts, trustPaths: [rootDir] });
    expect(r.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
  });

  it('leaf-only PDF from a sub CA: NO_CHAIN alone, TRUSTED with the intermediates store or the AIA caIssuers URL', async () => {
    const sub = await makeTestCa({ intermediate: true });
    const subRoot = join(tmp.dir, 'sub-root.pem');
    writeFileSync(subRoot, sub.rootPem);
    const subDer = join(tmp.dir, 'sub-ca.cer');
    writeFileSync(subDer, sub.intermediateDer!);
    let fetched = 0;
    const server = createServer((_req, res) => {
      fetched++;
      res.writeHead(200, { 'Content-Type': 'application/pkix-cert' });
      res.end(sub.intermediateDer);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sub.cer`;
      const who = await sub.issue('Đỗ Văn Em', { org: 'Sở Y tế', caIssuersUrl: url });
      const leafOnly = await signPdf(base, {
        signer: { ...who.signer, chain: [] },
        role: 'approver',
        image: makeInkPng('signature'),
      });
      const o = { ...opts, trustPaths: [subRoot] };
      const alone = await verifyPdf(leafOnly, { ...o, online: false });
      expect(alone.signatures[0]).toMatchObject({
        chain: 'NO_CHAIN',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      });
      const stored = await verifyPdf(leafOnly, { ...o, online: false, intermediatePaths: [subDer] });
      expect(stored.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
      const aia = await verifyPdf(leafOnly, o);
      expect(aia.signatures[0]).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED' });
      expect(fetched).toBe(1);
      // An intermediate is never an anchor: without the root the path stays open.
      const noRoot = await verifyPdf(leafOnly, {
        ...opts,
        trustPaths: [],
        online: false,
        intermediatePaths: [subDer],
      });
      expect(noRoot.signatures[0]).toMatchObject({ chain: 'NO_CHAIN', indication: 'INDETERMINATE' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a certificate expired at the signing time: TOTAL_FAILED / EXPIRED', async () => {
    const { bytes } = await signedBy('Hết Hạn', {
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]).toMatchObject({
      integrity: true,
      indication: 'TOTAL_FAILED',
      subIndication: 'EXPIRED',
    });
    expectPdfsigAgrees(tmp.dir, 'expired.pdf', bytes, r, nssDb);
  });

  it('a certificate not yet valid at the signing time: TOTAL_FAILED / NOT_YET_VALID', async () => {
    const { bytes } = await signedBy('Chưa Hiệu Lực', {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 90 * DAY),
    });
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]).toMatchObject({
      integrity: true,
      indication: 'TOTAL_FAILED',
      subIndication: 'NOT_YET_VALID',
    });
  });

  it('a certificate for encryption only (wrong key usage): INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE', async () => {
    const { bytes } = await signedBy('Sai Mục Đích', { keyUsage: x509.KeyUsageFlags.keyEncipherment });
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]).toMatchObject({
      integrity: true,
      indication: 'INDETERMINATE',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    });
    expect(r.signatures[0]!.errors.join()).toMatch(/key usage/);
  });

  it('ECDSA P-256 and RSA-PSS signatures verify', async () => {
    const ec = await signedBy('Khóa EC', { ec: true });
    const pss = await signedBy('Khóa PSS', {}, { scheme: 'pss' });
    for (const bytes of [ec.bytes, pss.bytes]) {
      const r = await verifyPdf(bytes, opts);
      expect(r.signatures[0]).toMatchObject({ integrity: true, indication: 'TOTAL_PASSED' });
    }
    expect((await verifyPdf(pss.bytes, opts)).signatures[0]!.algorithm).toBe('RSA-PSS SHA-256');
    expect((await verifyPdf(ec.bytes, opts)).signatures[0]!.algorithm).toBe('ECDSA SHA-256');
  });
});

describe('verifyPdf: revocation', () => {
  it('CRL from the CDP (served on loopback): GOOD, then REVOKED after the CA revokes', async () => {
    const good = await signedBy('Còn Hiệu Lực', { crlUrl: rev.crlUrl });
    const bad = await signedBy('Bị Thu Hồi', { crlUrl: rev.crlUrl });
    await rev.publish([
      { serialHex: good.who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) },
      {
        serialHex: bad.who.serialHex,
        notAfter: new Date(Date.now() + 90 * DAY),
        revokedAt: new Date(Date.now() - 60_000),
      },
    ]);
    const before = rev.requests().crl;
    const g = await verifyPdf(good.bytes, opts);
    expect(g.signatures[0]).toMatchObject({ revocation: 'GOOD', indication: 'TOTAL_PASSED' });
    const b = await verifyPdf(bad.bytes, opts);
    expect(b.signatures[0]!.revocation).toBe('REVOKED');
    expect(b.signatures[0]!.indication).not.toBe('TOTAL_PASSED');
    expect(rev.requests().crl).toBeGreaterThan(before);
    // The same CRL installed as a file gives the same answer offline.
    const crlFile = join(tmp.dir, 'ca.crl');
    writeFileSync(crlFile, rev.crl());
    const offline = await verifyPdf(bad.bytes, { ...opts, online: false, crlPaths: [crlFile] });
    expect(offline.signatures[0]!.revocation).toBe('REVOKED');
    expectPdfsigAgrees(tmp.dir, 'revoked-crl.pdf', bad.bytes, b, nssDb);
  });

  it('OCSP from the AIA (a real openssl ocsp responder): GOOD and REVOKED', async () => {
    const good = await signedBy('OCSP Tốt', { ocspUrl: rev.ocspUrl });
    const bad = await signedBy('OCSP Thu Hồi', { ocspUrl: rev.ocspUrl });
    await rev.publish([
      { serialHex: good.who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) },
      {
        serialHex: bad.who.serialHex,
        notAfter: new Date(Date.now() + 90 * DAY),
        revokedAt: new Date(Date.now() - 60_000),
      },
    ]);
    const g = await verifyPdf(good.bytes, opts);
    expect(g.signatures[0], JSON.stringify(g.signatures[0]!.warnings)).toMatchObject({
      revocation: 'GOOD',
      indication: 'TOTAL_PASSED',
    });
    const b = await verifyPdf(bad.bytes, opts);
    expect(b.signatures[0]!.revocation).toBe('REVOKED');
    expect(b.signatures[0]!.indication).not.toBe('TOTAL_PASSED');
  });

  it('an unreachable responder: soft-fail (UNKNOWN, passes) under standard, INDETERMINATE under strict', async () => {
    const { bytes } = await signedBy('Không Kết Nối', { ocspUrl: 'http://127.0.0.1:9/ocsp' });
    const std = await verifyPdf(bytes, opts);
    expect(std.signatures[0]).toMatchObject({ revocation: 'UNKNOWN', indication: 'TOTAL_PASSED' });
    const strict = await verifyPdf(bytes, { ...opts, policy: 'strict' });
    expect(strict.signatures[0]).toMatchObject({
      revocation: 'UNKNOWN',
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
    const offline = await verifyPdf(bytes, { ...opts, online: false });
    expect(offline.signatures[0]!.revocation).toBe('UNKNOWN');
  });
});

describe('verifyPdf: PAdES B-T timestamps', () => {
  it('a valid RFC 3161 token: signing time from genTime', async () => {
    const { bytes } = await signedBy('Có Dấu Thời Gian', {}, { tsa: tsa.url, level: 'B-T' });
    const r = await verifyPdf(bytes, opts);
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ indication: 'TOTAL_PASSED', signingTimeSource: 'timestamp' });
    expect(s.timestamp).toMatchObject({ valid: true, chain: 'TRUSTED' });
    expect(s.timestamp!.tsa).toMatch(/vanthu Test TSA/);
    expectPdfsigAgrees(tmp.dir, 'bt.pdf', bytes, r, nssDb);
  });

  it('a document timestamp (ETSI.RFC3161) after approver and seal: every signature passes', async () => {
    const { bytes } = await signedBy('Trước Dấu Tài Liệu');
    const stamped = await addDocTimestamp(bytes, tsa.url);
    const r = await verifyPdf(stamped, opts);
    expect(r.signatures.map((s) => [s.field, s.indication, s.modificationsAfter])).toEqual([
      ['CaNhan', 'TOTAL_PASSED', 'SIGNATURES_AND_FORMS'],
      ['DauThoiGian', 'TOTAL_PASSED', 'NONE'],
    ]);
    const ts = r.signatures[1]!;
    expect(ts).toMatchObject({ subFilter: 'ETSI.RFC3161', integrity: true, signingTimeSource: 'timestamp' });
    expect(ts.signer.commonName).toBe('vanthu Test TSA');
    const tampered = flipByte(stamped, 200);
    const t = await verifyPdf(tampered, opts);
    expect(t.signatures[1]).toMatchObject({
      integrity: false,
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    });
    expectPdfsigAgrees(tmp.dir, 'doc-ts.pdf', stamped, r, nssDb);
  });

  it('the +7 h signingTime quirk is reported, not corrected', async () => {
    const ahead = new Date(Date.now() + 7 * 3600_000);
    const { bytes } = await signedBy(
      'Lệch Giờ',
      {},
      { tsa: tsa.url, subFilter: 'adbe.pkcs7.detached', now: ahead },
    );
    const r = await verifyPdf(bytes, opts);
    const s = r.signatures[0]!;
    expect(s.signingTimeSource).toBe('timestamp');
    expect(s.warnings.join('\n')).toMatch(/\+7 h quirk/);
  });

  it('a token whose imprint does not match the signature: TOTAL_FAILED', async () => {
    const { bytes } = await signedBy(
      'Dấu Sai',
      {},
      { timestamp: async () => tokenFor(Buffer.from('something else')) },
    );
    const r = await verifyPdf(bytes, opts);
    expect(r.signatures[0]!.indication).toBe('TOTAL_FAILED');
    expect(r.signatures[0]!.errors.join()).toMatch(/imprint/);
  });
});

/** A genuine token from the local TSA, but over other data. */
async function tokenFor(data: Buffer): Promise<Uint8Array> {
  const { requestTimestamp } = await import('../../../daemon/src/cms/index.js');
  return requestTimestamp(data, { url: tsa.url });
}
