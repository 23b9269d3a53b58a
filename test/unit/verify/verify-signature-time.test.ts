import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestTimestamp } from '../../../daemon/src/cms/index.js';
import { isoVietnam } from '../../../daemon/src/pdf/sign/time.js';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import type { SignatureInput } from '../../../daemon/src/verify/verify-signature.js';
import { verifySignature } from '../../../daemon/src/verify/verify-signature.js';
import { type IssuedTestCertificate, type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { addDocTimestamp } from '../../support/pdf-tamper.js';
import {
  type ContextOptions,
  crlBy,
  handSigned,
  offlineContext,
  onePagePdf,
  signatureInputOf,
} from '../../support/signature-input.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';

// The signing time, the proof of existence and the certificate's validity at them: a signature
// timestamp from a local TSA, a document timestamp over a signed file, claimed times (/M, CMS).
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let ca: TestCa;
let tsa: LocalTsa;
let who: IssuedTestCertificate;
let leaf: CertInfo;
let stamped: SignatureInput;
let otherStamped: SignatureInput;
let claimed: SignatureInput;
let unclaimed: SignatureInput;
let docTs: SignatureInput;
let genTime: Date;
/** The /M of `claimed`, to the second as a PDF date holds it. */
const claimedAt = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
const ctx = (o: ContextOptions = {}) => offlineContext({ anchors: [ca.rootDer], ...o });

beforeAll(async () => {
  ca = await makeTestCa();
  const t = await ca.issue('vanthu Test TSA', { tsa: true, ec: true });
  tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  who = await ca.issue('Trần Thị Bình', { ec: true });
  leaf = certInfo(who.signer.certificate);
  const base = await onePagePdf();
  const timestamp = (sv: Uint8Array) => requestTimestamp(sv, { url: tsa.url });
  stamped = await signatureInputOf(await handSigned(base, who.signer, { timestamp }));
  otherStamped = await signatureInputOf(await handSigned(base, who.signer, { timestamp, field: 'CaNhan_2' }));
  const plain = await handSigned(base, who.signer, { claimedTime: claimedAt });
  claimed = await signatureInputOf(plain);
  unclaimed = await signatureInputOf(await handSigned(base, who.signer));
  docTs = await signatureInputOf(await addDocTimestamp(plain, tsa.url));
  const { verifyTimestampToken } = await import('../../../daemon/src/trust/timestamp-token.js');
  const token = await verifyTimestampToken(
    stamped.cms!.timestampToken!,
    stamped.cms!.signatureValue,
    ctx().chain,
  );
  genTime = token.genTime!;
});
afterAll(async () => {
  await tsa?.close();
});

describe('verifySignature: signature timestamps', () => {
  it('a valid signature timestamp gives the signing time and the proof of existence (B-T)', async () => {
    const r = await verifySignature(stamped, ctx());
    expect(r).toMatchObject({
      indication: 'TOTAL_PASSED',
      signingTimeSource: 'timestamp',
      level: 'B-T',
      timestamp: { valid: true, chain: 'TRUSTED' },
    });
    expect(r.timestamp?.tsa).toMatch(/vanthu Test TSA/);
    expect(r.timestamp?.genTime).toBe(isoVietnam(genTime));
    expect(r.signingTime).toBe(r.timestamp?.genTime);
    expect(r.proofOfExistence).toBe(r.timestamp?.genTime);
    expect(Math.abs(genTime.getTime() - Date.now())).toBeLessThan(HOUR);
  });

  it('a token over another signature value is a FORMAT_FAILURE and proves nothing', async () => {
    const cms = { ...stamped.cms!, timestampToken: otherStamped.cms!.timestampToken };
    const r = await verifySignature({ ...stamped, cms }, ctx());
    expect(r).toMatchObject({
      subIndication: 'FORMAT_FAILURE',
      proofOfExistence: null,
      signingTimeSource: 'none',
    });
    expect(r.errors).toContain('timestamp: the timestamp imprint does not match the signature value');
  });

  it('a token whose TSA is not trusted is a warning: the claimed time stands, nothing is proven', async () => {
    const r = await verifySignature(
      { ...stamped, field: { ...stamped.field, signingTime: claimed.field.signingTime } },
      ctx({ anchors: [] }),
    );
    expect(r.timestamp).toMatchObject({ valid: false, chain: 'UNTRUSTED' });
    expect(r).toMatchObject({ signingTimeSource: 'claimed', proofOfExistence: null });
    expect(r.warnings).toContain('timestamp: TSA chain UNTRUSTED');
    expect(r.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('the token of a signature whose value does not verify is not read', async () => {
    const sv = Uint8Array.from(stamped.cms!.signatureValue);
    sv[sv.length - 1]! ^= 1;
    const r = await verifySignature({ ...stamped, cms: { ...stamped.cms!, signatureValue: sv } }, ctx());
    expect(r).toMatchObject({
      subIndication: 'SIG_CRYPTO_FAILURE',
      timestamp: null,
      signingTimeSource: 'none',
    });
  });

  it('a claimed time after the timestamp is a warning measured from genTime', async () => {
    const cms = { ...stamped.cms!, signingTime: new Date(genTime.getTime() + 120_000) };
    const r = await verifySignature({ ...stamped, cms }, ctx());
    expect(r.warnings).toContain('signingTime is 120 s after the timestamp genTime');
  });
});

describe('verifySignature: signature levels', () => {
  it('B-T with a signature timestamp; B-LT when the /DSS answers for the whole path; B-LTA with a later document timestamp', async () => {
    const crl = await crlBy(
      { certDer: ca.rootDer, keyPem: ca.rootKeyPem },
      { thisUpdate: new Date(Date.now() - DAY), nextUpdate: new Date(Date.now() + DAY) },
    );
    expect((await verifySignature(stamped, ctx({ crls: [crl] }))).level).toBe('B-T');
    const lt = await verifySignature(stamped, ctx({ dssCrls: [crl] }));
    expect(lt).toMatchObject({ level: 'B-LT', ltv: true, indication: 'TOTAL_PASSED' });
    const lta = await verifySignature({ ...stamped, archivePoe: new Date() }, ctx({ dssCrls: [crl] }));
    expect(lta.level).toBe('B-LTA');
    expect(
      (await verifySignature({ ...claimed, archivePoe: new Date() }, ctx({ dssCrls: [crl] }))).level,
    ).toBe('B-B');
  });

  it('a token that does not even parse is summarised without time or TSA', async () => {
    const cms = { ...stamped.cms!, timestampToken: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) };
    const r = await verifySignature({ ...stamped, cms }, ctx());
    expect(r.timestamp).toEqual({ genTime: null, tsa: null, valid: false, chain: 'NO_CHAIN' });
    expect(r.subIndication).toBe('FORMAT_FAILURE');
  });
});

describe('verifySignature: claimed signing time', () => {
  it('the CMS signing-time comes before /M; with neither the time is unknown', async () => {
    const cmsTime = new Date(Date.now() - 2 * HOUR);
    const both = await verifySignature({ ...claimed, cms: { ...claimed.cms!, signingTime: cmsTime } }, ctx());
    expect(both).toMatchObject({ signingTime: isoVietnam(cmsTime), signingTimeSource: 'claimed' });
    const m = await verifySignature(claimed, ctx());
    expect(m).toMatchObject({ signingTime: isoVietnam(claimedAt), signingTimeSource: 'claimed' });
    const none = await verifySignature(unclaimed, ctx());
    expect(none).toMatchObject({ signingTime: null, signingTimeSource: 'none', proofOfExistence: null });
  });

  it('a claimed time 7 h ahead of the validation time is the local-time-as-UTC quirk', async () => {
    const now = new Date();
    const cms = { ...claimed.cms!, signingTime: new Date(now.getTime() + 7 * HOUR) };
    const r = await verifySignature({ ...claimed, cms }, ctx({ now }));
    expect(r.warnings).toContain(
      'signingTime is about 7 h ahead of the validation time: local time written as UTC (+7 h quirk)',
    );
  });
});

describe("verifySignature: the certificate's validity", () => {
  it('signed after the certificate expired: EXPIRED', async () => {
    const r = await verifySignature(unclaimed, ctx({ now: new Date(leaf.notAfter.getTime() + 1000) }));
    expect(r.subIndication).toBe('EXPIRED');
    expect(r.errors).toContain('the certificate was expired at the signing time');
    // Only the CA certificates of the path are judged as such.
    expect(r.warnings.some((w) => w.startsWith('CA certificate'))).toBe(false);
  });

  it('signed before the certificate was valid: NOT_YET_VALID', async () => {
    const r = await verifySignature(unclaimed, ctx({ now: new Date(leaf.notBefore.getTime() - 1000) }));
    expect(r.subIndication).toBe('NOT_YET_VALID');
    expect(r.errors).toContain('the certificate was not yet valid at the signing time');
  });

  it('the first and the last second of the validity period are within it', async () => {
    for (const now of [leaf.notBefore, leaf.notAfter]) {
      const r = await verifySignature(unclaimed, ctx({ now }));
      expect(r.indication).toBe('TOTAL_PASSED');
      expect(r.warnings).toEqual([]);
    }
  });

  it('expired since signing without a timestamp: a warning, OUT_OF_BOUNDS_NO_POE under strict', async () => {
    const now = new Date(leaf.notAfter.getTime() + DAY);
    const warning = 'the certificate has expired since signing and no timestamp proves the signing time';
    const r = await verifySignature(claimed, ctx({ now }));
    expect(r.warnings).toContain(warning);
    expect(r.subIndication).toBe('REVOCATION_OUT_OF_BOUNDS_NO_POE');
    const strict = await verifySignature(claimed, ctx({ now, policy: 'strict' }));
    expect(strict.subIndication).toBe('OUT_OF_BOUNDS_NO_POE');
    for (const proven of [stamped, { ...claimed, archivePoe: new Date(Date.now() - 1000) }]) {
      const p = await verifySignature(proven, ctx({ now, policy: 'strict' }));
      expect(p.warnings).not.toContain(warning);
      expect(p.subIndication).not.toBe('OUT_OF_BOUNDS_NO_POE');
    }
  });

  it('a later document timestamp is the proof of existence of a signature without its own', async () => {
    const poe = new Date(Date.now() - 1000);
    const r = await verifySignature({ ...claimed, archivePoe: poe }, ctx());
    expect(r).toMatchObject({
      proofOfExistence: isoVietnam(poe),
      signingTimeSource: 'claimed',
      level: 'B-B',
    });
  });
});

describe('verifySignature: document timestamps', () => {
  it('a valid document timestamp passes, has no PAdES level and proves its own time', async () => {
    const r = await verifySignature(docTs, ctx());
    expect(r).toMatchObject({
      indication: 'TOTAL_PASSED',
      integrity: true,
      level: null,
      signingTimeSource: 'timestamp',
      timestamp: { valid: true },
    });
    expect(r.proofOfExistence).toBe(r.timestamp?.genTime);
    expect(r.warnings).toContain('document timestamp');
  });

  it('an untrusted document timestamp: its problems are warnings, and a later one is no proof for it', async () => {
    const r = await verifySignature({ ...docTs, archivePoe: new Date() }, ctx({ anchors: [] }));
    expect(r.warnings).toContain('timestamp: TSA chain UNTRUSTED');
    expect(r.errors).not.toContain('TSA chain UNTRUSTED');
    expect(r).toMatchObject({
      integrity: true,
      proofOfExistence: null,
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
  });

  it('byte ranges that differ from the imprint: HASH_FAILURE with the token problem as an error', async () => {
    for (const input of [
      { ...docTs, digest: Buffer.alloc(32, 1) },
      { ...docTs, digestHash: 'sha512' },
    ]) {
      const r = await verifySignature(input, ctx());
      expect(r).toMatchObject({ subIndication: 'HASH_FAILURE', integrity: false });
      expect(r.errors).toContain('the timestamp imprint does not match the signed byte ranges');
      expect(r.errors).not.toContain(
        'timestamp: the timestamp imprint does not match the signed byte ranges',
      );
      expect(r.warnings.some((w) => w.startsWith('timestamp:'))).toBe(false);
    }
  });

  it('a token signature that does not verify is an error even though the imprint matches', async () => {
    const sv = Uint8Array.from(docTs.cms!.signatureValue);
    sv[sv.length - 1]! ^= 1;
    const r = await verifySignature({ ...docTs, cms: { ...docTs.cms!, signatureValue: sv } }, ctx());
    expect(r).toMatchObject({ subIndication: 'SIG_CRYPTO_FAILURE', integrity: false });
    expect(r.errors.some((e) => e.startsWith('timestamp signature:'))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith('timestamp:'))).toBe(false);
  });

  it("the token's signing-certificate is judged as a timestamp problem, not as the signer's", async () => {
    const ess = docTs.cms!.ess!.map((e) => ({ ...e, hash: Uint8Array.from(e.hash, (b) => b ^ 1) }));
    const r = await verifySignature({ ...docTs, cms: { ...docTs.cms!, ess } }, ctx());
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.warnings).toContain(
      'timestamp: the token signing-certificate does not name the TSA certificate',
    );
  });

  it('a document timestamp is its own token: a signature timestamp attribute in it is not read', async () => {
    const cms = { ...docTs.cms!, timestampToken: stamped.cms!.timestampToken };
    const r = await verifySignature({ ...docTs, cms }, ctx());
    expect(r).toMatchObject({ indication: 'TOTAL_PASSED', timestamp: { valid: true } });
    expect(r.warnings.some((w) => w.startsWith('timestamp:'))).toBe(false);
  });

  it('a document timestamp without /Contents is not checked as a token', async () => {
    const r = await verifySignature({ ...docTs, field: { ...docTs.field, contents: undefined } }, ctx());
    expect(r).toMatchObject({ integrity: false, timestamp: null });
  });
});
