import { SIGNATURE_ROLE_LABELS } from '@vanthu/shared/domain/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { reportLineVi } from './report-lines.js';

type Signature = VerifyResult['signatures'][number];

/** Vietnamese wording of the verification report's closed values (shown in badges and the side panel). */
export const INDICATION_TEXT: Record<Signature['indication'], string> = {
  TOTAL_PASSED: 'Hợp lệ',
  TOTAL_FAILED: 'Không hợp lệ',
  INDETERMINATE: 'Chưa xác định được',
};

export const ROLE_TEXT: Record<Signature['role'], string> = {
  approver: SIGNATURE_ROLE_LABELS.approver.vi,
  seal: SIGNATURE_ROLE_LABELS.seal.vi,
  attachment: SIGNATURE_ROLE_LABELS.attachment.vi,
  copy: SIGNATURE_ROLE_LABELS.copy.vi,
  income: SIGNATURE_ROLE_LABELS.income.vi,
  unknown: SIGNATURE_ROLE_LABELS.unknown.vi,
};

export const CHAIN_TEXT: Record<Signature['chain'], string> = {
  TRUSTED: 'Chứng thư số do tổ chức tin cậy cấp',
  UNTRUSTED: 'Chứng thư số không thuộc tổ chức tin cậy',
  NO_CHAIN: 'Không dựng được chuỗi chứng thư',
};

export const REVOCATION_TEXT: Record<Signature['revocation'], string> = {
  GOOD: 'Chưa bị thu hồi',
  REVOKED: 'Đã bị thu hồi',
  UNKNOWN: 'Không xác định được tình trạng thu hồi',
  NOT_CHECKED: 'Chưa kiểm tra thu hồi',
};

export const MODIFICATIONS_TEXT: Record<Signature['modificationsAfter'], string> = {
  NONE: 'Không có thay đổi sau khi ký',
  SIGNATURES_AND_FORMS: 'Sau khi ký chỉ thêm chữ ký hoặc điền ô chữ ký',
  ANNOTATIONS: 'Sau khi ký có thêm ghi chú',
  OTHER: 'Nội dung bị thay đổi sau khi ký',
};

/** ETSI EN 319 102-1 sub-indications, as a reason the user understands. */
const SUB_INDICATION_TEXT: Record<string, string> = {
  HASH_FAILURE: 'Nội dung văn bản đã bị sửa đổi sau khi ký (sai mã băm)',
  SIG_CRYPTO_FAILURE: 'Giá trị chữ ký không khớp với chứng thư số',
  FORMAT_FAILURE: 'Chữ ký sai định dạng',
  NO_CERTIFICATE_CHAIN_FOUND: 'Chứng thư số không do tổ chức tin cậy cấp',
  REVOKED: 'Chứng thư số đã bị thu hồi',
  EXPIRED: 'Chứng thư số đã hết hạn khi ký',
  NOT_YET_VALID: 'Chứng thư số chưa có hiệu lực khi ký',
  SIG_CONSTRAINTS_FAILURE: 'Văn bản có thay đổi không được phép sau khi ký',
  TRY_LATER: 'Chưa kiểm tra được tình trạng thu hồi, thử lại sau',
  OUT_OF_BOUNDS_NO_POE: 'Chứng thư số không còn hiệu lực tại thời điểm kiểm tra',
  REVOKED_NO_POE: 'Chứng thư số bị thu hồi sau khi ký, không có dấu thời gian chứng minh thời điểm ký',
  REVOKED_CA_NO_POE:
    'Chứng thư của tổ chức cấp (CA) đã bị thu hồi, không có dấu thời gian chứng minh thời điểm ký',
  CHAIN_CONSTRAINTS_FAILURE:
    'Chuỗi chứng thư số vi phạm ràng buộc (CA, mục đích sử dụng khóa, phần mở rộng bắt buộc)',
  CRYPTO_CONSTRAINTS_FAILURE:
    'Thuật toán hoặc độ dài khóa không còn đủ an toàn (MD5, SHA-1, RSA dưới 2048 bit)',
  GENERIC: 'Không phân tích hết được các thay đổi sau khi ký (tệp quá lớn, quá phức tạp hoặc bị hỏng)',
};

/** " (trang 1, 3)" for the pages a change after signing touched; nothing when no page is known. */
function changedPagesText(signature: Signature): string {
  const pages = signature.changedPages ?? [];
  if (pages.length === 0) return '';
  return ` (trang ${pages.slice(0, 5).join(', ')}${pages.length > 5 ? ', …' : ''})`;
}

/** What changed after signing, in Vietnamese, when the daemon found it and a phrase says it. */
export function changeDetailOf(signature: Signature): string | undefined {
  if (signature.modificationsAfter !== 'OTHER' && signature.modificationsAfter !== 'ANNOTATIONS')
    return undefined;
  const line = signature.errors?.find((e) => /^revision \d+/.test(e)) ?? signature.errors?.[0];
  return line && reportLineVi(line);
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
  return (warning && reportLineVi(warning)) || INDICATION_TEXT[signature.indication];
}

export function signerLine(signature: Signature): string {
  const name = signature.signer?.commonName ?? 'không rõ người ký';
  const org = signature.signer?.organization;
  return org && org !== name ? `${name} — ${org}` : name;
}
