import { sign as cryptoSign, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoVietnam } from '../../../daemon/src/pdf/sign/time.js';
import type { Signer } from '../../../daemon/src/token/signer.js';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import type { SignatureInput } from '../../../daemon/src/verify/verify-signature.js';
import { verifySignature } from '../../../daemon/src/verify/verify-signature.js';
import { type IssueOptions, type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';
import {
  type ContextOptions,
  handSigned,
  offlineContext,
  onePagePdf,
  signatureInputOf,
} from '../../support/signature-input.js';

// The signer's path (trust, validity of its CAs, key usage, algorithms), what changed after signing,
// and the report entry's description of the signature and its widget.
const DAY = 86400_000;
const KU = x509.KeyUsageFlags;
let ca: TestCa;
let base: Uint8Array;
let visible: SignatureInput;
let leaf: CertInfo;
const ctx = (o: ContextOptions = {}) => offlineContext({ anchors: [ca.rootDer], ...o });
const signedBy = async (cn: string, issue: IssueOptions, claimedTime?: Date): Promise<SignatureInput> => {
  const who = await ca.issue(cn, { ec: true, ...issue });
  return signatureInputOf(await handSigned(base, who.signer, claimedTime ? { claimedTime } : {}));
};

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const EC = { name: 'ECDSA', namedCurve: 'P-256' };
const ECDSA = { name: 'ECDSA', hash: 'SHA-256' };
const ecKeys = async () =>
  (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
const rootSigningKey = () =>
  webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(ca.rootKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
    RSA,
    false,
    ['sign'],
  );
const certificate = (params: x509.X509CertificateCreateParams) =>
  x509.X509CertificateGenerator.create(
    { notBefore: new Date(Date.now() - 3600_000), notAfter: new Date(Date.now() + 30 * DAY), ...params },
    webcrypto as unknown as Crypto,
  );

/** A signer for a certificate made here, with its EC key. */
async function ecSigner(
  cert: x509.X509Certificate,
  keys: CryptoKeyPair,
  chain: Uint8Array[],
): Promise<Signer> {
  const key = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certificate: new Uint8Array(cert.rawData),
    chain,
    keyAlgorithm: 'EC',
    keyBits: 256,
    description: `test key ${cert.subject}`,
    sign: async (data) =>
      cryptoSign('sha256', data, { key, format: 'der', type: 'pkcs8', dsaEncoding: 'der' }),
    close: async () => {},
  };
}

/** A certificate from the test root with no key usage extension at all (every use allowed). */
async function signerWithoutKeyUsage(): Promise<Signer> {
  const keys = await ecKeys();
  const cert = await certificate({
    serialNumber: '7e01',
    subject: 'CN=Không Giới Hạn, C=VN',
    issuer: new x509.X509Certificate(Buffer.from(ca.rootDer)).subject,
    publicKey: keys.publicKey,
    signingKey: await rootSigningKey(),
    signingAlgorithm: RSA,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  });
  return ecSigner(cert, keys, [ca.rootDer]);
}

/**
 * A signer under a CA key certified twice: first (in the CMS) by a CA nobody has, whose certificate
 * only a refused URL offers, then by the test root. The path is found through the second.
 */
async function crossCertifiedSigner(): Promise<Signer> {
  const sub = await ecKeys();
  const absent = await ecKeys();
  const subject = 'CN=vanthu Cross Sub CA, C=VN';
  const caExtensions = () => [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(KU.keyCertSign | KU.cRLSign, true),
  ];
  const fromAbsent = await certificate({
    serialNumber: '7e02',
    subject,
    issuer: 'CN=vanthu Absent CA, C=VN',
    publicKey: sub.publicKey,
    signingKey: absent.privateKey,
    signingAlgorithm: ECDSA,
    extensions: [
      ...caExtensions(),
      new x509.AuthorityInfoAccessExtension({ caIssuers: ['http://127.0.0.1:9/absent.crt'] }),
    ],
  });
  const fromRoot = await certificate({
    serialNumber: '7e03',
    subject,
    issuer: new x509.X509Certificate(Buffer.from(ca.rootDer)).subject,
    publicKey: sub.publicKey,
    signingKey: await rootSigningKey(),
    signingAlgorithm: RSA,
    extensions: caExtensions(),
  });
  const keys = await ecKeys();
  const leafCert = await certificate({
    serialNumber: '7e04',
    subject: 'CN=Chéo Văn Thử, C=VN',
    issuer: subject,
    publicKey: keys.publicKey,
    signingKey: sub.privateKey,
    signingAlgorithm: ECDSA,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(KU.digitalSignature | KU.nonRepudiation, true),
    ],
  });
  return ecSigner(leafCert, keys, [
    new Uint8Array(fromAbsent.rawData),
    new Uint8Array(fromRoot.rawData),
    ca.rootDer,
  ]);
}

beforeAll(async () => {
  ca = await makeTestCa();
  base = await onePagePdf();
  const who = await ca.issue('Nguyễn Thị Hoa', { org: 'Sở Tư pháp', ec: true });
  leaf = certInfo(who.signer.certificate);
  visible = await signatureInputOf(await handSigned(base, who.signer, { rect: [300, 120, 480, 190] }));
});

describe('verifySignature: the certificate path', () => {
  it('a path to a root that is not trusted: NO_CERTIFICATE_CHAIN_FOUND, naming why', async () => {
    const r = await verifySignature(visible, ctx({ anchors: [] }));
    expect(r).toMatchObject({
      chain: 'UNTRUSTED',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      trustAnchor: null,
    });
    expect(r.errors).toContain('the root certificate is not trusted');
  });

  it('no path at all: NO_CERTIFICATE_CHAIN_FOUND, naming why', async () => {
    const cms = { ...visible.cms!, certificates: [visible.cms!.signerCertificate!] };
    const r = await verifySignature({ ...visible, cms }, ctx({ anchors: [] }));
    expect(r).toMatchObject({ chain: 'NO_CHAIN', subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' });
    expect(r.errors).toContain('no certificate chain to a trusted root');
  });

  it('an issuer that could not be fetched is why the path stopped short: a warning says so', async () => {
    const input = await signedBy('Đỗ Văn Khánh', { caIssuersUrl: 'http://127.0.0.1:9/ca.crt' });
    const cms = { ...input.cms!, certificates: [input.cms!.signerCertificate!] };
    const r = await verifySignature({ ...input, cms }, ctx({ anchors: [], online: true }));
    expect(r.chain).toBe('NO_CHAIN');
    expect(
      r.warnings.some((w) =>
        w.startsWith('the issuer certificate could not be fetched: http://127.0.0.1:9/ca.crt'),
      ),
    ).toBe(true);
  });

  it('an issuer that could not be fetched on a dead end is no warning once a path is trusted', async () => {
    const input = await signatureInputOf(await handSigned(base, await crossCertifiedSigner()));
    const r = await verifySignature(input, ctx({ online: true }));
    expect(r).toMatchObject({ chain: 'TRUSTED', indication: 'TOTAL_PASSED', warnings: [] });
  });

  it('a trusted path is no chain error when the signature fails for another reason', async () => {
    const range = { ...visible.range, problems: ['the ByteRange does not start at 0'] };
    const r = await verifySignature({ ...visible, range }, ctx());
    expect(r).toMatchObject({ chain: 'TRUSTED', subIndication: 'FORMAT_FAILURE' });
    expect(r.errors).toEqual(['the ByteRange does not start at 0']);
  });

  it('the trust anchor is named by its subject', async () => {
    expect((await verifySignature(visible, ctx())).trustAnchor).toBe(certInfo(ca.rootDer).subjectDn);
  });

  it('a certificate embedded in the CMS that does not parse is ignored', async () => {
    const cms = {
      ...visible.cms!,
      certificates: [new Uint8Array([0x30, 0x00]), ...visible.cms!.certificates],
    };
    expect((await verifySignature({ ...visible, cms }, ctx())).indication).toBe('TOTAL_PASSED');
  });

  it('a path that breaks a constraint: CHAIN_CONSTRAINTS_FAILURE, naming the problem', async () => {
    const notCa = await ca.subCa({ cn: 'Không phải CA', ca: false });
    const who = await notCa.issue('Trịnh Văn Quang', { ec: true });
    const r = await verifySignature(await signatureInputOf(await handSigned(base, who.signer)), ctx());
    expect(r).toMatchObject({ chain: 'TRUSTED', subIndication: 'CHAIN_CONSTRAINTS_FAILURE' });
    expect(r.errors.some((e) => e.includes('Không phải CA'))).toBe(true);
  });

  it('a CA certificate not valid at the signing time is a warning; its first and last second are valid', async () => {
    const root = certInfo(ca.rootDer);
    const warning = `CA certificate ${root.subjectDn} was not valid at the signing time`;
    // No claimed time: the validation time is the signing time.
    const input = await signedBy('Vũ Thị Lan', { notBefore: new Date(root.notBefore.getTime() - 10 * DAY) });
    const at = (ms: number) => verifySignature(input, ctx({ now: new Date(ms) }));
    expect((await at(root.notBefore.getTime() - 1000)).warnings).toContain(warning);
    expect((await at(root.notBefore.getTime())).warnings).not.toContain(warning);
    expect((await at(root.notAfter.getTime())).warnings).not.toContain(warning);
    expect((await at(root.notAfter.getTime() + 1000)).warnings).toContain(warning);
    const early = await verifySignature(input, ctx({ now: new Date(root.notBefore.getTime() - DAY) }));
    expect(early.indication).toBe('TOTAL_PASSED');
  });
});

describe('verifySignature: key usage and algorithms', () => {
  it('a key usage with neither non-repudiation nor digital signature: CHAIN_CONSTRAINTS_FAILURE', async () => {
    const input = await signedBy('Hồ Văn Minh', { keyUsage: KU.keyAgreement });
    const r = await verifySignature(input, ctx());
    expect(r.subIndication).toBe('CHAIN_CONSTRAINTS_FAILURE');
    expect(r.errors).toContain(
      'the certificate key usage allows neither non-repudiation nor digital signature',
    );
  });

  it('a certificate without a key usage extension may sign', async () => {
    const input = await signatureInputOf(await handSigned(base, await signerWithoutKeyUsage()));
    expect(await verifySignature(input, ctx())).toMatchObject({ indication: 'TOTAL_PASSED', warnings: [] });
  });

  it('digital signature alone is a warning; non-repudiation alone is enough', async () => {
    const ds = await verifySignature(await signedBy('Lý Văn Nam', { keyUsage: KU.digitalSignature }), ctx());
    expect(ds.indication).toBe('TOTAL_PASSED');
    expect(ds.warnings).toContain('the certificate lacks non-repudiation (digital signature only)');
    const nr = await verifySignature(await signedBy('Mai Thị Oanh', { keyUsage: KU.nonRepudiation }), ctx());
    expect(nr).toMatchObject({ indication: 'TOTAL_PASSED', warnings: [] });
  });

  it('SHA-1 on the path: a warning under standard, CRYPTO_CONSTRAINTS_FAILURE under strict', async () => {
    const input = await signedBy('Tạ Văn Phúc', { hash: 'SHA-1' });
    const what = 'SHA-1 digest (signature of the signer certificate)';
    const r = await verifySignature(input, ctx());
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.warnings).toContain(what);
    const strict = await verifySignature(input, ctx({ policy: 'strict' }));
    expect(strict.subIndication).toBe('CRYPTO_CONSTRAINTS_FAILURE');
    expect(strict.errors).toContain(`${what}, refused under the strict policy`);
  });

  it("the CMS digest algorithm is judged besides the signature algorithm's own", async () => {
    // ECDSA-with-SHA256 names its digest; a SHA-1 digestAlgorithm beside it still counts.
    const cms = { ...visible.cms!, digestOid: '1.3.14.3.2.26' };
    const r = await verifySignature({ ...visible, cms }, ctx());
    expect(r.warnings).toContain('SHA-1 digest (the signature)');
  });

  it('the signature algorithm is reported', async () => {
    expect((await verifySignature(visible, ctx())).algorithm).toMatch(/ECDSA/);
  });
});

describe('verifySignature: changes after signing', () => {
  it('changes found after signing are errors of a SIG_CONSTRAINTS_FAILURE, with their pages', async () => {
    const changes = {
      level: 'OTHER' as const,
      findings: ['revision 2: page 1 content changed'],
      pages: [1],
      incomplete: false,
    };
    const r = await verifySignature({ ...visible, changes }, ctx());
    expect(r).toMatchObject({
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      modificationsAfter: 'OTHER',
      changedPages: [1],
    });
    expect(r.errors).toContain('revision 2: page 1 content changed');
  });

  it('an analysis that stopped at a limit is never "unchanged": GENERIC', async () => {
    const changes = { level: 'OTHER' as const, findings: [], pages: [], incomplete: true };
    expect((await verifySignature({ ...visible, changes }, ctx())).subIndication).toBe('GENERIC');
  });

  it('annotations added after signing: refused by default, a warning when the policy allows them', async () => {
    const changes = { level: 'ANNOTATIONS' as const, findings: [], pages: [], incomplete: false };
    const r = await verifySignature({ ...visible, changes }, ctx());
    expect(r.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
    expect(r.warnings).not.toContain('annotations were added after signing (allowed by policy)');
    const allowed = await verifySignature({ ...visible, changes }, ctx({ allowAnnotations: true }));
    expect(allowed.indication).toBe('TOTAL_PASSED');
    expect(allowed.warnings).toContain('annotations were added after signing (allowed by policy)');
    const form = { ...changes, level: 'SIGNATURES_AND_FORMS' as const };
    const f = await verifySignature({ ...visible, changes: form }, ctx({ allowAnnotations: true }));
    expect(f.warnings).not.toContain('annotations were added after signing (allowed by policy)');
  });
});

describe('verifySignature: the report entry', () => {
  it('names the field, its role, revision and coverage, the signer and the certificate', async () => {
    const r = await verifySignature({ ...visible, revision: 3, coverage: 'ENTIRE_REVISION' }, ctx());
    expect(r).toMatchObject({
      field: 'CaNhan',
      role: 'approver',
      subFilter: 'ETSI.CAdES.detached',
      revision: 3,
      coverage: 'ENTIRE_REVISION',
      modificationsAfter: 'NONE',
      chain: 'TRUSTED',
      revocation: 'NOT_CHECKED',
      signer: {
        commonName: 'Nguyễn Thị Hoa',
        organization: 'Sở Tư pháp',
        serialNumber: leaf.serialHex,
        issuer: leaf.issuerDn,
      },
      certificate: {
        notBefore: isoVietnam(leaf.notBefore),
        notAfter: isoVietnam(leaf.notAfter),
        sha256: leaf.fingerprint,
      },
    });
  });

  it('a visible widget gives its page and [x, y, width, height]', async () => {
    const r = await verifySignature(visible, ctx());
    expect(r).toMatchObject({ page: 1, rect: [300, 120, 180, 70] });
  });

  it('the first widget with an area is the one reported; none gives no page', async () => {
    const [w] = visible.field.widgets;
    const flat = { ...w!, rect: [300, 120, 480, 120] as [number, number, number, number] };
    const thin = { ...w!, rect: [300, 120, 300, 190] as [number, number, number, number] };
    const second = { ...w!, rect: [10, 20, 110, 70] as [number, number, number, number] };
    const one = await verifySignature(
      { ...visible, field: { ...visible.field, widgets: [flat, thin, second] } },
      ctx(),
    );
    expect(one).toMatchObject({ page: 1, rect: [10, 20, 100, 50] });
    const none = await verifySignature(
      { ...visible, field: { ...visible.field, widgets: [flat, thin] } },
      ctx(),
    );
    expect(none).toMatchObject({ page: null, rect: [0, 0, 0, 0] });
    const loose = await verifySignature(
      { ...visible, field: { ...visible.field, widgets: [{ ...second, pageRef: undefined }] } },
      ctx(),
    );
    expect(loose).toMatchObject({ page: null, rect: [10, 20, 100, 50] });
  });

  it('a failing signature lists each reason once', async () => {
    const range = { ...visible.range, problems: ['the ByteRange does not start at 0'] };
    const r = await verifySignature(
      { ...visible, range, cmsError: 'the ByteRange does not start at 0' },
      ctx(),
    );
    expect(r.errors.filter((e) => e === 'the ByteRange does not start at 0')).toHaveLength(1);
  });
});
