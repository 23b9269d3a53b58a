import { SIGNATURE_ROLE_LABELS } from '@vanthu/shared/domain/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { bilingual } from '../i18n/bilingual.js';
import { say } from '../i18n/language.js';
import { reportLine } from './report-lines.js';

type Signature = VerifyResult['signatures'][number];

/** Wording of the verification report's closed values (shown in badges and the side panel). */
export const INDICATION_TEXT = bilingual<Signature['indication']>({
  TOTAL_PASSED: ['Hợp lệ', 'Valid'],
  TOTAL_FAILED: ['Không hợp lệ', 'Not valid'],
  INDETERMINATE: ['Chưa xác định được', 'Undetermined'],
});

const roleWords = (role: Signature['role']) =>
  [SIGNATURE_ROLE_LABELS[role].vi, SIGNATURE_ROLE_LABELS[role].en] as const;
export const ROLE_TEXT = bilingual<Signature['role']>({
  approver: roleWords('approver'),
  seal: roleWords('seal'),
  attachment: roleWords('attachment'),
  copy: roleWords('copy'),
  income: roleWords('income'),
  unknown: roleWords('unknown'),
});

export const CHAIN_TEXT = bilingual<Signature['chain']>({
  TRUSTED: ['Chứng thư số do tổ chức tin cậy cấp', 'Certificate issued by a trusted authority'],
  UNTRUSTED: ['Chứng thư số không thuộc tổ chức tin cậy', 'Certificate not from a trusted authority'],
  NO_CHAIN: ['Không dựng được chuỗi chứng thư', 'The certificate chain cannot be built'],
});

export const REVOCATION_TEXT = bilingual<Signature['revocation']>({
  GOOD: ['Chưa bị thu hồi', 'Not revoked'],
  REVOKED: ['Đã bị thu hồi', 'Revoked'],
  UNKNOWN: ['Không xác định được tình trạng thu hồi', 'Revocation status unknown'],
  NOT_CHECKED: ['Chưa kiểm tra thu hồi', 'Revocation not checked'],
});

export const MODIFICATIONS_TEXT = bilingual<Signature['modificationsAfter']>({
  NONE: ['Không có thay đổi sau khi ký', 'No change after signing'],
  SIGNATURES_AND_FORMS: [
    'Sau khi ký chỉ thêm chữ ký hoặc điền ô chữ ký',
    'Only signatures or signature fields added after signing',
  ],
  ANNOTATIONS: ['Sau khi ký có thêm ghi chú', 'Annotations added after signing'],
  OTHER: ['Nội dung bị thay đổi sau khi ký', 'Content changed after signing'],
});

/** ETSI EN 319 102-1 sub-indications, as a reason the user understands. */
const SUB_INDICATION_TEXT: Record<string, string> = bilingual({
  HASH_FAILURE: [
    'Nội dung văn bản đã bị sửa đổi sau khi ký (sai mã băm)',
    "The document's content was altered after signing (hash mismatch)",
  ],
  SIG_CRYPTO_FAILURE: [
    'Giá trị chữ ký không khớp với chứng thư số',
    'The signature value does not match the certificate',
  ],
  FORMAT_FAILURE: ['Chữ ký sai định dạng', 'The signature is malformed'],
  NO_CERTIFICATE_CHAIN_FOUND: [
    'Chứng thư số không do tổ chức tin cậy cấp',
    'The certificate was not issued by a trusted authority',
  ],
  REVOKED: ['Chứng thư số đã bị thu hồi', 'The certificate has been revoked'],
  EXPIRED: ['Chứng thư số đã hết hạn khi ký', 'The certificate had expired at signing'],
  NOT_YET_VALID: ['Chứng thư số chưa có hiệu lực khi ký', 'The certificate was not yet valid at signing'],
  SIG_CONSTRAINTS_FAILURE: [
    'Văn bản có thay đổi không được phép sau khi ký',
    'The document has changes not allowed after signing',
  ],
  TRY_LATER: [
    'Chưa kiểm tra được tình trạng thu hồi, thử lại sau',
    'Revocation status could not be checked yet, try again later',
  ],
  OUT_OF_BOUNDS_NO_POE: [
    'Chứng thư số không còn hiệu lực tại thời điểm kiểm tra',
    'The certificate is no longer valid at the time of checking',
  ],
  REVOKED_NO_POE: [
    'Chứng thư số bị thu hồi sau khi ký, không có dấu thời gian chứng minh thời điểm ký',
    'The certificate was revoked after signing, and no timestamp proves when it was signed',
  ],
  REVOKED_CA_NO_POE: [
    'Chứng thư của tổ chức cấp (CA) đã bị thu hồi, không có dấu thời gian chứng minh thời điểm ký',
    "The issuing authority's (CA) certificate was revoked, and no timestamp proves when it was signed",
  ],
  CHAIN_CONSTRAINTS_FAILURE: [
    'Chuỗi chứng thư số vi phạm ràng buộc (CA, mục đích sử dụng khóa, phần mở rộng bắt buộc)',
    'The certificate chain breaks a constraint (CA, key usage, required extensions)',
  ],
  CRYPTO_CONSTRAINTS_FAILURE: [
    'Thuật toán hoặc độ dài khóa không còn đủ an toàn (MD5, SHA-1, RSA dưới 2048 bit)',
    'The algorithm or key length is no longer secure enough (MD5, SHA-1, RSA under 2048 bits)',
  ],
  GENERIC: [
    'Không phân tích hết được các thay đổi sau khi ký (tệp quá lớn, quá phức tạp hoặc bị hỏng)',
    'The changes after signing could not be fully analysed (file too large, too complex or damaged)',
  ],
});

/** " (trang 1, 3)" for the pages a change after signing touched; nothing when no page is known. */
function changedPagesText(signature: Signature): string {
  const pages = signature.changedPages ?? [];
  if (pages.length === 0) return '';
  const list = `${pages.slice(0, 5).join(', ')}${pages.length > 5 ? ', …' : ''}`;
  return say(` (trang ${list})`, ` (page${pages.length === 1 ? '' : 's'} ${list})`);
}

/** What changed after signing, in Vietnamese, when the daemon found it and a phrase says it. */
export function changeDetailOf(signature: Signature): string | undefined {
  if (signature.modificationsAfter !== 'OTHER' && signature.modificationsAfter !== 'ANNOTATIONS')
    return undefined;
  const line = signature.errors?.find((e) => /^revision \d+/.test(e)) ?? signature.errors?.[0];
  return line && reportLine(line);
}

/** Why one signature is not valid, in one sentence. */
export function reasonOf(signature: Signature): string {
  if (!signature.integrity) return SUB_INDICATION_TEXT.HASH_FAILURE ?? '';
  const sub = signature.subIndication ? SUB_INDICATION_TEXT[signature.subIndication] : undefined;
  // Changes after signing decide: say which pages they touched.
  if (signature.subIndication === 'SIG_CONSTRAINTS_FAILURE') {
    const what =
      signature.modificationsAfter === 'ANNOTATIONS' ? MODIFICATIONS_TEXT.ANNOTATIONS : (sub ?? '');
    return `${what}${changedPagesText(signature)}`;
  }
  if (sub) return sub;
  if (signature.modificationsAfter === 'OTHER')
    return `${MODIFICATIONS_TEXT.OTHER}${changedPagesText(signature)}`;
  if (signature.chain !== 'TRUSTED') return CHAIN_TEXT[signature.chain];
  if (signature.revocation === 'REVOKED') return REVOCATION_TEXT.REVOKED;
  const warning = signature.warnings[0];
  return (warning && reportLine(warning)) || INDICATION_TEXT[signature.indication];
}

export function signerLine(signature: Signature): string {
  const name = signature.signer?.commonName ?? say('không rõ người ký', 'unknown signer');
  const org = signature.signer?.organization;
  return org && org !== name ? `${name} — ${org}` : name;
}
