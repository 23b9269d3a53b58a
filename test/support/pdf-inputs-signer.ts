import { createPrivateKey, sign as cryptoSign, constants, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { KeyAlgorithm, SignOptions, Signer } from '../../daemon/src/token/signer.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Optional certificate shapes for verification tests; the defaults keep the original behaviour. */
export interface IssueOptions {
  org?: string;
  ec?: boolean;
  tsa?: boolean;
  keyBits?: number;
  notBefore?: Date;
  notAfter?: Date;
  /** x509.KeyUsageFlags bits instead of digitalSignature | nonRepudiation. */
  keyUsage?: number;
  /** CRL distribution point URL. */
  crlUrl?: string;
  /** AIA OCSP responder URL. */
  ocspUrl?: string;
  /** Add id-kp-OCSPSigning (a delegated OCSP responder certificate). */
  ocspSigning?: boolean;
  /** AIA caIssuers URL (where the issuer certificate can be fetched). */
  caIssuersUrl?: string;
  /** Further extensions (e.g. an unknown critical one). */
  extensions?: x509.Extension[];
  /** Digest of the issuer's signature on this certificate (default SHA-256). */
  hash?: 'SHA-1' | 'SHA-256';
}

/** A CA certificate under the issuing CA; the defaults make a well-formed CA with pathLen 0. */
export interface SubCaOptions {
  cn?: string;
  /** basicConstraints cA (default true). */
  ca?: boolean;
  /** pathLenConstraint (default 0; null = none). */
  pathLen?: number | null;
  /** x509.KeyUsageFlags bits instead of keyCertSign | cRLSign. */
  keyUsage?: number;
  keyBits?: number;
  /** CRL distribution point and AIA OCSP of the issuing CA, for the CA certificate's revocation. */
  crlUrl?: string;
  ocspUrl?: string;
  extensions?: x509.Extension[];
}

/** A CA that issues end-entity certificates and further CAs. */
export interface TestAuthority {
  certPem: string;
  certDer: Uint8Array;
  /** PKCS#8 PEM, for CRLs and OCSP responders in tests. */
  keyPem: string;
  serialHex: string;
  issue(cn: string, opts?: IssueOptions): Promise<IssuedTestCertificate>;
  subCa(opts?: SubCaOptions): Promise<TestAuthority>;
}

export interface IssuedTestCertificate {
  signer: Signer;
  certPem: string;
  keyPem: string;
  serialHex: string;
}

export interface TestCaOptions {
  /** Issue from an intermediate "vanthu Test Sub CA" under the root instead of from the root. */
  intermediate?: boolean;
}

export interface TestCa {
  rootPem: string;
  rootDer: Uint8Array;
  /** The root's private key (PKCS#8 PEM), for CRLs and OCSP responders in tests. */
  rootKeyPem: string;
  /** With `intermediate`: the sub CA that issues the certificates (DER). */
  intermediateDer?: Uint8Array;
  issue(cn: string, opts?: IssueOptions): Promise<IssuedTestCertificate>;
  /** A CA certificate issued by the root. */
  subCa(opts?: SubCaOptions): Promise<TestAuthority>;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };

const rsaKeys = async (bits: number): Promise<CryptoKeyPair> =>
  (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: bits }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;

const pkcs8Key = async (k: CryptoKey) =>
  createPrivateKey({
    key: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', k)),
    format: 'der',
    type: 'pkcs8',
  });

/** A throw-away CA generated per run, issuing signing and TSA certificates (nothing is stored). */
export async function makeTestCa(caOptions: TestCaOptions = {}): Promise<TestCa> {
  const rootKeys = await rsaKeys(2048);
  const now = Date.now();
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=vanthu Test Root CA, O=vanthu test, C=VN',
    notBefore: new Date(now - 86400_000),
    notAfter: new Date(now + 365 * 86400_000),
    keys: rootKeys,
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });
  let serial = 2;
  const nextSerial = (): string => (serial++).toString(16).padStart(2, '0');
  const top = await authority(root, rootKeys, [], nextSerial, now);
  const issuing = caOptions.intermediate
    ? await top.subCa({
        cn: 'vanthu Test Sub CA',
        serialHex: 'ff01',
        notAfter: new Date(now + 300 * 86400_000),
      })
    : top;
  return {
    rootPem: top.certPem,
    rootDer: top.certDer,
    rootKeyPem: top.keyPem,
    ...(caOptions.intermediate ? { intermediateDer: issuing.certDer } : {}),
    issue: issuing.issue,
    subCa: top.subCa,
  };
}

interface InternalSubCaOptions extends SubCaOptions {
  serialHex?: string;
  notAfter?: Date;
}

/** The issuing side of one CA: `above` is its own chain up to the root (nearest first). */
async function authority(
  cert: x509.X509Certificate,
  keys: CryptoKeyPair,
  above: x509.X509Certificate[],
  nextSerial: () => string,
  now: number,
): Promise<TestAuthority & { subCa(opts?: InternalSubCaOptions): Promise<TestAuthority> }> {
  const chain = [cert, ...above];
  // A WebCrypto RSA key is bound to one hash: SHA-1 certificates need the key imported again.
  const sha1Key = await webcrypto.subtle.importKey(
    'pkcs8',
    await webcrypto.subtle.exportKey('pkcs8', keys.privateKey),
    { name: RSA.name, hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const signing = (hash: 'SHA-1' | 'SHA-256' = 'SHA-256') => ({
    signingAlgorithm: { ...RSA, hash },
    signingKey: hash === 'SHA-1' ? sha1Key : keys.privateKey,
  });
  const aki = await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey);
  const self = {
    certPem: cert.toString('pem'),
    certDer: new Uint8Array(cert.rawData),
    keyPem: (await pkcs8Key(keys.privateKey)).export({ type: 'pkcs8', format: 'pem' }) as string,
    serialHex: cert.serialNumber,
    async subCa(opts: InternalSubCaOptions = {}): Promise<TestAuthority> {
      const subKeys = await rsaKeys(opts.keyBits ?? 2048);
      const sub = await x509.X509CertificateGenerator.create({
        serialNumber: opts.serialHex ?? nextSerial(),
        subject: `CN=${opts.cn ?? 'vanthu Test Sub CA'}, O=vanthu test, C=VN`,
        issuer: cert.subject,
        notBefore: new Date(now - 86400_000),
        notAfter: opts.notAfter ?? new Date(now + 300 * 86400_000),
        publicKey: subKeys.publicKey,
        ...signing(),
        extensions: [
          new x509.BasicConstraintsExtension(
            opts.ca ?? true,
            opts.pathLen === null ? undefined : (opts.pathLen ?? 0),
            true,
          ),
          new x509.KeyUsagesExtension(
            opts.keyUsage ?? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
            true,
          ),
          await x509.SubjectKeyIdentifierExtension.create(subKeys.publicKey),
          aki,
          ...revocationExtensions(opts),
          ...(opts.extensions ?? []),
        ],
      });
      return authority(sub, subKeys, chain, nextSerial, now);
    },
    async issue(cn: string, opts: IssueOptions = {}): Promise<IssuedTestCertificate> {
      const alg = opts.ec
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : { ...RSA, modulusLength: opts.keyBits ?? 2048 };
      const leafKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const serialHex = nextSerial();
      const leaf = await x509.X509CertificateGenerator.create({
        serialNumber: serialHex,
        subject: `CN=${cn}${opts.org ? `, O=${opts.org}` : ''}, C=VN`,
        issuer: cert.subject,
        notBefore: opts.notBefore ?? new Date(now - 3600_000),
        notAfter: opts.notAfter ?? new Date(now + 180 * 86400_000),
        publicKey: leafKeys.publicKey,
        ...signing(opts.hash),
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
            true,
          ),
          ...(opts.tsa ? [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.8'], true)] : []),
          ...(opts.ocspSigning ? [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.9'], false)] : []),
          ...revocationExtensions(opts),
          aki,
          ...(opts.extensions ?? []),
        ],
      });
      const key = await pkcs8Key(leafKeys.privateKey);
      const keyAlgorithm: KeyAlgorithm = opts.ec ? 'EC' : 'RSA';
      const signer: Signer = {
        certificate: new Uint8Array(leaf.rawData),
        chain: chain.map((c) => new Uint8Array(c.rawData)),
        keyAlgorithm,
        keyBits: opts.ec ? 256 : (opts.keyBits ?? 2048),
        description: `test key ${cn}`,
        async sign(data: Uint8Array, o: SignOptions) {
          const hash = o.hash.replace('-', '').toLowerCase();
          if (keyAlgorithm === 'EC') return cryptoSign(hash, data, { key, dsaEncoding: 'der' });
          if (o.scheme === 'pss') {
            return cryptoSign(hash, data, {
              key,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[o.hash],
            });
          }
          return cryptoSign(hash, data, key);
        },
        async close() {},
      };
      return {
        signer,
        certPem: leaf.toString('pem'),
        keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
        serialHex,
      };
    },
  };
  return self;
}

/** CDP and AIA (OCSP, caIssuers) extensions from the URLs a test gives. */
function revocationExtensions(opts: {
  crlUrl?: string;
  ocspUrl?: string;
  caIssuersUrl?: string;
}): x509.Extension[] {
  return [
    ...(opts.crlUrl ? [new x509.CRLDistributionPointsExtension([opts.crlUrl])] : []),
    ...(opts.ocspUrl || opts.caIssuersUrl
      ? [
          new x509.AuthorityInfoAccessExtension({
            ...(opts.ocspUrl ? { ocsp: [opts.ocspUrl] } : {}),
            ...(opts.caIssuersUrl ? { caIssuers: [opts.caIssuersUrl] } : {}),
          }),
        ]
      : []),
  ];
}

/** The signature and seal PNGs live with the demo PKI; re-exported for the tests that draw them. */
export { makeInkPng } from '../../daemon/src/demo/ink.js';
