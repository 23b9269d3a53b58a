import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ckrToCode, failureToError } from '../../../daemon/src/token/ckr.js';
import { CKM, digestInfo, ecdsaRawToDer, planSignature } from '../../../daemon/src/token/mechanisms.js';
import { pinFlagNames } from '../../../daemon/src/token/token-flags.js';

describe('planSignature', () => {
  const data = Buffer.from('signed attributes');
  it('prefers the combined mechanism and falls back to CKM_RSA_PKCS over a DigestInfo', () => {
    expect(
      planSignature('RSA', [CKM.RSA_PKCS, CKM.SHA256_RSA_PKCS], data, { hash: 'SHA-256' }),
    ).toMatchObject({
      mechanism: CKM.SHA256_RSA_PKCS,
      input: data,
    });
    const raw = planSignature('RSA', [CKM.RSA_PKCS], data, { hash: 'SHA-384' });
    expect(raw.mechanism).toBe(CKM.RSA_PKCS);
    expect(Buffer.from(raw.input).toString('hex')).toBe(
      `3041300d060960864801650304020205000430${createHash('sha384').update(data).digest('hex')}`,
    );
  });

  it('PSS: combined with CK_RSA_PKCS_PSS_PARAMS, else CKM_RSA_PKCS_PSS over the digest', () => {
    expect(
      planSignature('RSA', [CKM.SHA512_RSA_PKCS_PSS], data, { hash: 'SHA-512', scheme: 'pss' }),
    ).toMatchObject({
      mechanism: CKM.SHA512_RSA_PKCS_PSS,
      pss: { hashAlg: CKM.SHA512, mgf: 4, saltLen: 64 },
    });
    const raw = planSignature('RSA', [CKM.RSA_PKCS_PSS], data, { hash: 'SHA-256', scheme: 'pss' });
    expect(raw).toMatchObject({
      mechanism: CKM.RSA_PKCS_PSS,
      pss: { hashAlg: CKM.SHA256, mgf: 2, saltLen: 32 },
    });
    expect(raw.input).toEqual(createHash('sha256').update(data).digest());
  });

  it('refuses what the token cannot do with MECHANISM_UNSUPPORTED', () => {
    expect(() => planSignature('EC', [CKM.RSA_PKCS], data, { hash: 'SHA-256' })).toThrow(
      expect.objectContaining({ code: 'MECHANISM_UNSUPPORTED' }),
    );
    expect(() => planSignature('RSA', [CKM.RSA_PKCS], data, { hash: 'SHA-256', scheme: 'pss' })).toThrow(
      expect.objectContaining({ code: 'MECHANISM_UNSUPPORTED' }),
    );
  });
});

describe('ecdsaRawToDer', () => {
  it('turns r||s into an Ecdsa-Sig-Value node:crypto accepts', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 20; i++) {
      const data = Buffer.from(`message ${i}`);
      const raw = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
      const der = ecdsaRawToDer(raw);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
    // High bit set → leading zero; leading zeros trimmed.
    const der = Buffer.from(
      ecdsaRawToDer(Buffer.concat([Buffer.alloc(32, 0x80), Buffer.from([0, 0, ...Array(30).fill(1)])])),
    );
    expect(der.subarray(0, 5).toString('hex')).toBe('3043022100');
    expect(() => ecdsaRawToDer(Buffer.alloc(3))).toThrow(expect.objectContaining({ code: 'TOKEN_ERROR' }));
  });

  it('digestInfo prefixes the digest with the AlgorithmIdentifier', () => {
    expect(
      Buffer.from(digestInfo('SHA-256', Buffer.alloc(32)))
        .subarray(0, 19)
        .toString('hex'),
    ).toBe('3031300d060960864801650304020105000420');
  });
});

describe('CKR mapping and PIN flags', () => {
  it('maps the CKR codes named by the error catalogue', () => {
    expect(ckrToCode('CKR_PIN_INCORRECT')).toBe('PIN_INCORRECT');
    expect(ckrToCode('CKR_PIN_LOCKED')).toBe('PIN_LOCKED');
    expect(ckrToCode('CKR_PIN_EXPIRED')).toBe('PIN_EXPIRED');
    expect(ckrToCode('CKR_TOKEN_NOT_PRESENT')).toBe('TOKEN_ABSENT');
    expect(ckrToCode('CKR_DEVICE_REMOVED')).toBe('TOKEN_ABSENT');
    expect(ckrToCode('CKR_MECHANISM_INVALID')).toBe('MECHANISM_UNSUPPORTED');
    expect(ckrToCode('CKR_GENERAL_ERROR')).toBe('TOKEN_ERROR');
    expect(failureToError({ ckr: 'CKR_GENERAL_ERROR', method: 'C_Sign', message: 'x' })).toMatchObject({
      code: 'TOKEN_ERROR',
      details: { ckr: 'CKR_GENERAL_ERROR', function: 'C_Sign' },
    });
    // A wrong PIN that locked the token is reported as locked.
    expect(failureToError({ ckr: 'CKR_PIN_INCORRECT', message: 'x', tokenFlags: 0x40000 }).code).toBe(
      'PIN_LOCKED',
    );
    expect(failureToError({ load: true, message: 'x' }).code).toBe('MODULE_LOAD_FAILED');
  });

  it('names the user PIN flags', () => {
    expect(pinFlagNames(0x10000 | 0x20000 | 0x80000 | 0x40d)).toEqual([
      'COUNT_LOW',
      'FINAL_TRY',
      'TO_BE_CHANGED',
    ]);
    expect(pinFlagNames(0x40000)).toEqual(['LOCKED']);
  });
});
