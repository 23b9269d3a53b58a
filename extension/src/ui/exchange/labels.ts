import { formatVietnamDateTime } from '@vanthu/shared/domain/index';
import { SIGNATURE_ROLE_LABELS, type SignatureRole } from '@vanthu/shared/domain/index';
import { ERROR_CATALOGUE, type Lang, isErrorCode } from '@vanthu/shared/errors/index';
import type {
  ArrivalState,
  DeliveryState,
  ExchangeQuarantineRetryResult,
} from '@vanthu/shared/protocol/index';

type Label = { vi: string; en: string };

export const DELIVERY_LABELS: Record<DeliveryState, Label> = {
  queued: { vi: 'Chờ gửi', en: 'Queued' },
  sending: { vi: 'Đang gửi', en: 'Sending' },
  sent: { vi: 'Đã gửi lên trục', en: 'Sent' },
  delivered: { vi: 'Đã đến nơi nhận', en: 'Delivered' },
  acknowledged: { vi: 'Nơi nhận đã phản hồi', en: 'Acknowledged' },
  failed: { vi: 'Lỗi, sẽ thử lại', en: 'Failed, will retry' },
  dead: { vi: 'Không gửi được', en: 'Not delivered' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

export const STATUS_LABELS: Record<string, Label> = {
  '01': { vi: 'Đã đến', en: 'Arrived' },
  '02': { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  '03': { vi: 'Đã tiếp nhận', en: 'Registered' },
  '04': { vi: 'Phân công', en: 'Assigned' },
  '05': { vi: 'Đang xử lý', en: 'In progress' },
  '06': { vi: 'Hoàn thành', en: 'Finished' },
  '13': { vi: 'Lấy lại', en: 'Recall' },
  '15': { vi: 'Đồng ý lấy lại', en: 'Recall accepted' },
  '16': { vi: 'Từ chối lấy lại', en: 'Recall refused' },
};

export const ARRIVAL_LABELS: Record<ArrivalState, Label> = {
  arrived: { vi: 'Mới đến', en: 'Arrived' },
  refused: { vi: 'Đã từ chối', en: 'Refused' },
  registered: { vi: 'Đã tiếp nhận', en: 'Registered' },
  assigned: { vi: 'Đã phân công', en: 'Assigned' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  finished: { vi: 'Hoàn thành', en: 'Finished' },
  recall_requested: { vi: 'Nơi gửi đề nghị thu hồi', en: 'Recall requested' },
  voided: { vi: 'Đã thu hồi (hủy)', en: 'Recalled (voided)' },
  updated: { vi: 'Đã có bản cập nhật', en: 'Updated' },
  replaced: { vi: 'Đã bị thay thế', en: 'Replaced' },
};

export const PRIORITY_LABELS: Label[] = [
  { vi: 'Thường', en: 'Normal' },
  { vi: 'Khẩn', en: 'Urgent' },
  { vi: 'Thượng khẩn', en: 'Very urgent' },
  { vi: 'Hỏa tốc', en: 'Express' },
  { vi: 'Hỏa tốc hẹn giờ', en: 'Timed express' },
];

export const t = (lang: Lang, vi: string, en: string) => (lang === 'vi' ? vi : en);

/** Every time on screen in one format: dd/MM/yyyy HH:mm:ss (GMT+7), Vietnam time. */
export function formatTime(ms: number): string {
  return formatVietnamDateTime(ms);
}

/** An error code as the clerk reads it: the catalogue's text, then the code for the administrator. */
export function codeTitle(lang: Lang, code: string): string {
  return isErrorCode(code) ? `${ERROR_CATALOGUE[code][lang]} (${code})` : code;
}

/** What "Xử lý lại" on a quarantined package came to, for the clerk. */
export function quarantineRetryText(lang: Lang, id: number, r: ExchangeQuarantineRetryResult): string {
  switch (r.outcome) {
    case 'recorded':
      return t(
        lang,
        `Gói Q${id}: đã nhận văn bản, đã gửi báo nhận (01)`,
        `Package Q${id}: document received, receipt (01) sent`,
      );
    case 'duplicate':
      return t(
        lang,
        `Gói Q${id}: văn bản này đã nhận trước đó`,
        `Package Q${id}: this document was already received`,
      );
    case 'status':
      return t(lang, `Gói Q${id}: đã cập nhật trạng thái`, `Package Q${id}: status applied`);
    case 'defective':
      return t(
        lang,
        `Gói Q${id}: văn bản không dùng được, cần từ chối (02) — ${r.reason ?? ''}`,
        `Package Q${id}: document unusable as sent, refuse it (02) — ${r.reason ?? ''}`,
      );
    case 'quarantined':
      return t(
        lang,
        `Gói Q${id} vẫn bị cách ly: ${codeTitle(lang, r.code ?? '')} — ${r.reason ?? ''}`,
        `Package Q${id} is still quarantined: ${codeTitle(lang, r.code ?? '')} — ${r.reason ?? ''}`,
      );
  }
}

const INDICATION_WORDS: Record<string, Label> = {
  TOTAL_PASSED: { vi: 'hợp lệ', en: 'valid' },
  TOTAL_FAILED: { vi: 'không hợp lệ', en: 'invalid' },
  INDETERMINATE: { vi: 'chưa xác định được', en: 'indeterminate' },
};

/**
 * The daemon's one-line verification summary ("Name (approver): TOTAL_PASSED; …") in words: each
 * role by its NĐ 30 name, each indication as the report says it.
 */
export function verificationSummaryText(lang: Lang, summary: string): string {
  return summary
    .replace(
      /\((approver|seal|attachment|copy|income|unknown)\)/g,
      (_, role: SignatureRole) => `(${SIGNATURE_ROLE_LABELS[role][lang].toLocaleLowerCase(lang)})`,
    )
    .replace(
      /\b(TOTAL_PASSED|TOTAL_FAILED|INDETERMINATE)\b/g,
      (code: string) => INDICATION_WORDS[code]![lang],
    );
}
