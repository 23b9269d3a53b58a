import { ERROR_CATALOGUE, isErrorCode } from '@vanthu/shared/errors/index';
import { uiLanguage } from './language.js';

export interface ErrorLike {
  readonly code: string;
  readonly message?: string;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

export interface ErrorText {
  readonly vi: string;
  readonly en: string;
}

/** What the user can do about the errors they meet in the extension (added to the catalogue message). */
const HINTS: Partial<Record<string, ErrorText>> = {
  PIN_LOCKED: {
    vi: 'Token bị khóa do nhập sai PIN nhiều lần; liên hệ quản trị hoặc nhà cung cấp chứng thư số để mở khóa.',
    en: 'The token locked after too many wrong PINs; ask your administrator or certificate provider to unlock it.',
  },
  TOKEN_ABSENT: { vi: 'Cắm token (USB ký số) vào máy rồi thử lại.', en: 'Plug in the token and try again.' },
  DAEMON_UNREACHABLE: {
    vi: 'Hãy khởi động dịch vụ vanthu (lệnh "vanthu start") rồi thử lại.',
    en: 'Start the vanthu service ("vanthu start") and try again.',
  },
  NOT_PAIRED: {
    vi: 'Mở Tùy chọn của tiện ích → Ghép nối, nhập mã do lệnh "vanthu pair" hiển thị.',
    en: 'Open the extension options → Pairing and enter the code shown by "vanthu pair".',
  },
  PAIRING_FAILED: {
    vi: 'Chạy lại "vanthu pair" để lấy mã mới rồi nhập lại trong Tùy chọn.',
    en: 'Run "vanthu pair" again for a new code and enter it in the options.',
  },
  VERSION_MISMATCH: {
    vi: 'Cập nhật tiện ích và dịch vụ vanthu lên cùng phiên bản.',
    en: 'Update the extension and the vanthu service to matching versions.',
  },
  SEAL_REQUIRES_APPROVER: {
    vi: 'Văn bản cần được người có thẩm quyền ký số trước khi cấp số và đóng dấu.',
    en: 'The competent person must sign the document before it is numbered and sealed.',
  },
};

function pinTries(details: ErrorLike['details']): ErrorText | undefined {
  const left = details?.['triesLeft'] ?? details?.['retriesLeft'];
  if (typeof left === 'number') return { vi: `Còn ${left} lần thử.`, en: `${left} tries left.` };
  const flags = Array.isArray(details?.['pinFlags']) ? (details['pinFlags'] as unknown[]) : [];
  if (flags.includes('FINAL_TRY')) {
    return {
      vi: 'Chỉ còn một lần thử: nhập sai lần nữa token sẽ bị khóa.',
      en: 'One try left: another wrong PIN locks the token.',
    };
  }
  if (flags.includes('COUNT_LOW')) {
    return {
      vi: 'Số lần thử còn lại ít; hãy kiểm tra kỹ PIN.',
      en: 'Few tries left; check the PIN carefully.',
    };
  }
  return undefined;
}

/** Vietnamese and English text for an error from the daemon or the extension itself (plain words, no jargon). */
export function describeError(error: ErrorLike): ErrorText {
  if (!isErrorCode(error.code)) {
    return { vi: error.message ?? `Lỗi ${error.code}`, en: error.message ?? `Error ${error.code}` };
  }
  const base = ERROR_CATALOGUE[error.code];
  const extra = error.code === 'PIN_INCORRECT' ? pinTries(error.details) : HINTS[error.code];
  return extra
    ? { vi: `${base.vi}. ${extra.vi}`, en: `${base.en}. ${extra.en}` }
    : { vi: `${base.vi}.`, en: `${base.en}.` };
}

/** One line for the UI, in the screen's language only (never "vi — en"). */
export function errorLine(error: ErrorLike): string {
  return describeError(error)[uiLanguage()];
}

/**
 * The technical detail for "Chi tiết": the code, the daemon's message and its detail (often English,
 * e.g. "the trailer has an /Encrypt entry"); undefined when there is nothing beyond the code's text.
 */
export function errorDetail(error: ErrorLike): string {
  const detail = typeof error.details?.['detail'] === 'string' ? error.details['detail'] : undefined;
  return [error.code, error.message, detail].filter((x) => x && x.length > 0).join(' · ');
}
