import { beforeAll, describe, expect, it } from 'vitest';
import type { SignatureInput } from '../../../daemon/src/verify/verify-signature.js';
import { verifySignature } from '../../../daemon/src/verify/verify-signature.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { handSigned, offlineContext, onePagePdf, signatureInputOf } from '../../support/signature-input.js';

// One signed document per sub-filter; each test changes one part of what the document-level pass
// found and states the rule of the per-signature checks that judges it.
let ca: TestCa;
let pades: SignatureInput;
let pkcs7: SignatureInput;
const ctx = () => offlineContext({ anchors: [ca.rootDer] });

beforeAll(async () => {
  ca = await makeTestCa();
  const base = await onePagePdf();
  const who = await ca.issue('Nguyễn Văn An', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
  pades = await signatureInputOf(await handSigned(base, who.signer));
  pkcs7 = await signatureInputOf(
    await handSigned(base, who.signer, {
      subFilter: 'adbe.pkcs7.detached',
      signingTime: new Date(Date.now() - 60_000),
      rect: [300, 120, 480, 190],
    }),
  );
});

const flip = (bytes: Uint8Array): Uint8Array => {
  const out = Uint8Array.from(bytes);
  out[out.length - 1]! ^= 0x01;
  return out;
};

describe('verifySignature: the signature as found', () => {
  it('a PAdES and a PKCS#7 signature by a trusted, valid certificate pass with no errors', async () => {
    for (const input of [pades, pkcs7]) {
      const r = await verifySignature(input, ctx());
      expect(r).toMatchObject({
        indication: 'TOTAL_PASSED',
        subIndication: null,
        integrity: true,
        errors: [],
      });
    }
  });

  it('a ByteRange problem is a FORMAT_FAILURE naming it', async () => {
    const range = { ...pades.range, problems: ['the ByteRange does not start at 0'] };
    const r = await verifySignature({ ...pades, range }, ctx());
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(r.errors).toContain('the ByteRange does not start at 0');
  });

  it('a CMS that did not parse is a FORMAT_FAILURE naming why', async () => {
    const r = await verifySignature({ ...pades, cmsError: 'CMS does not parse: bad tag' }, ctx());
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(r.errors).toContain('CMS does not parse: bad tag');
  });

  it('a signature that covers part of its revision is a FORMAT_FAILURE naming it', async () => {
    const r = await verifySignature({ ...pades, coverageProblem: 'bytes after the signed range' }, ctx());
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(r.errors).toContain('bytes after the signed range');
  });

  it('an unknown or missing /SubFilter is a FORMAT_FAILURE naming it', async () => {
    const other = await verifySignature({ ...pades, field: { ...pades.field, subFilter: 'x.y' } }, ctx());
    expect(other.subIndication).toBe('FORMAT_FAILURE');
    expect(other.errors).toContain('unsupported /SubFilter x.y');
    expect(other.subFilter).toBe('x.y');
    const none = await verifySignature({ ...pades, field: { ...pades.field, subFilter: undefined } }, ctx());
    expect(none.errors).toContain('unsupported /SubFilter (none)');
    expect(none.subFilter).toBeNull();
  });

  it('non-zero bytes after the CMS are a warning, not a failure', async () => {
    const cms = { ...pades.cms!, trailingBytes: true };
    const r = await verifySignature({ ...pades, cms }, ctx());
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.warnings).toContain('non-zero bytes follow the CMS inside /Contents');
    expect((await verifySignature(pades, ctx())).warnings).not.toContain(
      'non-zero bytes follow the CMS inside /Contents',
    );
  });

  it("the CMS parser's warnings are passed on", async () => {
    const cms = { ...pades.cms!, warnings: ['BER length in the CMS'] };
    expect((await verifySignature({ ...pades, cms }, ctx())).warnings).toContain('BER length in the CMS');
  });

  it('a signer certificate that is not embedded (or does not parse) is a FORMAT_FAILURE', async () => {
    for (const signerCertificate of [undefined, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])]) {
      const r = await verifySignature({ ...pades, cms: { ...pades.cms!, signerCertificate } }, ctx());
      expect(r.subIndication).toBe('FORMAT_FAILURE');
      expect(r.errors).toContain('the signer certificate is not embedded in the signature');
      expect(r).toMatchObject({ integrity: false, certificate: null, chain: 'NO_CHAIN', algorithm: null });
      expect(r.signer).toEqual({ commonName: null, organization: null, serialNumber: null, issuer: null });
    }
  });

  it('no CMS at all: nothing is checked and the signature reports no signer', async () => {
    const r = await verifySignature(
      { ...pades, cms: undefined, cmsError: 'the signature has no /Contents' },
      ctx(),
    );
    expect(r).toMatchObject({
      subIndication: 'FORMAT_FAILURE',
      integrity: false,
      level: 'B-B',
      timestamp: null,
    });
    expect(r.errors).toEqual(['the signature has no /Contents']);
  });

  it('byte ranges whose digest differs from the message-digest: HASH_FAILURE', async () => {
    const r = await verifySignature({ ...pades, digest: Buffer.alloc(32, 7) }, ctx());
    expect(r).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', integrity: false });
    expect(r.errors).toContain('message-digest does not match the signed bytes');
  });

  it('byte ranges that could not be digested: HASH_FAILURE, and nothing further is judged', async () => {
    const r = await verifySignature({ ...pades, digest: undefined }, ctx());
    expect(r).toMatchObject({
      subIndication: 'HASH_FAILURE',
      integrity: false,
      chain: 'NO_CHAIN',
      timestamp: null,
    });
  });

  it('a signature value that does not verify: SIG_CRYPTO_FAILURE, and no chain is built', async () => {
    const cms = { ...pades.cms!, signatureValue: flip(pades.cms!.signatureValue) };
    const r = await verifySignature({ ...pades, cms }, ctx());
    expect(r).toMatchObject({
      subIndication: 'SIG_CRYPTO_FAILURE',
      integrity: false,
      chain: 'NO_CHAIN',
      revocation: 'NOT_CHECKED',
      chainRevocation: [],
    });
    expect(r.errors).toContain('the signature value does not verify with the signer certificate');
  });

  it('a CMS without signed attributes is a FORMAT_FAILURE saying so', async () => {
    const cms = { ...pades.cms!, signedAttrsDer: undefined };
    const r = await verifySignature({ ...pades, cms }, ctx());
    expect(r.subIndication).toBe('FORMAT_FAILURE');
    expect(r.errors).toContain('the CMS has no signed attributes');
  });

  it('a signing-certificate attribute naming another certificate: NO_SIGNING_CERTIFICATE_FOUND', async () => {
    for (const input of [pades, pkcs7]) {
      const ess = input.cms!.ess!.map((e) => ({ ...e, hash: flip(e.hash) }));
      const r = await verifySignature({ ...input, cms: { ...input.cms!, ess } }, ctx());
      expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' });
      expect(r.errors).toContain('signing-certificate attribute does not name the signer certificate');
    }
  });

  it('PAdES requires signing-certificate-v2; PKCS#7 does not', async () => {
    const r = await verifySignature({ ...pades, cms: { ...pades.cms!, ess: undefined } }, ctx());
    expect(r.subIndication).toBe('NO_SIGNING_CERTIFICATE_FOUND');
    expect(r.errors).toContain('PAdES signature without signing-certificate-v2');
    const p = await verifySignature({ ...pkcs7, cms: { ...pkcs7.cms!, ess: undefined } }, ctx());
    expect(p.indication).toBe('TOTAL_PASSED');
  });

  it('a CMS signing-time is a warning on a PAdES signature only', async () => {
    const at = pkcs7.cms!.signingTime;
    expect(at).toBeInstanceOf(Date);
    const r = await verifySignature({ ...pades, cms: { ...pades.cms!, signingTime: at } }, ctx());
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.warnings).toContain('PAdES signature carries a CMS signing-time attribute');
    expect((await verifySignature(pkcs7, ctx())).warnings).not.toContain(
      'PAdES signature carries a CMS signing-time attribute',
    );
  });
});
