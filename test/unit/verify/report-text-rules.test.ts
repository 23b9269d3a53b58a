import type { Lang } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../daemon/src/verify/index.js';
import type { SignatureReport, VerifyReport } from '../../../daemon/src/verify/types.js';

/** A valid approver signature with every optional part present. */
function signature(over: Partial<SignatureReport> = {}): SignatureReport {
  return {
    field: 'Sig1',
    role: 'approver',
    subFilter: 'ETSI.CAdES.detached',
    signer: {
      commonName: 'Trần Văn Minh',
      organization: 'UBND tỉnh Thử',
      serialNumber: 'CCCD:001',
      issuer: 'CA Thử',
    },
    signingTime: '2026-12-07T09:30:00+07:00',
    signingTimeSource: 'timestamp',
    level: 'B-LT',
    ltv: true,
    proofOfExistence: '2026-12-07T09:30:05+07:00',
    timestamp: { genTime: '2026-12-07T09:30:05+07:00', tsa: 'TSA Thử', valid: true, chain: 'TRUSTED' },
    indication: 'TOTAL_PASSED',
    subIndication: null,
    integrity: true,
    coverage: 'ENTIRE_FILE',
    modificationsAfter: 'NONE',
    changedPages: [],
    chain: 'TRUSTED',
    revocation: 'GOOD',
    chainRevocation: [
      { subject: 'CN=Trần Văn Minh', serialNumber: '01', status: 'GOOD', source: null, revokedAt: null },
      { subject: 'CN=CA Thử', serialNumber: '02', status: 'NOT_CHECKED', source: null, revokedAt: null },
    ],
    page: 1,
    rect: [0, 0, 100, 40],
    warnings: [],
    errors: [],
    revision: 0,
    algorithm: 'sha256WithRSAEncryption',
    certificate: null,
    trustAnchor: 'Root CA Thử',
    ...over,
  };
}

function report(signatures: SignatureReport[], over: Partial<VerifyReport> = {}): VerifyReport {
  return {
    file: 'quyet-dinh.pdf',
    sha256: 'ab'.repeat(32),
    indication: 'TOTAL_PASSED',
    signatures,
    revisions: 1,
    order: signatures.map((s) => s.field),
    warnings: [],
    policy: 'standard',
    validatedAt: '2026-12-07T10:00:00+07:00',
    ...over,
  };
}

const text = (r: VerifyReport, lang: Lang = 'vi'): string => formatReport(r, lang);
const lines = (s: SignatureReport, lang: Lang = 'vi'): string[] => text(report([s]), lang).split('\n');
/** The line of signature `s` (below the document's lines) that starts with `label` after the indent. */
const line = (s: SignatureReport, label: string, lang: Lang = 'vi'): string | undefined =>
  lines(s, lang)
    .slice(3)
    .find((l) => l.trimStart().startsWith(label));

describe('formatReport: the whole report', () => {
  it('reads in Vietnamese, every line of a fully described signature', () => {
    expect(text(report([signature()]))).toBe(
      [
        'Tệp: quyet-dinh.pdf',
        `SHA-256: ${'ab'.repeat(32)}`,
        'Kết luận: HỢP LỆ (TOTAL_PASSED)',
        '',
        'Chữ ký 1: Sig1 — người có thẩm quyền',
        '  Kết luận: HỢP LỆ (TOTAL_PASSED)',
        '  Người ký: Trần Văn Minh, UBND tỉnh Thử',
        '  Cơ quan cấp: CA Thử',
        '  Thời điểm ký: 07/12/2026 09:30:00 (GMT+7) (theo dấu thời gian)',
        '  Toàn vẹn: nguyên vẹn; phạm vi ký toàn bộ tệp',
        '  Thay đổi sau khi ký: không có',
        '  Chuỗi chứng thư: tin cậy (Root CA Thử)',
        '  Thu hồi: chưa bị thu hồi',
        '    CN=CA Thử: không có nguồn kiểm tra',
        '  Dấu thời gian: 07/12/2026 09:30:05 (GMT+7) ✓ TSA Thử',
        '  Mức PAdES: B-LT',
        '  LTV: có',
        '  Bằng chứng tồn tại (POE): 07/12/2026 09:30:05 (GMT+7)',
        '  Trang: 1',
      ].join('\n'),
    );
  });

  it('reads in English with lang en, no Vietnamese word glued on', () => {
    expect(text(report([signature()]), 'en')).toBe(
      [
        'File: quyet-dinh.pdf',
        `SHA-256: ${'ab'.repeat(32)}`,
        'Result: VALID (TOTAL_PASSED)',
        '',
        'Signature 1: Sig1 — competent person',
        '  Result: VALID (TOTAL_PASSED)',
        '  Signer: Trần Văn Minh, UBND tỉnh Thử',
        '  Issuer: CA Thử',
        '  Signing time: 07/12/2026 09:30:00 (GMT+7) (from the timestamp)',
        '  Integrity: intact; covers the entire file',
        '  Changes after signing: none',
        '  Certificate chain: trusted (Root CA Thử)',
        '  Revocation: not revoked',
        '    CN=CA Thử: not checked',
        '  Timestamp: 07/12/2026 09:30:05 (GMT+7) ✓ TSA Thử',
        '  PAdES level: B-LT',
        '  LTV: yes',
        '  Proof of existence: 07/12/2026 09:30:05 (GMT+7)',
        '  Page: 1',
      ].join('\n'),
    );
  });

  it('says a document without signatures has none, in the chosen language', () => {
    expect(text(report([]))).toContain('\nTài liệu không có chữ ký số.');
    expect(text(report([]), 'en')).toContain('\nThe document has no signature.');
    expect(text(report([signature()]))).not.toContain('Tài liệu không có chữ ký số.');
  });

  it('numbers signatures from 1, each after an empty line', () => {
    const out = text(report([signature(), signature({ field: 'Sig2', role: 'seal' })]));
    expect(out).toContain('\n\nChữ ký 1: Sig1 — người có thẩm quyền\n');
    expect(out).toContain('\n\nChữ ký 2: Sig2 — cơ quan (đóng dấu)\n');
  });

  it('lists the document notes under their heading, leaving out the no-signature note', () => {
    const out = text(report([], { warnings: ['no signature / không có chữ ký số', 'tệp có JavaScript'] }));
    expect(out.endsWith('\n\nLưu ý:\n  - tệp có JavaScript')).toBe(true);
    expect(out).not.toContain('- no signature');
    expect(text(report([], { warnings: ['x'] }), 'en')).toContain('\n\nNotes:\n  - x');
  });

  it('has no notes heading when no note is left', () => {
    expect(text(report([signature()]))).not.toContain('Lưu ý');
    expect(text(report([], { warnings: ['no signature / không có chữ ký số'] }))).not.toContain('Lưu ý');
  });
});

describe('formatReport: words for each value', () => {
  const cases: [string, (v: string) => SignatureReport, string, Record<string, [string, string]>][] = [
    [
      'verdict',
      (v) => signature({ indication: v as SignatureReport['indication'] }),
      'Kết luận',
      {
        TOTAL_PASSED: ['HỢP LỆ', 'VALID'],
        TOTAL_FAILED: ['KHÔNG HỢP LỆ', 'INVALID'],
        INDETERMINATE: ['CHƯA XÁC ĐỊNH', 'INDETERMINATE'],
      },
    ],
    [
      'coverage',
      (v) => signature({ coverage: v as SignatureReport['coverage'] }),
      'Toàn vẹn',
      {
        ENTIRE_FILE: ['toàn bộ tệp', 'the entire file'],
        ENTIRE_REVISION: ['toàn bộ phiên bản đã ký', 'its entire revision'],
        PARTIAL: ['một phần', 'part of the file'],
      },
    ],
    [
      'changes after signing',
      (v) => signature({ modificationsAfter: v as SignatureReport['modificationsAfter'] }),
      'Thay đổi sau khi ký',
      {
        NONE: ['không có', 'none'],
        SIGNATURES_AND_FORMS: [
          'chỉ thêm chữ ký/ô ký (được phép)',
          'signatures and form fields only (allowed)',
        ],
        ANNOTATIONS: ['thêm chú thích', 'annotations added'],
        OTHER: ['NỘI DUNG BỊ THAY ĐỔI', 'CONTENT CHANGED'],
      },
    ],
    [
      'chain',
      (v) => signature({ chain: v as SignatureReport['chain'], trustAnchor: null }),
      'Chuỗi chứng thư',
      {
        TRUSTED: ['tin cậy', 'trusted'],
        UNTRUSTED: ['gốc không được tin cậy', 'untrusted root'],
        NO_CHAIN: ['không dựng được chuỗi', 'no chain'],
      },
    ],
    [
      'revocation',
      (v) => signature({ revocation: v as SignatureReport['revocation'] }),
      'Thu hồi',
      {
        GOOD: ['chưa bị thu hồi', 'not revoked'],
        REVOKED: ['ĐÃ BỊ THU HỒI', 'REVOKED'],
        UNKNOWN: ['không kiểm tra được', 'unknown'],
        NOT_CHECKED: ['không có nguồn kiểm tra', 'not checked'],
      },
    ],
  ];
  const english: Record<string, string> = {
    'Kết luận': 'Result',
    'Toàn vẹn': 'Integrity',
    'Thay đổi sau khi ký': 'Changes after signing',
    'Chuỗi chứng thư': 'Certificate chain',
    'Thu hồi': 'Revocation',
  };
  for (const [what, make, label, words] of cases) {
    it(`names each ${what} in Vietnamese and in English`, () => {
      for (const [value, [vi, en]] of Object.entries(words)) {
        expect(line(make(value), `${label}:`)).toMatch(
          new RegExp(`(: |; phạm vi ký )${escapeRegExp(vi)}( \\(|$)`),
        );
        expect(line(make(value), `${english[label]}:`, 'en')).toMatch(
          new RegExp(`(: |; covers )${escapeRegExp(en)}( \\(|$)`),
        );
      }
    });
  }

  it('names each role in Vietnamese and in English', () => {
    const roles: Record<SignatureReport['role'], [string, string]> = {
      approver: ['người có thẩm quyền', 'competent person'],
      seal: ['cơ quan (đóng dấu)', 'organisation seal'],
      attachment: ['phụ lục', 'attachment'],
      copy: ['bản sao', 'copy'],
      income: ['văn bản đến', 'incoming'],
      unknown: ['không rõ', 'unknown'],
    };
    for (const [role, [vi, en]] of Object.entries(roles) as [SignatureReport['role'], [string, string]][]) {
      expect(line(signature({ role }), 'Chữ ký 1:')).toBe(`Chữ ký 1: Sig1 — ${vi}`);
      expect(line(signature({ role }), 'Signature 1:', 'en')).toBe(`Signature 1: Sig1 — ${en}`);
    }
  });

  it('shows a value it has no word for as the value itself', () => {
    const odd = signature({ role: 'notary' as SignatureReport['role'] });
    expect(line(odd, 'Chữ ký 1:')).toBe('Chữ ký 1: Sig1 — notary');
  });
});

describe('formatReport: the parts of a signature', () => {
  it('adds the sub-indication after the indication when there is one', () => {
    const failed = signature({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' });
    expect(line(failed, 'Kết luận:')).toBe('  Kết luận: KHÔNG HỢP LỆ (TOTAL_FAILED / HASH_FAILURE)');
  });

  it('marks an unknown signer name, organisation-less signer and unknown issuer', () => {
    const bare = signature({
      signer: { commonName: null, organization: null, serialNumber: null, issuer: null },
    });
    expect(line(bare, 'Người ký:')).toBe('  Người ký: ?');
    expect(line(bare, 'Cơ quan cấp:')).toBe('  Cơ quan cấp: ?');
  });

  it('says a claimed signing time is the signer’s claim, and an unknown one is ?', () => {
    expect(line(signature({ signingTimeSource: 'claimed' }), 'Thời điểm ký:')).toBe(
      '  Thời điểm ký: 07/12/2026 09:30:00 (GMT+7) (do người ký khai)',
    );
    expect(line(signature({ signingTimeSource: 'claimed' }), 'Signing time:', 'en')).toBe(
      '  Signing time: 07/12/2026 09:30:00 (GMT+7) (claimed by the signer)',
    );
    expect(line(signature({ signingTime: null, signingTimeSource: 'none' }), 'Thời điểm ký:')).toBe(
      '  Thời điểm ký: ? (do người ký khai)',
    );
  });

  it('says a broken signature is not intact', () => {
    expect(line(signature({ integrity: false }), 'Toàn vẹn:')).toBe(
      '  Toàn vẹn: KHÔNG nguyên vẹn; phạm vi ký toàn bộ tệp',
    );
    expect(line(signature({ integrity: false }), 'Integrity:', 'en')).toBe(
      '  Integrity: BROKEN; covers the entire file',
    );
  });

  it('names the pages changed after signing', () => {
    const changed = signature({ modificationsAfter: 'OTHER', changedPages: [2, 5] });
    expect(line(changed, 'Thay đổi sau khi ký:')).toBe(
      '  Thay đổi sau khi ký: NỘI DUNG BỊ THAY ĐỔI (trang 2, 5)',
    );
    expect(line(changed, 'Changes after signing:', 'en')).toBe(
      '  Changes after signing: CONTENT CHANGED (page 2, 5)',
    );
  });

  it('names the trust anchor only when there is one', () => {
    expect(line(signature({ chain: 'NO_CHAIN', trustAnchor: null }), 'Chuỗi chứng thư:')).toBe(
      '  Chuỗi chứng thư: không dựng được chuỗi',
    );
  });

  it('lists the CA certificates’ revocation answers under the worst one, not the signer’s again', () => {
    const three = signature({
      revocation: 'REVOKED',
      chainRevocation: [
        { subject: 'CN=Trần Văn Minh', serialNumber: '01', status: 'GOOD', source: null, revokedAt: null },
        { subject: 'CN=CA trung gian', serialNumber: '02', status: 'REVOKED', source: null, revokedAt: null },
        { subject: 'CN=Root', serialNumber: '03', status: 'UNKNOWN', source: null, revokedAt: null },
      ],
    });
    const out = lines(three);
    const at = out.indexOf('  Thu hồi: ĐÃ BỊ THU HỒI');
    expect(out.slice(at + 1, at + 4)).toEqual([
      '    CN=CA trung gian: ĐÃ BỊ THU HỒI',
      '    CN=Root: không kiểm tra được',
      '  Dấu thời gian: 07/12/2026 09:30:05 (GMT+7) ✓ TSA Thử',
    ]);
  });

  it('marks an invalid timestamp, and leaves no trailing space without its authority', () => {
    const bad = signature({ timestamp: { genTime: null, tsa: null, valid: false, chain: 'NO_CHAIN' } });
    expect(line(bad, 'Dấu thời gian:')).toBe('  Dấu thời gian: ? ✗');
    expect(line(bad, 'Timestamp:', 'en')).toBe('  Timestamp: ? ✗');
  });

  it('leaves out the timestamp, level, proof of existence and page lines when absent', () => {
    const plain = signature({ timestamp: null, level: null, proofOfExistence: null, page: null, ltv: false });
    const out = lines(plain);
    expect(out.at(-1)).toBe('  LTV: không');
    expect(out.join('\n')).not.toMatch(/Dấu thời gian|Mức PAdES|Bằng chứng|Trang:/);
    expect(lines(plain, 'en').at(-1)).toBe('  LTV: no');
  });

  it('ends with the signature’s errors, then its warnings', () => {
    const failed = signature({ errors: ['chữ ký bị sửa'], warnings: ['thuật toán cũ'] });
    expect(lines(failed).slice(-2)).toEqual(['  ✗ chữ ký bị sửa', '  ! thuật toán cũ']);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
