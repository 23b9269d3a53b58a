import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  expandRc2Key,
  rc2CbcDecrypt,
  rc2DecryptBlock,
  rc2EncryptBlock,
} from '../../../daemon/src/token/p12/rc2.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

// RFC 2268 §5: key, effective key bits, plaintext, ciphertext.
const VECTORS: [string, number, string, string][] = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  [
    '88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e',
    129,
    '0000000000000000',
    '5b78d3a43dfff1f1',
  ],
];

describe('RC2 (RFC 2268)', () => {
  it.each(VECTORS)('key %s, %i effective bits: the RFC test vector both ways', (key, bits, plain, cipher) => {
    const k = expandRc2Key(hex(key), bits);
    expect(Buffer.from(rc2EncryptBlock(k, hex(plain))).toString('hex')).toBe(cipher);
    expect(Buffer.from(rc2DecryptBlock(k, hex(cipher))).toString('hex')).toBe(plain);
  });

  it('decrypts RC2-40-CBC as OpenSSL (legacy provider) encrypts it, and refuses bad padding', () => {
    const key = randomBytes(5);
    const iv = randomBytes(8);
    const plain = randomBytes(61);
    const cipher = execFileSync(
      'openssl',
      [
        'enc',
        '-rc2-40-cbc',
        '-provider',
        'legacy',
        '-provider',
        'default',
        '-K',
        key.toString('hex'),
        '-iv',
        iv.toString('hex'),
      ],
      { input: plain },
    );
    expect(Buffer.from(rc2CbcDecrypt(key, 40, iv, cipher) ?? [])).toEqual(plain);
    // A wrong key decrypts to noise: the padding check is what rejects it (with probability ~255/256).
    const wrong = [0, 1, 2, 3].map(() => rc2CbcDecrypt(randomBytes(5), 40, iv, cipher));
    expect(wrong.filter((w) => w !== undefined).length).toBeLessThan(3);
    expect(rc2CbcDecrypt(key, 40, iv, cipher.subarray(0, 60))).toBeUndefined();
  });
});
