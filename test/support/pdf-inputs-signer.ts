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
  issue(
    cn: string,
    opts?: IssueOptions,
  ): Promise<{ signer: Signer; certPem: string; keyPem: string; serialHex: string }>;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };

/** A throw-away CA generated per run, issuing signing and TSA certificates (nothing is stored). */
export async function makeTestCa(caOptions: TestCaOptions = {}): Promise<TestCa> {
  const rootKeys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048 }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
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
  let issuerKeys = rootKeys;
  let issuerCert = root;
  if (caOptions.intermediate) {
    issuerKeys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: 2048 }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    issuerCert = await x509.X509CertificateGenerator.create({
      serialNumber: 'ff01',
      subject: 'CN=vanthu Test Sub CA, O=vanthu test, C=VN',
      issuer: root.subject,
      notBefore: new Date(now - 86400_000),
      notAfter: new Date(now + 300 * 86400_000),
      publicKey: issuerKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(issuerKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
  }
  const rootPkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', rootKeys.privateKey));
  return {
    rootPem: root.toString('pem'),
    rootDer: new Uint8Array(root.rawData),
    rootKeyPem: createPrivateKey({ key: rootPkcs8, format: 'der', type: 'pkcs8' }).export({
      type: 'pkcs8',
      format: 'pem',
    }) as string,
    ...(caOptions.intermediate ? { intermediateDer: new Uint8Array(issuerCert.rawData) } : {}),
    async issue(cn, opts = {}) {
      const alg = opts.ec
        ? { name: 'ECDSA', namedCurve: 'P-256' }
        : { ...RSA, modulusLength: opts.keyBits ?? 2048 };
      const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const serialHex = (serial++).toString(16).padStart(2, '0');
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serialHex,
        subject: `CN=${cn}${opts.org ? `, O=${opts.org}` : ''}, C=VN`,
        issuer: issuerCert.subject,
        notBefore: opts.notBefore ?? new Date(now - 3600_000),
        notAfter: opts.notAfter ?? new Date(now + 180 * 86400_000),
        publicKey: keys.publicKey,
        signingKey: issuerKeys.privateKey,
        signingAlgorithm: RSA,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(
            opts.keyUsage ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
            true,
          ),
          ...(opts.tsa ? [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.8'], true)] : []),
          ...(opts.ocspSigning ? [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.9'], false)] : []),
          ...(opts.crlUrl ? [new x509.CRLDistributionPointsExtension([opts.crlUrl])] : []),
          ...(opts.ocspUrl || opts.caIssuersUrl
            ? [
                new x509.AuthorityInfoAccessExtension({
                  ...(opts.ocspUrl ? { ocsp: [opts.ocspUrl] } : {}),
                  ...(opts.caIssuersUrl ? { caIssuers: [opts.caIssuersUrl] } : {}),
                }),
              ]
            : []),
          await x509.AuthorityKeyIdentifierExtension.create(issuerKeys.publicKey),
        ],
      });
      const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
      const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
      const keyAlgorithm: KeyAlgorithm = opts.ec ? 'EC' : 'RSA';
      const signer: Signer = {
        certificate: new Uint8Array(cert.rawData),
        chain:
          issuerCert === root
            ? [new Uint8Array(root.rawData)]
            : [new Uint8Array(issuerCert.rawData), new Uint8Array(root.rawData)],
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
        certPem: cert.toString('pem'),
        keyPem: key.export({ type: 'pkcs8', format: 'pem' }) as string,
        serialHex,
      };
    },
  };
}

/** The signature and seal PNGs live with the demo PKI; re-exported for the tests that draw them. */
export { makeInkPng } from '../../daemon/src/demo/ink.js';
