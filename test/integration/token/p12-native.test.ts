import { execFileSync } from 'node:child_process';
import { X509Certificate, constants, verify } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openP12Signer } from '../../../daemon/src/token/p12.js';
import { tempDir } from '../../support/pdf-inputs.js';

// PKCS#12 files as `openssl pkcs12 -export` writes them in each mode that Windows and Vietnamese CA
// tools use, opened without node-forge (node:crypto, @peculiar ASN.1, vanthu's RC2).
const tmp = tempDir('vanthu-p12-native-');
const PASSWORD = 'Mật khẩu 2468';
const LEGACY = ['-provider', 'legacy', '-provider', 'default'];

/** Export modes: openssl arguments, and what they produce (checked with `openssl pkcs12 -info`). */
const MODES: Record<string, string[]> = {
  'OpenSSL 3 default: PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC, HMAC-SHA256 MAC': [],
  '-legacy: RC2-40 certificates, 3DES key, SHA-1 MAC': ['-legacy'],
  'RC2-40 certificates and 3DES key by name, SHA-1 MAC': [
    ...LEGACY,
    '-certpbe',
    'PBE-SHA1-RC2-40',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
  ],
  '3DES throughout, SHA-1 MAC (Windows "TripleDES-SHA1")': [
    '-certpbe',
    'PBE-SHA1-3DES',
    '-keypbe',
    'PBE-SHA1-3DES',
    '-macalg',
    'sha1',
  ],
  'AES-128 with an HMAC-SHA1 PRF, SHA-512 MAC': [
    '-certpbe',
    'AES-128-CBC',
    '-keypbe',
    'AES-128-CBC',
    '-macalg',
    'sha512',
  ],
};

const keys: Record<'RSA' | 'EC', { key: string; cert: string }> = {} as never;
const files = new Map<string, Record<'RSA' | 'EC', string>>();

function exportP12(name: string, kind: 'RSA' | 'EC', args: string[], password = PASSWORD): string {
  const out = join(tmp.dir, `${name}-${kind}.p12`);
  const { key, cert } = keys[kind];
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    ...args,
    '-inkey',
    key,
    '-in',
    cert,
    '-out',
    out,
    '-passout',
    `pass:${password}`,
  ]);
  return out;
}

beforeAll(() => {
  for (const [kind, newkey] of [
    ['RSA', ['-newkey', 'rsa:2048']],
    ['EC', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256']],
  ] as const) {
    const key = join(tmp.dir, `${kind}.key`);
    const cert = join(tmp.dir, `${kind}.crt`);
    execFileSync('openssl', [
      'req',
      '-x509',
      ...newkey,
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=Ký thử ${kind}/O=Sở Nội vụ`,
      '-utf8',
    ]);
    keys[kind] = { key, cert };
  }
  Object.entries(MODES).forEach(([mode, args], i) => {
    files.set(mode, { RSA: exportP12(`m${i}`, 'RSA', args), EC: exportP12(`m${i}`, 'EC', args) });
  });
});
afterAll(() => tmp.cleanup());

describe.each(Object.keys(MODES))('PKCS#12 %s', (mode) => {
  it.each(['RSA', 'EC'] as const)('%s: opens with the password, and its signature verifies', async (kind) => {
    const signer = openP12Signer(files.get(mode)![kind], PASSWORD);
    const expected = new X509Certificate(readFileSync(keys[kind].cert));
    expect(new X509Certificate(signer.certificate).fingerprint256).toBe(expected.fingerprint256);
    expect(signer.keyAlgorithm).toBe(kind);
    const data = Buffer.from('Quyết định số 12/QĐ-UBND');
    const pkcs1 = await signer.sign(data, { hash: 'SHA-256', scheme: 'pkcs1' });
    expect(verify('sha256', data, { key: expected.publicKey, dsaEncoding: 'der' }, pkcs1)).toBe(true);
    if (kind === 'RSA') {
      const pss = await signer.sign(data, { hash: 'SHA-384', scheme: 'pss' });
      const pssKey = { key: expected.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 };
      expect(verify('sha384', data, pssKey, pss)).toBe(true);
    }
    await signer.close();
  });

  it('a wrong password is PIN_INCORRECT', () => {
    expect(() => openP12Signer(files.get(mode)!.RSA, 'mat khau 2468')).toThrow(
      expect.objectContaining({ code: 'PIN_INCORRECT' }),
    );
  });
});

describe('PKCS#12 integrity', () => {
  it('an unencrypted file (-keypbe NONE -certpbe NONE) still needs the password: its MAC', () => {
    const plain = exportP12('none', 'RSA', ['-keypbe', 'NONE', '-certpbe', 'NONE']);
    expect(openP12Signer(plain, PASSWORD).keyAlgorithm).toBe('RSA');
    expect(() => openP12Signer(plain, 'sai')).toThrow(expect.objectContaining({ code: 'PIN_INCORRECT' }));
  });

  it('a byte changed inside the authenticated safe fails the MAC', () => {
    const plain = exportP12('tampered', 'RSA', ['-keypbe', 'NONE', '-certpbe', 'NONE']);
    const bytes = readFileSync(plain);
    const cn = bytes.indexOf(Buffer.from('Sở Nội vụ'));
    expect(cn).toBeGreaterThan(0);
    bytes[cn + 1]! ^= 0x01;
    writeFileSync(plain, bytes);
    expect(() => openP12Signer(plain, PASSWORD)).toThrow(expect.objectContaining({ code: 'PIN_INCORRECT' }));
  });

  it('a file that is not PKCS#12 is P12_INVALID, a missing one FILE_NOT_FOUND', () => {
    const junk = join(tmp.dir, 'junk.p12');
    writeFileSync(junk, Buffer.from('30030201ff', 'hex'));
    expect(() => openP12Signer(junk, PASSWORD)).toThrow(expect.objectContaining({ code: 'P12_INVALID' }));
    expect(() => openP12Signer(join(tmp.dir, 'absent.p12'), PASSWORD)).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
  });
});
