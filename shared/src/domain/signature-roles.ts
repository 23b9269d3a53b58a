/**
 * A signature's role (NĐ 30 Phụ lục I: the field names CaNhan, CoQuan, …) as a person reads it.
 * Screens show these names, never the field names.
 */
export type SignatureRole = 'approver' | 'seal' | 'attachment' | 'copy' | 'income' | 'unknown';

export const SIGNATURE_ROLE_LABELS: Readonly<
  Record<SignatureRole, { readonly vi: string; readonly en: string }>
> = {
  approver: { vi: 'Người có thẩm quyền ký', en: 'Competent signer' },
  seal: { vi: 'Con dấu cơ quan', en: 'Agency seal' },
  attachment: { vi: 'Phụ lục', en: 'Appendix' },
  copy: { vi: 'Bản sao', en: 'Copy' },
  income: { vi: 'Văn bản đến', en: 'Incoming document' },
  unknown: { vi: 'Không rõ vai trò', en: 'Unknown role' },
};
