import type { SignPayload } from '@vanthu/shared/protocol/index';
import { say } from '../../i18n/language.js';
import type { ErrorLike } from '../../i18n/errors.js';
import { issuerName } from './chain-warning.js';

export type PadesLevel = NonNullable<SignPayload['level']>;

/** The levels in the window's "Nâng cao" section, each with its one-line explanation. */
export const LEVELS: readonly { level: PadesLevel; vi: string; en: string }[] = [
  {
    level: 'B-B',
    vi: 'chữ ký cơ bản, thời điểm ký lấy theo đồng hồ máy tính.',
    en: 'basic signature; the signing time is the computer clock.',
  },
  {
    level: 'B-T',
    vi: 'kèm dấu thời gian của dịch vụ cấp dấu thời gian, chứng minh thời điểm ký.',
    en: 'with a timestamp from the timestamp authority, proving when it was signed.',
  },
  {
    level: 'B-LT',
    vi: 'kèm dữ liệu kiểm tra dài hạn (chứng thư, OCSP/CRL) để còn kiểm tra được khi chứng thư hết hạn hoặc không có mạng.',
    en: 'with long-term validation data (certificates, OCSP/CRL), still verifiable after the certificate expires or offline.',
  },
  {
    level: 'B-LTA',
    vi: 'kèm dữ liệu kiểm tra dài hạn và dấu thời gian lưu trữ, cho hồ sơ lưu trữ lâu dài.',
    en: 'with long-term validation data and an archive timestamp, for records kept for many years.',
  },
];

/** Levels above B-B are timestamped first: they need the office's TSA (config signing.tsa). */
export const needsTimestamp = (level: PadesLevel): boolean => level !== 'B-B';

/**
 * A failure of the validation data at B-LT / B-LTA, naming the certificate whose revocation data
 * could not be had: the one the daemon names, else the signer's own (`signer`, e.g. when the trust
 * configuration fetches nothing at all; "Chi tiết" says why). Undefined for any other error.
 */
export function levelErrorLine(error: ErrorLike, level: PadesLevel, signer?: string): string | undefined {
  if (level !== 'B-LT' && level !== 'B-LTA') return undefined;
  if (error.code !== 'REVOCATION_UNAVAILABLE') return undefined;
  const named = error.details?.['certificate'];
  const certificate = typeof named === 'string' ? named : signer;
  if (!certificate) return undefined;
  const name = issuerName(certificate);
  return say(
    `Không ký được ở mức ${level}: không lấy được dữ liệu kiểm tra thu hồi (OCSP hoặc CRL) của chứng thư "${name}". Văn bản giữ nguyên như trước khi ký; có thể chọn mức B-T trong mục Nâng cao.`,
    `Could not sign at ${level}: no revocation data (OCSP or CRL) could be had for the certificate "${name}". The document is unchanged; you can choose level B-T under Advanced.`,
  );
}
