import { execFileSync } from 'node:child_process';
import { type KeyObject, generateKeyPairSync, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import { cryptoConstraints } from '../../../daemon/src/verify/crypto-constraints.js';

/**
 * standards.md §7 "Algorithms", one rule per test, on real certificates: MD5 and RSA keys below
 * 2048 bits refused, SHA-1 a warning under `standard` and refused under `strict`, the root's own
 * self-signature not judged, keys of other kinds not measured in RSA bits.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const SHA256 = '2.16.840.1.101.3.4.2.1';
const SHA384 = '2.16.840.1.101.3.4.2.2';
const SHA512 = '2.16.840.1.101.3.4.2.3';
const SHA1 = '1.3.14.3.2.26';
const MD5 = '1.2.840.113549.2.5';

/** DER SubjectPublicKeyInfo. */
type Spki = Uint8Array<ArrayBuffer>;
type Hash = 'SHA-1' | 'SHA-256';
const signingKeys = new Map<Hash, CryptoKey>();
const spki = (key: KeyObject): Spki => new Uint8Array(key.export({ type: 'spki', format: 'der' }));
let rsa2048: Spki;
let rsa1024: Spki;
let rsaPss1024: Spki;
let dsa1024: Spki;
let ec256: Spki;
/** An SM2 key: OpenSSL reads it, Node names no type for it. */
let sm2: Spki;
let serial = 1;

beforeAll(async () => {
  // Every certificate is signed by one RSA-2048 key; only the subject keys and the digests vary.
  const issuer = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = issuer.privateKey.export({ type: 'pkcs8', format: 'der' });
  for (const hash of ['SHA-1', 'SHA-256'] as const) {
    signingKeys.set(
      hash,
      await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']),
    );
  }
  rsa2048 = spki(issuer.publicKey);
  rsa1024 = spki(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);
  rsaPss1024 = spki(generateKeyPairSync('rsa-pss', { modulusLength: 1024 }).publicKey);
  dsa1024 = spki(generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 }).publicKey);
  ec256 = spki(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
  const sm2Key = execFileSync('openssl', ['genpkey', '-algorithm', 'SM2']);
  sm2 = new Uint8Array(execFileSync('openssl', ['pkey', '-pubout', '-outform', 'DER'], { input: sm2Key }));
});

/** A certificate for `subject` issued by `issuer` (the same name: self-issued). */
async function cert(
  subject: string,
  issuer: string,
  opts: { key?: Spki; hash?: Hash } = {},
): Promise<CertInfo> {
  const hash = opts.hash ?? 'SHA-256';
  const c = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(4, '0'),
    subject,
    issuer,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 86_400_000),
    publicKey: opts.key ?? rsa2048,
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash },
    signingKey: signingKeys.get(hash)!,
  });
  return certInfo(new Uint8Array(c.rawData));
}

const ROOT = 'CN=Root CA, O=vanthu test, C=VN';
const SUB = 'CN=Sub CA, O=vanthu test, C=VN';
const LEAF = 'CN=Nguyễn Văn A, C=VN';

/** leaf ← sub CA ← root, each with the options given for it. */
async function path(
  leaf: { key?: Spki; hash?: Hash } = {},
  sub: { key?: Spki; hash?: Hash } = {},
  root: { key?: Spki; hash?: Hash } = {},
): Promise<CertInfo[]> {
  return [await cert(LEAF, SUB, leaf), await cert(SUB, ROOT, sub), await cert(ROOT, ROOT, root)];
}

describe('cryptoConstraints: digests of the signature', () => {
  it('strong digests and a clean path give no finding under either policy', async () => {
    const chain = await path();
    for (const policy of ['standard', 'strict'] as const) {
      expect(cryptoConstraints([SHA256, SHA384, SHA512], chain, policy)).toEqual({
        failures: [],
        warnings: [],
      });
    }
  });

  it('MD5 is refused under both policies', () => {
    for (const policy of ['standard', 'strict'] as const) {
      expect(cryptoConstraints([SHA256, MD5], [], policy)).toEqual({
        failures: ['MD5 digest (the signature)'],
        warnings: [],
      });
    }
  });

  it('SHA-1 is a warning under standard', () => {
    expect(cryptoConstraints([SHA1], [], 'standard')).toEqual({
      failures: [],
      warnings: ['SHA-1 digest (the signature)'],
    });
  });

  it('SHA-1 is refused under strict, with no warning besides', () => {
    expect(cryptoConstraints([SHA1], [], 'strict')).toEqual({
      failures: ['SHA-1 digest (the signature), refused under the strict policy'],
      warnings: [],
    });
  });

  it('a digest named twice (CMS digest and signature value) is reported once', () => {
    expect(cryptoConstraints([SHA1, SHA1], [], 'standard').warnings).toEqual([
      'SHA-1 digest (the signature)',
    ]);
    expect(cryptoConstraints([MD5, MD5], [], 'strict').failures).toEqual(['MD5 digest (the signature)']);
  });

  it('an unknown or absent digest OID is no algorithm finding', () => {
    expect(cryptoConstraints(['1.2.3.4', ''], [], 'strict')).toEqual({ failures: [], warnings: [] });
  });
});

describe('cryptoConstraints: signatures on the path', () => {
  it('a SHA-1 signature on the signer certificate: a warning under standard, refused under strict', async () => {
    const chain = await path({ hash: 'SHA-1' });
    expect(cryptoConstraints([SHA256], chain, 'standard')).toEqual({
      failures: [],
      warnings: ['SHA-1 digest (signature of the signer certificate)'],
    });
    expect(cryptoConstraints([SHA256], chain, 'strict').failures).toEqual([
      'SHA-1 digest (signature of the signer certificate), refused under the strict policy',
    ]);
  });

  it('a SHA-1 signature on a CA certificate names that CA', async () => {
    const chain = await path({}, { hash: 'SHA-1' });
    expect(cryptoConstraints([SHA256], chain, 'standard').warnings).toEqual([
      `SHA-1 digest (signature of CA certificate ${chain[1]!.subjectDn})`,
    ]);
  });

  it("the root's SHA-1 self-signature is not judged: it proves nothing", async () => {
    const chain = await path({}, {}, { hash: 'SHA-1' });
    expect(chain[2]!.selfIssued).toBe(true);
    expect(cryptoConstraints([SHA256], chain, 'strict')).toEqual({ failures: [], warnings: [] });
  });

  it('a self-issued certificate that is not the end of the path is judged', async () => {
    // A key-rollover certificate: self-issued, but signed by the root above it.
    const chain = [await cert(LEAF, SUB), await cert(SUB, SUB, { hash: 'SHA-1' }), await cert(SUB, ROOT)];
    expect(chain[1]!.selfIssued).toBe(true);
    expect(cryptoConstraints([SHA256], chain, 'standard').warnings).toEqual([
      `SHA-1 digest (signature of CA certificate ${chain[1]!.subjectDn})`,
    ]);
  });

  it('the last certificate is judged when it is not self-issued (a path ending at an intermediate anchor)', async () => {
    const chain = [await cert(LEAF, SUB), await cert(SUB, ROOT, { hash: 'SHA-1' })];
    expect(cryptoConstraints([SHA256], chain, 'standard').warnings).toEqual([
      `SHA-1 digest (signature of CA certificate ${chain[1]!.subjectDn})`,
    ]);
  });

  it('a self-signed signer certificate alone is not judged on its own signature', async () => {
    const alone = [await cert(LEAF, LEAF, { hash: 'SHA-1' })];
    expect(cryptoConstraints([SHA256], alone, 'strict')).toEqual({ failures: [], warnings: [] });
  });
});

describe('cryptoConstraints: RSA key sizes', () => {
  it('an RSA-1024 signer key is refused under both policies', async () => {
    const chain = await path({ key: rsa1024 });
    for (const policy of ['standard', 'strict'] as const) {
      expect(cryptoConstraints([SHA256], chain, policy)).toEqual({
        failures: ['RSA key of 1024 bits in the signer certificate (at least 2048 required)'],
        warnings: [],
      });
    }
  });

  it('an RSA-1024 key in a CA certificate or in the root is refused and named', async () => {
    const chain = await path({}, { key: rsa1024 }, { key: rsa1024 });
    expect(cryptoConstraints([SHA256], chain, 'standard').failures).toEqual([
      `RSA key of 1024 bits in CA certificate ${chain[1]!.subjectDn} (at least 2048 required)`,
      `RSA key of 1024 bits in CA certificate ${chain[2]!.subjectDn} (at least 2048 required)`,
    ]);
  });

  it('an RSA-PSS key is an RSA key', async () => {
    const chain = await path({ key: rsaPss1024 });
    expect(cryptoConstraints([SHA256], chain, 'standard').failures).toEqual([
      'RSA key of 1024 bits in the signer certificate (at least 2048 required)',
    ]);
  });

  it('2048 bits is enough', async () => {
    const chain = await path({ key: rsa2048 });
    expect(chain[0]!.keyBits).toBe(2048);
    expect(cryptoConstraints([SHA256], chain, 'strict').failures).toEqual([]);
  });

  it('keys of other kinds are not measured in RSA bits (DSA-1024, P-256)', async () => {
    const dsa = await path({ key: dsa1024 });
    expect(dsa[0]!.keyBits).toBe(1024);
    expect(cryptoConstraints([SHA256], dsa, 'strict').failures).toEqual([]);
    expect(cryptoConstraints([SHA256], await path({ key: ec256 }), 'strict').failures).toEqual([]);
  });

  it('a key of a type Node does not name (SM2) is no RSA key', async () => {
    const chain = await path({ key: sm2 });
    expect(chain[0]!.node.publicKey.asymmetricKeyType).toBeUndefined();
    expect(cryptoConstraints([SHA256], chain, 'strict')).toEqual({ failures: [], warnings: [] });
  });

  it('a weak key and a weak digest are both reported', async () => {
    const chain = await path({ key: rsa1024, hash: 'SHA-1' });
    expect(cryptoConstraints([MD5], chain, 'strict').failures).toEqual([
      'MD5 digest (the signature)',
      'SHA-1 digest (signature of the signer certificate), refused under the strict policy',
      'RSA key of 1024 bits in the signer certificate (at least 2048 required)',
    ]);
  });
});
