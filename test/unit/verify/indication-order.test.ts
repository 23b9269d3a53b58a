import { describe, expect, it } from 'vitest';
import { type Findings, type Verdict, decide, overall } from '../../../daemon/src/verify/indication.js';

/**
 * One finding at a time against a clean signature, then every pair of them: the verdict is the one
 * of the most severe failing check (ETSI EN 319 102-1), whatever else is wrong.
 */

const clean: Findings = {
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

const PASSED: Verdict = { indication: 'TOTAL_PASSED', subIndication: null };
const failed = (subIndication: Verdict['subIndication']): Verdict => ({
  indication: 'TOTAL_FAILED',
  subIndication,
});
const indeterminate = (subIndication: Verdict['subIndication']): Verdict => ({
  indication: 'INDETERMINATE',
  subIndication,
});

/** Single faults, most severe first, each with the verdict it gives on its own. */
const FAULTS: [string, Partial<Findings>, Verdict][] = [
  ['a ByteRange problem', { format: ['ByteRange'] }, failed('FORMAT_FAILURE')],
  ['a wrong digest', { hashOk: false }, failed('HASH_FAILURE')],
  ['a wrong signature value', { cryptoOk: false }, failed('SIG_CRYPTO_FAILURE')],
  ['no signing certificate', { signingCertificateOk: false }, indeterminate('NO_SIGNING_CERTIFICATE_FOUND')],
  ['an analysis stopped at a limit', { changes: 'OTHER', changesIncomplete: true }, indeterminate('GENERIC')],
  ['a disallowed change', { changes: 'OTHER' }, failed('SIG_CONSTRAINTS_FAILURE')],
  ['an added comment', { changes: 'ANNOTATIONS' }, failed('SIG_CONSTRAINTS_FAILURE')],
  ['a broken timestamp', { timestampProblem: 'bad imprint' }, failed('FORMAT_FAILURE')],
  ['revoked before signing', { revocation: 'REVOKED', revokedBeforeSigning: true }, failed('REVOKED')],
  ['expired when signed', { validity: 'expired' }, failed('EXPIRED')],
  ['not yet valid when signed', { validity: 'not-yet-valid' }, failed('NOT_YET_VALID')],
  ['an untrusted chain', { chain: 'UNTRUSTED' }, indeterminate('NO_CERTIFICATE_CHAIN_FOUND')],
  ['no chain', { chain: 'NO_CHAIN' }, indeterminate('NO_CERTIFICATE_CHAIN_FOUND')],
  ['a path constraint', { chainProblems: ['pathLen'] }, indeterminate('CHAIN_CONSTRAINTS_FAILURE')],
  ['a wrong key usage', { keyUsageOk: false }, indeterminate('CHAIN_CONSTRAINTS_FAILURE')],
  ['a weak algorithm', { cryptoConstraint: 'MD5' }, indeterminate('CRYPTO_CONSTRAINTS_FAILURE')],
  [
    'expired now without POE (strict)',
    { policy: 'strict', expiredNowWithoutPoe: true },
    indeterminate('OUT_OF_BOUNDS_NO_POE'),
  ],
  [
    'no revocation answer from the validity period',
    { revocationOutOfBounds: true },
    indeterminate('REVOCATION_OUT_OF_BOUNDS_NO_POE'),
  ],
  ['revoked after signing', { revocation: 'REVOKED' }, indeterminate('REVOKED_NO_POE')],
  [
    'a CA revoked after signing',
    { revocation: 'REVOKED', revokedCaOnly: true },
    indeterminate('REVOKED_CA_NO_POE'),
  ],
  ['no revocation answer (strict)', { policy: 'strict', revocation: 'UNKNOWN' }, indeterminate('TRY_LATER')],
];

const sharesAField = (a: Partial<Findings>, b: Partial<Findings>): boolean =>
  Object.keys(a).some((k) => k in b);

describe('decide: one finding at a time', () => {
  it('a clean signature passes', () => {
    expect(decide(clean)).toEqual(PASSED);
  });

  it.each(FAULTS)('%s', (_name, fault, verdict) => {
    expect(decide({ ...clean, ...fault })).toEqual(verdict);
  });
});

describe('decide: the most severe finding decides', () => {
  const pairs = FAULTS.flatMap(([worse, a, verdict], i) =>
    FAULTS.slice(i + 1)
      // Two faults that set the same field cannot be combined.
      .filter(([, b]) => !sharesAField(a, b))
      // REVOKED after signing is not "out of bounds": the revocation itself is the finding.
      .filter(([, b]) => !(a.revocationOutOfBounds && b.revocation === 'REVOKED'))
      .map(([milder, b]) => [worse, milder, { ...a, ...b }, verdict] as const),
  );

  it.each(pairs)('%s before %s', (_worse, _milder, both, verdict) => {
    expect(decide({ ...clean, ...both })).toEqual(verdict);
  });
});

describe('decide: what a finding does not mean', () => {
  it('a revocation after signing is not out of bounds, whatever the validity period', () => {
    expect(decide({ ...clean, revocationOutOfBounds: true, revocation: 'REVOKED' })).toEqual(
      indeterminate('REVOKED_NO_POE'),
    );
    expect(decide({ ...clean, revocationOutOfBounds: true, revocation: 'REVOKED', poe: true })).toEqual(
      PASSED,
    );
  });

  it('a proof of existence before the revocation passes, under strict too', () => {
    expect(decide({ ...clean, revocation: 'REVOKED', poe: true })).toEqual(PASSED);
    expect(decide({ ...clean, revocation: 'REVOKED', revokedCaOnly: true, poe: true })).toEqual(PASSED);
    expect(decide({ ...clean, policy: 'strict', revocation: 'REVOKED', poe: true })).toEqual(PASSED);
  });

  it('an incomplete analysis that found nothing disallowed passes', () => {
    expect(decide({ ...clean, changesIncomplete: true })).toEqual(PASSED);
    expect(decide({ ...clean, changes: 'ANNOTATIONS', changesIncomplete: true })).toEqual(
      failed('SIG_CONSTRAINTS_FAILURE'),
    );
  });

  it('comments pass only when the policy allows them; other changes never', () => {
    expect(decide({ ...clean, changes: 'ANNOTATIONS', allowAnnotations: true })).toEqual(PASSED);
    expect(decide({ ...clean, changes: 'OTHER', allowAnnotations: true })).toEqual(
      failed('SIG_CONSTRAINTS_FAILURE'),
    );
    expect(decide({ ...clean, changes: 'NONE' })).toEqual(PASSED);
  });

  it('revoked before signing fails even with a proof of existence', () => {
    expect(decide({ ...clean, revocation: 'REVOKED', revokedBeforeSigning: true, poe: true })).toEqual(
      failed('REVOKED'),
    );
  });

  it('"revoked before signing" without a revocation is no finding', () => {
    expect(decide({ ...clean, revokedBeforeSigning: true })).toEqual(PASSED);
    expect(decide({ ...clean, revokedBeforeSigning: true, revocation: 'GOOD' })).toEqual(PASSED);
  });

  it('expired now without POE is only refused under strict; GOOD revocation passes strict', () => {
    expect(decide({ ...clean, expiredNowWithoutPoe: true })).toEqual(PASSED);
    expect(decide({ ...clean, policy: 'strict', revocation: 'GOOD' })).toEqual(PASSED);
    expect(decide({ ...clean, policy: 'strict', revocation: 'NOT_CHECKED' })).toEqual(
      indeterminate('TRY_LATER'),
    );
    expect(decide({ ...clean, revocation: 'UNKNOWN' })).toEqual(PASSED);
  });
});

describe('overall', () => {
  it('no signature is INDETERMINATE, never passed', () => {
    expect(overall([])).toBe('INDETERMINATE');
  });

  it('passes only when every signature passed', () => {
    expect(overall(['TOTAL_PASSED'])).toBe('TOTAL_PASSED');
    expect(overall(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED'])).toBe('TOTAL_PASSED');
    expect(overall(['TOTAL_PASSED', 'INDETERMINATE'])).toBe('INDETERMINATE');
    expect(overall(['INDETERMINATE', 'TOTAL_PASSED'])).toBe('INDETERMINATE');
  });

  it('one failed signature fails the document, wherever it is', () => {
    expect(overall(['TOTAL_PASSED', 'TOTAL_FAILED'])).toBe('TOTAL_FAILED');
    expect(overall(['TOTAL_FAILED', 'INDETERMINATE', 'TOTAL_PASSED'])).toBe('TOTAL_FAILED');
    expect(overall(['TOTAL_FAILED'])).toBe('TOTAL_FAILED');
  });
});
