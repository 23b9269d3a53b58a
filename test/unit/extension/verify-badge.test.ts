import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../extension/src/i18n/errors.js';
import { badgeFor } from '../../../extension/src/verify/summary.js';

type Signature = VerifyResult['signatures'][number];

function signature(over: Partial<Signature> = {}): Signature {
  return {
    field: 'Sig1',
    role: 'approver',
    subFilter: 'ETSI.CAdES.detached',
    signer: {
      commonName: 'Trần Văn Minh',
      organization: 'Ủy ban nhân dân thành phố Cần Thơ',
      serialNumber: null,
      issuer: 'CN=CA',
    },
    signingTime: '2026-12-01T10:00:00+07:00',
    timestamp: null,
    indication: 'TOTAL_PASSED',
    subIndication: null,
    integrity: true,
    coverage: 'ENTIRE_REVISION',
    modificationsAfter: 'NONE',
    chain: 'TRUSTED',
    revocation: 'GOOD',
    page: 1,
    rect: [0, 0, 1, 1],
    warnings: [],
    ...over,
  };
}

const report = (
  signatures: Signature[],
  indication: VerifyResult['indication'] = 'TOTAL_PASSED',
): VerifyResult => ({
  file: null,
  sha256: 'a'.repeat(64),
  indication,
  signatures,
});

describe('verification badge', () => {
  it('is green with the signer and the organisation when every signature passed', () => {
    const badge = badgeFor(
      report([
        signature(),
        signature({
          role: 'seal',
          signer: {
            commonName: 'Ủy ban nhân dân thành phố Cần Thơ',
            organization: 'Ủy ban nhân dân thành phố Cần Thơ',
          },
        }),
      ]),
    );
    expect(badge.state).toBe('valid');
    expect(badge.label).toBe('Hợp lệ: Trần Văn Minh, Ủy ban nhân dân thành phố Cần Thơ');
    expect(badge.title).toContain('Trần Văn Minh — Ủy ban nhân dân thành phố Cần Thơ');
    expect(badge.sha256).toBe('a'.repeat(64));
  });

  it('is red with the reason when content changed after signing', () => {
    const badge = badgeFor(
      report(
        [signature({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE', integrity: false })],
        'TOTAL_FAILED',
      ),
    );
    expect(badge.state).toBe('invalid');
    expect(badge.title).toContain('bị sửa đổi sau khi ký');
  });

  it('is red for a disallowed change after signing even with intact bytes', () => {
    const badge = badgeFor(
      report(
        [
          signature({
            indication: 'TOTAL_FAILED',
            subIndication: 'SIG_CONSTRAINTS_FAILURE',
            modificationsAfter: 'OTHER',
          }),
        ],
        'TOTAL_FAILED',
      ),
    );
    expect(badge.title).toContain('thay đổi không được phép');
  });

  it('names the changed pages and what changed, from the report', () => {
    const badge = badgeFor(
      report(
        [
          signature({
            indication: 'TOTAL_FAILED',
            subIndication: 'SIG_CONSTRAINTS_FAILURE',
            modificationsAfter: 'OTHER',
            changedPages: [1, 3],
            errors: [
              'revision 2: the catalog was replaced by object 40',
              'revision 2: page 1 /Contents changed',
            ],
          }),
        ],
        'TOTAL_FAILED',
      ),
    );
    expect(badge.title).toBe(
      'Trần Văn Minh — Ủy ban nhân dân thành phố Cần Thơ: Văn bản có thay đổi không được phép sau khi ký (trang 1, 3)\nLần cập nhật 2: cấu trúc gốc của tài liệu bị thay thế',
    );
  });

  it('is grey when the changes after signing could not be analysed to the end', () => {
    const badge = badgeFor(
      report(
        [
          signature({
            indication: 'INDETERMINATE',
            subIndication: 'GENERIC',
            modificationsAfter: 'OTHER',
            changedPages: [],
            errors: ['too many changed objects to analyse'],
          }),
        ],
        'INDETERMINATE',
      ),
    );
    expect(badge.state).toBe('unknown');
    expect(badge.title).toContain('Không phân tích hết được các thay đổi sau khi ký');
    // The technical line is said in Vietnamese, not shown in English.
    expect(badge.title).toContain('Quá nhiều thay đổi sau khi ký');
    expect(badge.title).not.toContain('too many changed objects');
  });

  it('is grey without a signature and when the outcome is indeterminate', () => {
    expect(badgeFor(report([], 'TOTAL_FAILED')).state).toBe('unsigned');
    const open = badgeFor(
      report(
        [
          signature({
            indication: 'INDETERMINATE',
            subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
            chain: 'UNTRUSTED',
          }),
        ],
        'INDETERMINATE',
      ),
    );
    expect(open.state).toBe('unknown');
    expect(open.title).toContain('không do tổ chức tin cậy cấp');
  });

  it('names a revoked CA, a path constraint and a weak algorithm', () => {
    const title = (subIndication: string, over: Partial<Signature> = {}) =>
      badgeFor(report([signature({ indication: 'INDETERMINATE', subIndication, ...over })], 'INDETERMINATE'))
        .title;
    expect(title('REVOKED_CA_NO_POE', { revocation: 'REVOKED' })).toContain('tổ chức cấp (CA) đã bị thu hồi');
    expect(title('CHAIN_CONSTRAINTS_FAILURE')).toContain('vi phạm ràng buộc');
    expect(title('CRYPTO_CONSTRAINTS_FAILURE')).toContain('RSA dưới 2048 bit');
  });
});

describe('error messages', () => {
  it('says how many PIN tries are left, in Vietnamese and English', () => {
    expect(describeError({ code: 'PIN_INCORRECT', details: { pinFlags: ['FINAL_TRY'] } })).toEqual({
      vi: 'Mã PIN không đúng. Chỉ còn một lần thử: nhập sai lần nữa token sẽ bị khóa.',
      en: 'Incorrect PIN. One try left: another wrong PIN locks the token.',
    });
    expect(describeError({ code: 'PIN_INCORRECT', details: { triesLeft: 2 } }).vi).toContain('Còn 2 lần thử');
  });

  it('tells the user what to do for a locked or absent token, an unreachable or unpaired daemon', () => {
    expect(describeError({ code: 'PIN_LOCKED' }).vi).toContain('mở khóa');
    expect(describeError({ code: 'TOKEN_ABSENT' }).vi).toContain('Cắm token');
    expect(describeError({ code: 'DAEMON_UNREACHABLE' }).en).toContain('vanthu start');
    expect(describeError({ code: 'NOT_PAIRED' }).vi).toContain('vanthu pair');
  });

  it('keeps an unknown code readable', () => {
    expect(describeError({ code: 'SOMETHING', message: 'x' })).toEqual({ vi: 'x', en: 'x' });
  });
});
