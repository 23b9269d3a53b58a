import type { Lang } from '@vanthu/shared/errors/index';
import { formatVietnamDateTime } from '@vanthu/shared/domain/vietnam-time';
import type { SignatureReport, VerifyReport } from './types.js';

/** The one time format of every screen: dd/MM/yyyy HH:mm:ss (GMT+7), Vietnam time. */
const at = (iso: string | null | undefined) => (iso ? formatVietnamDateTime(iso) : '?');

type Text = Record<string, { vi: string; en: string }>;

const INDICATION: Text = {
  TOTAL_PASSED: { vi: 'HỢP LỆ', en: 'VALID' },
  TOTAL_FAILED: { vi: 'KHÔNG HỢP LỆ', en: 'INVALID' },
  INDETERMINATE: { vi: 'CHƯA XÁC ĐỊNH', en: 'INDETERMINATE' },
};
const ROLE: Text = {
  approver: { vi: 'người có thẩm quyền', en: 'competent person' },
  seal: { vi: 'cơ quan (đóng dấu)', en: 'organisation seal' },
  attachment: { vi: 'phụ lục', en: 'attachment' },
  copy: { vi: 'bản sao', en: 'copy' },
  income: { vi: 'văn bản đến', en: 'incoming' },
  unknown: { vi: 'không rõ', en: 'unknown' },
};
const COVERAGE: Text = {
  ENTIRE_FILE: { vi: 'toàn bộ tệp', en: 'the entire file' },
  ENTIRE_REVISION: { vi: 'toàn bộ phiên bản đã ký', en: 'its entire revision' },
  PARTIAL: { vi: 'một phần', en: 'part of the file' },
};
const CHANGES: Text = {
  NONE: { vi: 'không có', en: 'none' },
  SIGNATURES_AND_FORMS: {
    vi: 'chỉ thêm chữ ký/ô ký (được phép)',
    en: 'signatures and form fields only (allowed)',
  },
  ANNOTATIONS: { vi: 'thêm chú thích', en: 'annotations added' },
  OTHER: { vi: 'NỘI DUNG BỊ THAY ĐỔI', en: 'CONTENT CHANGED' },
};
const CHAIN: Text = {
  TRUSTED: { vi: 'tin cậy', en: 'trusted' },
  UNTRUSTED: { vi: 'gốc không được tin cậy', en: 'untrusted root' },
  NO_CHAIN: { vi: 'không dựng được chuỗi', en: 'no chain' },
};
const REVOCATION: Text = {
  GOOD: { vi: 'chưa bị thu hồi', en: 'not revoked' },
  REVOKED: { vi: 'ĐÃ BỊ THU HỒI', en: 'REVOKED' },
  UNKNOWN: { vi: 'không kiểm tra được', en: 'unknown' },
  NOT_CHECKED: { vi: 'không có nguồn kiểm tra', en: 'not checked' },
};

const pick = (t: Text, k: string, lang: Lang): string => t[k]?.[lang] ?? k;

/** The readable report of `vanthu verify` (Vietnamese by default, English with --lang en). */
export function formatReport(r: VerifyReport, lang: Lang): string {
  const L = (vi: string, en: string): string => (lang === 'vi' ? vi : en);
  const lines: string[] = [];
  lines.push(`${L('Tệp', 'File')}: ${r.file}`);
  lines.push(`SHA-256: ${r.sha256}`);
  lines.push(`${L('Kết luận', 'Result')}: ${pick(INDICATION, r.indication, lang)} (${r.indication})`);
  if (r.signatures.length === 0)
    lines.push(L('Tài liệu không có chữ ký số.', 'The document has no signature.'));
  for (const [i, s] of r.signatures.entries()) lines.push('', ...signatureLines(s, i + 1, lang));
  const docWarnings = r.warnings.filter((w) => !w.startsWith('no signature'));
  if (docWarnings.length > 0) {
    lines.push('', `${L('Lưu ý', 'Notes')}:`);
    for (const w of docWarnings) lines.push(`  - ${w}`);
  }
  return lines.join('\n');
}

function signatureLines(s: SignatureReport, n: number, lang: Lang): string[] {
  const L = (vi: string, en: string): string => (lang === 'vi' ? vi : en);
  const out = [
    `${L('Chữ ký', 'Signature')} ${n}: ${s.field} — ${pick(ROLE, s.role, lang)}`,
    `  ${L('Kết luận', 'Result')}: ${pick(INDICATION, s.indication, lang)} (${s.indication}${s.subIndication ? ` / ${s.subIndication}` : ''})`,
    `  ${L('Người ký', 'Signer')}: ${s.signer.commonName ?? '?'}${s.signer.organization ? `, ${s.signer.organization}` : ''}`,
    `  ${L('Cơ quan cấp', 'Issuer')}: ${s.signer.issuer ?? '?'}`,
    `  ${L('Thời điểm ký', 'Signing time')}: ${at(s.signingTime)} (${
      s.signingTimeSource === 'timestamp'
        ? L('theo dấu thời gian', 'from the timestamp')
        : L('do người ký khai', 'claimed by the signer')
    })`,
    `  ${L('Toàn vẹn', 'Integrity')}: ${s.integrity ? L('nguyên vẹn', 'intact') : L('KHÔNG nguyên vẹn', 'BROKEN')}; ${L('phạm vi ký', 'covers')} ${pick(COVERAGE, s.coverage, lang)}`,
    `  ${L('Thay đổi sau khi ký', 'Changes after signing')}: ${pick(CHANGES, s.modificationsAfter, lang)}${
      s.changedPages.length > 0 ? ` (${L('trang', 'page')} ${s.changedPages.join(', ')})` : ''
    }`,
    `  ${L('Chuỗi chứng thư', 'Certificate chain')}: ${pick(CHAIN, s.chain, lang)}${s.trustAnchor ? ` (${s.trustAnchor})` : ''}`,
    `  ${L('Thu hồi', 'Revocation')}: ${pick(REVOCATION, s.revocation, lang)}`,
  ];
  // The CA certificates' answers, when the path has any (the line above is the worst of all).
  for (const c of s.chainRevocation.slice(1))
    out.push(`    ${c.subject}: ${pick(REVOCATION, c.status, lang)}`);
  if (s.timestamp) {
    out.push(
      `  ${L('Dấu thời gian', 'Timestamp')}: ${at(s.timestamp.genTime)} ${s.timestamp.valid ? '✓' : '✗'} ${s.timestamp.tsa ?? ''}`.trimEnd(),
    );
  }
  if (s.level) out.push(`  ${L('Mức PAdES', 'PAdES level')}: ${s.level}`);
  out.push(`  LTV: ${s.ltv ? L('có', 'yes') : L('không', 'no')}`);
  if (s.proofOfExistence)
    out.push(`  ${L('Bằng chứng tồn tại (POE)', 'Proof of existence')}: ${at(s.proofOfExistence)}`);
  if (s.page !== null) out.push(`  ${L('Trang', 'Page')}: ${s.page}`);
  for (const e of s.errors) out.push(`  ✗ ${e}`);
  for (const w of s.warnings) out.push(`  ! ${w}`);
  return out;
}
