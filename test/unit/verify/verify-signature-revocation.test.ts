import { beforeAll, describe, expect, it } from 'vitest';
import { isoVietnam } from '../../../daemon/src/pdf/sign/time.js';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import type { ParsedCrl } from '../../../daemon/src/trust/crl.js';
import type { SignatureInput } from '../../../daemon/src/verify/verify-signature.js';
import { verifySignature } from '../../../daemon/src/verify/verify-signature.js';
import {
  type IssuedTestCertificate,
  type TestAuthority,
  type TestCa,
  makeTestCa,
} from '../../support/pdf-inputs-signer.js';
import {
  type ContextOptions,
  type CrlPlan,
  crlBy,
  handSigned,
  offlineContext,
  onePagePdf,
  signatureInputOf,
} from '../../support/signature-input.js';

// Revocation of the signer's path from CRLs (installed, or carried in the document's /DSS) and what
// it means at the signing time and the proof of existence.
const MINUTE = 60_000;
const DAY = 86400_000;
let ca: TestCa;
let root: { certDer: Uint8Array; keyPem: string };
let sub: TestAuthority;
let who: IssuedTestCertificate;
let leaf: CertInfo;
let underSub: IssuedTestCertificate;
/** Signed with /M at `claimedAt`. */
let claimed: SignatureInput;
/** Signed with no claimed time. */
let unclaimed: SignatureInput;
/** Signed by a certificate of the sub CA, with /M at `claimedAt`. */
let subSigned: SignatureInput;
const t0 = Date.now();
const claimedAt = new Date(Math.floor((t0 - 30 * MINUTE) / 1000) * 1000);
const ctx = (o: ContextOptions = {}) => offlineContext({ anchors: [ca.rootDer], ...o });
const current: CrlPlan = { thisUpdate: new Date(t0 - 2 * DAY), nextUpdate: new Date(t0 + 2 * DAY) };
const rootCrl = (plan: Partial<CrlPlan> = {}): Promise<ParsedCrl> => crlBy(root, { ...current, ...plan });
const revokedAt = (serialHex: string, at: Date, plan: Partial<CrlPlan> = {}): Promise<ParsedCrl> =>
  rootCrl({ ...plan, revoked: [{ serialHex, at }] });

beforeAll(async () => {
  ca = await makeTestCa();
  root = { certDer: ca.rootDer, keyPem: ca.rootKeyPem };
  who = await ca.issue('Lê Văn Cường', { ec: true, notBefore: new Date(t0 - DAY) });
  leaf = certInfo(who.signer.certificate);
  sub = await ca.subCa({ cn: 'vanthu Test Sub CA' });
  underSub = await sub.issue('Phạm Thị Dung', { ec: true });
  const base = await onePagePdf();
  claimed = await signatureInputOf(await handSigned(base, who.signer, { claimedTime: claimedAt }));
  unclaimed = await signatureInputOf(await handSigned(base, who.signer));
  subSigned = await signatureInputOf(await handSigned(base, underSub.signer, { claimedTime: claimedAt }));
});

describe('verifySignature: revoked certificates', () => {
  it('revoked before the signing time: REVOKED, with when and by which source', async () => {
    const at = new Date(claimedAt.getTime() - MINUTE);
    const r = await verifySignature(claimed, ctx({ crls: [await revokedAt(who.serialHex, at)] }));
    expect(r).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'REVOKED', revocation: 'REVOKED' });
    expect(r.errors).toContain(`the certificate is revoked since ${isoVietnam(at)} (CRL (installed))`);
    expect(r.chainRevocation[0]).toMatchObject({
      status: 'REVOKED',
      source: 'CRL (installed)',
      revokedAt: isoVietnam(at),
      serialNumber: leaf.serialHex,
      subject: leaf.subjectDn,
    });
  });

  it('revoked at the signing time itself, or with no signing time known: REVOKED', async () => {
    const crls = [await revokedAt(who.serialHex, claimedAt)];
    expect((await verifySignature(claimed, ctx({ crls }))).subIndication).toBe('REVOKED');
    expect((await verifySignature(unclaimed, ctx({ crls }))).subIndication).toBe('REVOKED');
  });

  it('revoked after the claimed signing time but with no proof of existence: REVOKED_NO_POE', async () => {
    const crls = [await revokedAt(who.serialHex, new Date(claimedAt.getTime() + 1000))];
    const r = await verifySignature(claimed, ctx({ crls }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' });
  });

  it('revoked after a proof of existence: the signature stands', async () => {
    const at = new Date(claimedAt.getTime() + 1000);
    const crls = [await revokedAt(who.serialHex, at)];
    const r = await verifySignature({ ...claimed, archivePoe: claimedAt }, ctx({ crls }));
    expect(r).toMatchObject({ indication: 'TOTAL_PASSED', errors: [] });
    const same = await verifySignature({ ...claimed, archivePoe: at }, ctx({ crls }));
    expect(same.subIndication).toBe('REVOKED_NO_POE');
  });

  it('only a CA certificate revoked (after signing): REVOKED_CA_NO_POE, naming the CA', async () => {
    const at = new Date(claimedAt.getTime() + 1000);
    const subInfo = certInfo(sub.certDer);
    const crls = [await revokedAt(sub.serialHex, at), await crlBy(sub, current)];
    const r = await verifySignature(subSigned, ctx({ crls }));
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_CA_NO_POE' });
    expect(r.errors).toContain(
      `CA certificate ${subInfo.subjectDn} is revoked since ${isoVietnam(at)} (CRL (installed))`,
    );
    expect(r.chainRevocation.map((c) => c.status)).toEqual(['GOOD', 'REVOKED']);
  });
});

describe('verifySignature: the signer and its CA both revoked', () => {
  const subRevoked = (subAt: Date, leafAt: Date) =>
    Promise.all([
      revokedAt(sub.serialHex, subAt),
      crlBy(sub, { ...current, revoked: [{ serialHex: underSub.serialHex, at: leafAt }] }),
    ]);
  const sinceSigning = (ms: number) => new Date(claimedAt.getTime() + ms);

  it('one of them revoked before the signing time is enough: REVOKED', async () => {
    const crls = await subRevoked(sinceSigning(-MINUTE), sinceSigning(1000));
    expect((await verifySignature(subSigned, ctx({ crls }))).subIndication).toBe('REVOKED');
  });

  it('both after signing, no proof of existence: the signer is revoked, not only its CA', async () => {
    const crls = await subRevoked(sinceSigning(1000), sinceSigning(3000));
    expect((await verifySignature(subSigned, ctx({ crls }))).subIndication).toBe('REVOKED_NO_POE');
  });

  it('a proof of existence must precede every revocation of the path', async () => {
    const crls = await subRevoked(sinceSigning(1000), sinceSigning(3000));
    const r = await verifySignature({ ...subSigned, archivePoe: sinceSigning(2000) }, ctx({ crls }));
    expect(r.subIndication).toBe('REVOKED_NO_POE');
  });
});

describe('verifySignature: revocation answers', () => {
  it('an answer that could not be had is a warning naming whose it is', async () => {
    const stale = await crlBy(root, {
      thisUpdate: new Date(t0 - 3 * DAY),
      nextUpdate: new Date(t0 - 2 * DAY),
    });
    const r = await verifySignature(claimed, ctx({ crls: [stale] }));
    expect(r).toMatchObject({ indication: 'TOTAL_PASSED', revocation: 'UNKNOWN' });
    expect(r.warnings).toContain('revocation: CRL (installed): CRL expired');
    const staleSub = await crlBy(root, {
      thisUpdate: new Date(t0 - 3 * DAY),
      nextUpdate: new Date(t0 - 2 * DAY),
    });
    const s = await verifySignature(subSigned, ctx({ crls: [staleSub, await crlBy(sub, current)] }));
    expect(s.warnings).toContain(
      `revocation of CA certificate ${certInfo(sub.certDer).subjectDn}: CRL (installed): CRL expired`,
    );
  });

  it('a decisive answer after a failed source leaves no warning', async () => {
    const stale = await crlBy(root, {
      thisUpdate: new Date(t0 - 3 * DAY),
      nextUpdate: new Date(t0 - 2 * DAY),
    });
    const r = await verifySignature(claimed, ctx({ crls: [stale, await rootCrl()] }));
    expect(r).toMatchObject({ revocation: 'GOOD', warnings: [] });
  });

  it('the strict policy needs a decisive answer for every certificate of the path', async () => {
    const r = await verifySignature(subSigned, ctx({ policy: 'strict', crls: [await crlBy(sub, current)] }));
    expect(r).toMatchObject({ subIndication: 'TRY_LATER', revocation: 'NOT_CHECKED' });
    expect(r.errors).toContain(
      `revocation status of CA certificate ${certInfo(sub.certDer).subjectDn} NOT_CHECKED`,
    );
    expect(r.errors.filter((e) => e.startsWith('revocation status'))).toHaveLength(1);
    const none = await verifySignature(claimed, ctx({ policy: 'strict' }));
    expect(none.errors).toContain('revocation status NOT_CHECKED');
    const standard = await verifySignature(claimed, ctx());
    expect(standard).toMatchObject({ indication: 'TOTAL_PASSED', revocation: 'NOT_CHECKED' });
    // A decisive answer is no revocation-status error, whatever else fails.
    const crls = [await revokedAt(who.serialHex, new Date(claimedAt.getTime() - MINUTE))];
    for (const input of [claimed, { ...claimed, coverageProblem: 'bytes after the signed range' }]) {
      const decided = await verifySignature(
        input,
        ctx({ policy: 'strict', crls: input === claimed ? crls : [await rootCrl()] }),
      );
      expect(decided.indication).toBe('TOTAL_FAILED');
      expect(decided.errors.some((e) => e.startsWith('revocation status'))).toBe(false);
    }
  });

  it('a self-signed trusted signer certificate has nothing to check: NOT_CHECKED, no LTV', async () => {
    const r = await verifySignature(claimed, ctx({ anchors: [who.signer.certificate], policy: 'strict' }));
    expect(r).toMatchObject({ chain: 'TRUSTED', chainRevocation: [], ltv: false });
    expect(r.errors).toContain('revocation status NOT_CHECKED');
  });

  it("the document's own answers speak for the proof of existence, else the signing time", async () => {
    // A /DSS CRL current only around the claimed signing time, long before the validation.
    const then = await rootCrl({
      thisUpdate: new Date(claimedAt.getTime() - MINUTE),
      nextUpdate: new Date(claimedAt.getTime() + MINUTE),
    });
    const r = await verifySignature(claimed, ctx({ dssCrls: [then] }));
    expect(r).toMatchObject({ revocation: 'GOOD', ltv: true });
    expect(r.chainRevocation).toEqual([
      {
        subject: leaf.subjectDn,
        serialNumber: leaf.serialHex,
        status: 'GOOD',
        source: 'CRL (DSS)',
        revokedAt: null,
      },
    ]);
    const noTime = await verifySignature(unclaimed, ctx({ dssCrls: [then] }));
    expect(noTime.revocation).toBe('NOT_CHECKED');
    expect(noTime.chainRevocation[0]).toMatchObject({ status: 'NOT_CHECKED', source: null, revokedAt: null });
    // A proof of existence before the signing time: the answer must speak for it.
    const early = await rootCrl({ thisUpdate: new Date(t0 - 20 * DAY), nextUpdate: new Date(t0 - 19 * DAY) });
    const poe = new Date(t0 - 19.5 * DAY);
    expect(
      (await verifySignature({ ...claimed, archivePoe: poe }, ctx({ dssCrls: [early] }))).revocation,
    ).toBe('GOOD');
    expect((await verifySignature(claimed, ctx({ dssCrls: [early] }))).revocation).toBe('NOT_CHECKED');
  });

  it('LTV only when the path is trusted and every answer comes from the document', async () => {
    const crls = [await rootCrl()];
    const mixed = await verifySignature(subSigned, ctx({ crls, dssCrls: [await crlBy(sub, current)] }));
    expect(mixed).toMatchObject({ revocation: 'GOOD', ltv: false });
    expect((await verifySignature(claimed, ctx({ dssCrls: crls }))).ltv).toBe(true);
    expect((await verifySignature(claimed, ctx({ crls }))).ltv).toBe(false);
    const untrusted = await verifySignature(claimed, ctx({ anchors: [], dssCrls: crls }));
    expect(untrusted).toMatchObject({ chain: 'UNTRUSTED', ltv: false, level: 'B-B' });
  });
});

describe('verifySignature: a certificate that has expired since signing', () => {
  const afterExpiry = () => new Date(leaf.notAfter.getTime() + DAY);

  it('with no answer from before its expiry: REVOCATION_OUT_OF_BOUNDS_NO_POE', async () => {
    const late = await rootCrl({
      thisUpdate: new Date(leaf.notAfter.getTime() + 1000),
      nextUpdate: new Date(leaf.notAfter.getTime() + 10 * DAY),
    });
    for (const crls of [[], [late]]) {
      const r = await verifySignature(
        { ...claimed, archivePoe: claimedAt },
        ctx({ now: afterExpiry(), crls }),
      );
      expect(r.subIndication).toBe('REVOCATION_OUT_OF_BOUNDS_NO_POE');
      expect(r.warnings).toContain(
        'the certificate has expired and no revocation data from before its expiry is available (the document carries no LTV data for it)',
      );
      expect(r.errors).toContain(
        'the certificate has expired and its revocation status before expiry is not established',
      );
    }
  });

  it('with an answer issued by its expiry, or a revocation: in bounds', async () => {
    const atExpiry = await rootCrl({
      thisUpdate: leaf.notAfter,
      nextUpdate: new Date(leaf.notAfter.getTime() + 10 * DAY),
    });
    const ok = await verifySignature(
      { ...claimed, archivePoe: claimedAt },
      ctx({ now: afterExpiry(), crls: [atExpiry] }),
    );
    expect(ok).toMatchObject({ indication: 'TOTAL_PASSED', revocation: 'GOOD' });
    const revoked = await revokedAt(who.serialHex, new Date(claimedAt.getTime() - MINUTE), {
      nextUpdate: new Date(leaf.notAfter.getTime() + 10 * DAY),
    });
    const r = await verifySignature(claimed, ctx({ now: afterExpiry(), crls: [revoked] }));
    expect(r.subIndication).toBe('REVOKED');
    expect(r.warnings.some((w) => w.includes('no revocation data from before its expiry'))).toBe(false);
  });

  it('a trusted signer certificate with no issuer to answer for it is out of bounds once expired', async () => {
    const r = await verifySignature(claimed, ctx({ anchors: [who.signer.certificate], now: afterExpiry() }));
    expect(r).toMatchObject({ chainRevocation: [], subIndication: 'REVOCATION_OUT_OF_BOUNDS_NO_POE' });
  });

  it('a signature whose value does not verify is not judged on revocation bounds', async () => {
    const sv = Uint8Array.from(claimed.cms!.signatureValue);
    sv[sv.length - 1]! ^= 1;
    const r = await verifySignature(
      { ...claimed, cms: { ...claimed.cms!, signatureValue: sv } },
      ctx({ now: afterExpiry() }),
    );
    expect(r.subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(r.warnings.some((w) => w.includes('no revocation data from before its expiry'))).toBe(false);
  });
});
