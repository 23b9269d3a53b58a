import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { type VerifyOptions, verifyPdf } from '../../../daemon/src/verify/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestAuthority, type TestCa, makeInkPng } from '../../support/pdf-inputs-signer.js';
import { type RevocationServices, startRevocationServices } from '../../support/revocation.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { approverSignedBy, makeVerifyFixture } from '../../support/verify-fixture.js';

const tmp = tempDir('vanthu-chain-rev-');
const DAY = 86400_000;
let ca: TestCa;
let base: Uint8Array;
let rootPath: string;
let opts: VerifyOptions;
/** The root's CRL and OCSP responder: they answer for the sub CAs. */
let rootRev: RevocationServices;
/** The good sub CA's own services: they answer for its signers. */
let subRev: RevocationServices;
let tsa: LocalTsa;
const sub: Record<'crlRevoked' | 'ocspRevoked' | 'revokedLater' | 'good' | 'silent', TestAuthority> =
  {} as never;

beforeAll(async () => {
  ({ ca, base, rootPath } = await makeVerifyFixture(tmp.dir));
  // The CRL, OCSP and AIA servers run on loopback, which certificate URLs reach only when allowed.
  opts = { trustPaths: [rootPath], online: true, timeoutMs: 3000, fetch: { allowNetworks: ['127.0.0.0/8'] } };
  rootRev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  const [crlRevoked, ocspRevoked, revokedLater, good, silent] = await Promise.all([
    ca.subCa({ cn: 'Sub CA thu hồi (CRL)', crlUrl: rootRev.crlUrl }),
    ca.subCa({ cn: 'Sub CA thu hồi (OCSP)', ocspUrl: rootRev.ocspUrl }),
    ca.subCa({ cn: 'Sub CA thu hồi sau', crlUrl: rootRev.crlUrl }),
    ca.subCa({ cn: 'Sub CA tốt', crlUrl: rootRev.crlUrl, ocspUrl: rootRev.ocspUrl }),
    ca.subCa({ cn: 'Sub CA không trả lời', ocspUrl: 'http://127.0.0.1:9/ocsp' }),
  ]);
  Object.assign(sub, { crlRevoked, ocspRevoked, revokedLater, good, silent });
  const notAfter = new Date(Date.now() + 90 * DAY);
  // One publication for the whole file: a fetched CRL is cached while current.
  await rootRev.publish([
    { serialHex: crlRevoked.serialHex, notAfter, revokedAt: new Date(Date.now() - 60_000) },
    { serialHex: ocspRevoked.serialHex, notAfter, revokedAt: new Date(Date.now() - 60_000) },
    { serialHex: revokedLater.serialHex, notAfter, revokedAt: new Date(Date.now() + 2 * 3600_000) },
    { serialHex: good.serialHex, notAfter },
  ]);
  subRev = await startRevocationServices(good.certPem, good.keyPem);
  const t = await ca.issue('vanthu Test TSA', { tsa: true });
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
});
afterAll(async () => {
  await rootRev?.close();
  await subRev?.close();
  await tsa?.close();
  tmp.cleanup();
});

describe('verifyPdf: revocation of the CA certificates of the path', () => {
  it('a sub CA revoked in its issuer CRL before signing: TOTAL_FAILED / REVOKED, also offline from the cache', async () => {
    const bytes = await approverSignedBy(sub.crlRevoked, base, 'Người Ký Một');
    const r = await verifyPdf(bytes, opts);
    const s = r.signatures[0]!;
    expect(s, JSON.stringify(s)).toMatchObject({
      integrity: true,
      chain: 'TRUSTED',
      revocation: 'REVOKED',
      indication: 'TOTAL_FAILED',
      subIndication: 'REVOKED',
    });
    expect(s.chainRevocation.map((c) => [c.subject.match(/CN=([^,]+)/)?.[1], c.status])).toEqual([
      ['Người Ký Một', 'NOT_CHECKED'],
      ['Sub CA thu hồi (CRL)', 'REVOKED'],
    ]);
    expect(s.chainRevocation[1]!.source).toBe(`CRL ${rootRev.crlUrl}`);
    expect(s.errors.join('\n')).toMatch(/CA certificate .*CN=Sub CA thu hồi \(CRL\) is revoked since/);
    const before = rootRev.requests().crl;
    const offline = await verifyPdf(bytes, { ...opts, online: false });
    expect(offline.signatures[0]).toMatchObject({ revocation: 'REVOKED', subIndication: 'REVOKED' });
    expect(offline.signatures[0]!.chainRevocation[1]!.source).toMatch(/\(cached\)$/);
    expect(rootRev.requests().crl).toBe(before);
  });

  it('a sub CA revoked by the root OCSP responder (real openssl ocsp): TOTAL_FAILED / REVOKED', async () => {
    const bytes = await approverSignedBy(sub.ocspRevoked, base, 'Người Ký Hai');
    const s = (await verifyPdf(bytes, opts)).signatures[0]!;
    expect(s).toMatchObject({ revocation: 'REVOKED', indication: 'TOTAL_FAILED', subIndication: 'REVOKED' });
    expect(s.chainRevocation[1]).toMatchObject({ status: 'REVOKED', source: `OCSP ${rootRev.ocspUrl}` });
  });

  it('a sub CA revoked after the signing time: REVOKED_CA_NO_POE without a timestamp, passes with one', async () => {
    const claimed = await approverSignedBy(sub.revokedLater, base, 'Người Ký Ba');
    const r = await verifyPdf(claimed, opts);
    expect(r.signatures[0]).toMatchObject({
      revocation: 'REVOKED',
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_CA_NO_POE',
    });
    const who = await sub.revokedLater.issue('Người Ký Ba có dấu thời gian');
    const stamped = await signPdf(base, {
      signer: who.signer,
      role: 'approver',
      image: makeInkPng('signature'),
      tsa: tsa.url,
      level: 'B-T',
    });
    const t = (await verifyPdf(stamped, opts)).signatures[0]!;
    expect(t, JSON.stringify(t.errors)).toMatchObject({
      signingTimeSource: 'timestamp',
      revocation: 'REVOKED',
      indication: 'TOTAL_PASSED',
    });
  });

  it('every certificate GOOD (leaf by its sub CA, sub CA by the root): GOOD, passes under strict', async () => {
    const who = await sub.good.issue('Người Ký Bốn', { crlUrl: subRev.crlUrl, ocspUrl: subRev.ocspUrl });
    await subRev.publish([{ serialHex: who.serialHex, notAfter: new Date(Date.now() + 90 * DAY) }]);
    const bytes = await signPdf(base, {
      signer: who.signer,
      role: 'approver',
      image: makeInkPng('signature'),
    });
    const s = (await verifyPdf(bytes, { ...opts, policy: 'strict' })).signatures[0]!;
    expect(s, JSON.stringify(s.warnings)).toMatchObject({ revocation: 'GOOD', indication: 'TOTAL_PASSED' });
    expect(s.chainRevocation.map((c) => c.status)).toEqual(['GOOD', 'GOOD']);
    expect(s.chainRevocation[0]!.source).toBe(`OCSP ${subRev.ocspUrl}`);
  });

  it('a sub CA without revocation source, and one whose responder is down: soft-fail under standard, TRY_LATER under strict', async () => {
    const noSource = await approverSignedBy(sub.good, base, 'Người Ký Năm');
    const down = await approverSignedBy(sub.silent, base, 'Người Ký Sáu');
    const g = (await verifyPdf(noSource, opts)).signatures[0]!;
    expect(g).toMatchObject({ revocation: 'NOT_CHECKED', indication: 'TOTAL_PASSED' });
    expect(g.chainRevocation.map((c) => c.status)).toEqual(['NOT_CHECKED', 'GOOD']);
    const d = (await verifyPdf(down, opts)).signatures[0]!;
    expect(d).toMatchObject({ revocation: 'UNKNOWN', indication: 'TOTAL_PASSED' });
    expect(d.warnings.join('\n')).toMatch(
      /revocation of CA certificate .*CN=Sub CA không trả lời: OCSP .*ECONNREFUSED/,
    );
    for (const bytes of [noSource, down]) {
      const strict = (await verifyPdf(bytes, { ...opts, policy: 'strict' })).signatures[0]!;
      expect(strict).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'TRY_LATER' });
    }
  });
});
