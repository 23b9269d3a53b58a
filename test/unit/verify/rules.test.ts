import { describe, expect, it } from 'vitest';
import { DerFault, children, readTlv } from '../../../daemon/src/cms/der.js';
import { type Findings, decide, overall } from '../../../daemon/src/verify/indication.js';
import { parsePdfDate, signingTimeWarning } from '../../../daemon/src/verify/signing-time.js';

const ok: Findings = {
  policy: 'standard',
  allowAnnotations: false,
  format: [],
  hashOk: true,
  cryptoOk: true,
  signingCertificateOk: true,
  changes: 'SIGNATURES_AND_FORMS',
  changesIncomplete: false,
  timestampProblem: undefined,
  poe: false,
  validity: 'ok',
  expiredNowWithoutPoe: false,
  chain: 'TRUSTED',
  chainProblems: [],
  keyUsageOk: true,
  revocation: 'NOT_CHECKED',
  revokedBeforeSigning: false,
  revokedCaOnly: false,
  cryptoConstraint: undefined,
};

describe('decide', () => {
  it('passes a clean signature and names the most severe failure first', () => {
    expect(decide(ok)).toEqual({ indication: 'TOTAL_PASSED', subIndication: null });
    expect(decide({ ...ok, hashOk: false, chain: 'UNTRUSTED' })).toEqual({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
    });
    expect(decide({ ...ok, format: ['x'], hashOk: false }).subIndication).toBe('FORMAT_FAILURE');
    expect(decide({ ...ok, cryptoOk: false }).subIndication).toBe('SIG_CRYPTO_FAILURE');
    expect(decide({ ...ok, changes: 'OTHER' })).toEqual({
      indication: 'TOTAL_FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    });
    expect(decide({ ...ok, changes: 'ANNOTATIONS' }).indication).toBe('TOTAL_FAILED');
    // Changes that could not be analysed to the end: never valid, but not called changed either.
    expect(decide({ ...ok, changes: 'OTHER', changesIncomplete: true })).toEqual({
      indication: 'INDETERMINATE',
      subIndication: 'GENERIC',
    });
    expect(decide({ ...ok, changes: 'OTHER', changesIncomplete: true, hashOk: false }).subIndication).toBe(
      'HASH_FAILURE',
    );
    expect(decide({ ...ok, changes: 'ANNOTATIONS', allowAnnotations: true }).indication).toBe('TOTAL_PASSED');
    expect(decide({ ...ok, chain: 'NO_CHAIN' })).toEqual({
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
    expect(decide({ ...ok, validity: 'expired' }).subIndication).toBe('EXPIRED');
    expect(decide({ ...ok, revocation: 'REVOKED', revokedBeforeSigning: true }).subIndication).toBe(
      'REVOKED',
    );
    expect(decide({ ...ok, revocation: 'REVOKED' }).subIndication).toBe('REVOKED_NO_POE');
    expect(decide({ ...ok, revocation: 'REVOKED', revokedCaOnly: true })).toEqual({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_CA_NO_POE',
    });
    expect(
      decide({ ...ok, revocation: 'REVOKED', revokedCaOnly: true, revokedBeforeSigning: true }).subIndication,
    ).toBe('REVOKED');
    expect(decide({ ...ok, revocation: 'REVOKED', revokedCaOnly: true, poe: true }).indication).toBe(
      'TOTAL_PASSED',
    );
    expect(decide({ ...ok, revocation: 'REVOKED', poe: true }).indication).toBe('TOTAL_PASSED');
  });

  it('strict policy: revocation must be GOOD and expiry needs a timestamp', () => {
    expect(decide({ ...ok, policy: 'strict' }).subIndication).toBe('TRY_LATER');
    expect(decide({ ...ok, policy: 'strict', revocation: 'GOOD' }).indication).toBe('TOTAL_PASSED');
    expect(
      decide({ ...ok, policy: 'strict', revocation: 'GOOD', expiredNowWithoutPoe: true }).subIndication,
    ).toBe('OUT_OF_BOUNDS_NO_POE');
    expect(decide({ ...ok, expiredNowWithoutPoe: true }).indication).toBe('TOTAL_PASSED');
  });

  it('document indication', () => {
    expect(overall([])).toBe('INDETERMINATE');
    expect(overall(['TOTAL_PASSED', 'TOTAL_PASSED'])).toBe('TOTAL_PASSED');
    expect(overall(['TOTAL_PASSED', 'INDETERMINATE'])).toBe('INDETERMINATE');
    expect(overall(['INDETERMINATE', 'TOTAL_FAILED'])).toBe('TOTAL_FAILED');
  });
});

describe('signing time', () => {
  it('parses PDF dates with offsets', () => {
    expect(parsePdfDate("D:20261124100000+07'00'")?.toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(parsePdfDate('D:20261124100000Z')?.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });

  it('flags the +7 h quirk within ±1 h, other leads over 60 s, never small drifts', () => {
    const gen = new Date('2026-11-24T03:00:00Z');
    const at = (s: number) => new Date(gen.getTime() + s * 1000);
    expect(signingTimeWarning(at(25_200), gen, true)).toMatch(/\+7 h quirk/);
    expect(signingTimeWarning(at(25_200 + 3_500), gen, true)).toMatch(/\+7 h quirk/);
    expect(signingTimeWarning(at(25_200 + 3_700), gen, true)).toMatch(/after the timestamp/);
    expect(signingTimeWarning(at(120), gen, true)).toMatch(/after the timestamp/);
    expect(signingTimeWarning(at(30), gen, true)).toBeUndefined();
    expect(signingTimeWarning(at(-600), gen, true)).toBeUndefined();
    expect(signingTimeWarning(at(25_000), gen, false)).toMatch(/7 h/);
    expect(signingTimeWarning(at(120), gen, false)).toBeUndefined();
  });
});

describe('DER/BER walker', () => {
  it('follows indefinite lengths to their end-of-contents and rejects truncation', () => {
    // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING "ab" } 00 00, then trailing zeros.
    const ber = Uint8Array.from([
      0x30, 0x80, 0x02, 0x01, 0x05, 0x04, 0x02, 0x61, 0x62, 0x00, 0x00, 0x00, 0x00,
    ]);
    const t = readTlv(ber, 0);
    expect(t).toMatchObject({ contentStart: 2, contentEnd: 9, end: 11 });
    expect(children(ber, t).map((c) => c.tag)).toEqual([0x02, 0x04]);
    expect(() => readTlv(ber.subarray(0, 8), 0)).toThrow(DerFault);
    expect(() => readTlv(Uint8Array.from([0x30, 0x85, 1, 1, 1, 1, 1]), 0)).toThrow(DerFault);
    const deep = new Uint8Array(200 * 2 + 2).fill(0);
    for (let i = 0; i < 200; i++) deep.set([0x30, 0x80], i * 2);
    expect(() => readTlv(deep, 0)).toThrow(DerFault);
  });
});
