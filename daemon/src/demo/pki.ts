import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type X509Crypto = Parameters<typeof x509.cryptoProvider.set>[0];

x509.cryptoProvider.set(webcrypto as unknown as X509Crypto);

/** Key types the demo and test PKI issue. */
export type DemoKeyType = 'RSA-2048' | 'RSA-3072' | 'P-256';

/** A certificate with its private key, generated in memory (never committed, never reused). */
export interface IssuedCertificate {
  certDer: Uint8Array;
  certPem: string;
  /** PKCS#8 DER of the private key. */
  keyDer: Uint8Array;
  keyPem: string;
  keyType: DemoKeyType;
  subject: string;
}

interface Authority extends IssuedCertificate {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

const RSA_SIGN = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
const DAY = 86_400_000;

function algorithm(type: DemoKeyType): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams {
  if (type === 'P-256') return { name: 'ECDSA', namedCurve: 'P-256' };
  return {
    ...RSA_SIGN,
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: type === 'RSA-3072' ? 3072 : 2048,
  };
}

function signingAlgorithm(keys: CryptoKeyPair): webcrypto.Algorithm | webcrypto.EcdsaParams {
  return keys.privateKey.algorithm.name === 'ECDSA' ? { name: 'ECDSA', hash: 'SHA-256' } : RSA_SIGN;
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

async function finish(
  cert: x509.X509Certificate,
  keys: CryptoKeyPair,
  keyType: DemoKeyType,
): Promise<Authority> {
  const keyDer = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const certDer = new Uint8Array(cert.rawData);
  return {
    cert,
    keys,
    certDer,
    certPem: pem('CERTIFICATE', certDer),
    keyDer,
    keyPem: pem('PRIVATE KEY', keyDer),
    keyType,
    subject: cert.subject,
  };
}

let serial = Date.now();
const nextSerial = (): string => (serial++).toString(16).padStart(16, '0');

async function generate(type: DemoKeyType): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm(type), true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** A self-signed root CA valid from yesterday for ten years. */
export async function makeRootCa(name: string, now = Date.now()): Promise<Authority> {
  const keys = await generate('RSA-2048');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: nextSerial(),
    name,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: RSA_SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return finish(cert, keys, 'RSA-2048');
}

export interface IssueOptions {
  keyType?: DemoKeyType;
  /** Validity window; default from an hour ago for two years. */
  notBefore?: Date;
  notAfter?: Date;
  /** Issue a CA certificate (path length 0). */
  ca?: boolean;
  keyUsage?: number;
  extendedKeyUsage?: string[];
}

/** Issues a certificate signed by `issuer`. */
export async function issueCertificate(
  issuer: Authority,
  subject: string,
  opts: IssueOptions = {},
): Promise<Authority> {
  const keyType = opts.keyType ?? 'RSA-2048';
  const keys = await generate(keyType);
  const now = Date.now();
  const usage =
    opts.keyUsage ??
    (opts.ca
      ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
      : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: nextSerial(),
    subject,
    issuer: issuer.cert.subject,
    notBefore: opts.notBefore ?? new Date(now - 3600_000),
    notAfter: opts.notAfter ?? new Date(now + 730 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: signingAlgorithm(issuer.keys),
    extensions: [
      new x509.BasicConstraintsExtension(opts.ca === true, opts.ca ? 0 : undefined, true),
      new x509.KeyUsagesExtension(usage, true),
      ...(opts.extendedKeyUsage ? [new x509.ExtendedKeyUsageExtension(opts.extendedKeyUsage, false)] : []),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });
  return finish(cert, keys, keyType);
}

/** The demo PKI: a hierarchy the demo token and tests use, plus the failure cases verifiers must catch. */
export interface DemoPki {
  root: IssuedCertificate;
  intermediate: IssuedCertificate;
  /** Person certificate of the approver (digitalSignature + nonRepudiation). */
  approver: IssuedCertificate;
  /** Organisation certificate for the seal. */
  seal: IssuedCertificate;
  /** Issued by the intermediate, validity ended yesterday. */
  expired: IssuedCertificate;
  /** Issued by a root nobody trusts. */
  untrusted: IssuedCertificate;
  untrustedRoot: IssuedCertificate;
  /** Issues further certificates under the intermediate (e.g. other key types for tests). */
  issue(subject: string, opts?: IssueOptions): Promise<IssuedCertificate>;
}

const PLACE = 'L=Cần Thơ, C=VN';
export const DEMO_ORGANIZATION = 'Ủy ban nhân dân thành phố Cần Thơ';
export const DEMO_APPROVER = 'Trần Văn Minh';

/** Generates the demo PKI afresh (a few hundred ms: RSA key generation). */
export async function generateDemoPki(
  opts: { approverKey?: DemoKeyType; sealKey?: DemoKeyType } = {},
): Promise<DemoPki> {
  const now = Date.now();
  const root = await makeRootCa('CN=vanthu Demo Root CA, O=vanthu demo, C=VN', now);
  const intermediate = await issueCertificate(root, 'CN=vanthu Demo Issuing CA, O=vanthu demo, C=VN', {
    ca: true,
    notAfter: new Date(now + 1825 * DAY),
  });
  const approver = await issueCertificate(
    intermediate,
    `CN=${DEMO_APPROVER}, O=UBND thành phố Cần Thơ, ${PLACE}`,
    { keyType: opts.approverKey ?? 'RSA-2048' },
  );
  const seal = await issueCertificate(
    intermediate,
    `CN=${DEMO_ORGANIZATION}, O=${DEMO_ORGANIZATION}, ${PLACE}`,
    {
      keyType: opts.sealKey ?? 'RSA-2048',
    },
  );
  const expired = await issueCertificate(
    intermediate,
    `CN=Lê Thị Hết Hạn, O=UBND thành phố Cần Thơ, ${PLACE}`,
    {
      notBefore: new Date(now - 400 * DAY),
      notAfter: new Date(now - DAY),
    },
  );
  const untrustedRoot = await makeRootCa('CN=Untrusted Root CA, O=Không tin cậy, C=VN', now);
  const untrusted = await issueCertificate(
    untrustedRoot,
    `CN=Nguyễn Văn Lạ, O=Đơn vị không tin cậy, ${PLACE}`,
  );
  const strip = ({ cert: _c, keys: _k, ...rest }: Authority): IssuedCertificate => rest;
  return {
    root: strip(root),
    intermediate: strip(intermediate),
    approver: strip(approver),
    seal: strip(seal),
    expired: strip(expired),
    untrusted: strip(untrusted),
    untrustedRoot: strip(untrustedRoot),
    issue: async (subject, o) => strip(await issueCertificate(intermediate, subject, o)),
  };
}
