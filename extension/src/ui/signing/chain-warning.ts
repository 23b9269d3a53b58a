import { say } from '../../i18n/language.js';

/** "CN=vanthu Demo Issuing CA, O=vanthu demo, C=VN" → "vanthu Demo Issuing CA" (the DN when it has no CN). */
export function issuerName(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;
}

/**
 * The warning for a certificate whose chain cannot be completed (tokens.list chainMissingIssuer),
 * in the screen's language: signing stays possible, but a recipient holding only the root cannot
 * validate the signature.
 */
/** The same warning again where the PIN is asked, short: the full text stands beside the certificate. */
export function chainWarningReminder(missingIssuer: string): string {
  const name = issuerName(missingIssuer);
  return say(
    `Lưu ý trước khi nhập PIN: chuỗi chứng thư thiếu bên cấp "${name}"; vẫn ký được, nhưng nơi nhận chỉ có chứng thư gốc sẽ không kiểm tra được chữ ký.`,
    `Before you enter the PIN: the certificate chain lacks the issuer "${name}"; you can still sign, but a recipient holding only the root cannot validate the signature.`,
  );
}

export function chainWarningLine(missingIssuer: string): string {
  const name = issuerName(missingIssuer);
  return say(
    `Chuỗi chứng thư chưa đầy đủ: không tìm thấy chứng thư của bên cấp "${name}" (trên token, trong cấu hình hay qua địa chỉ của bên cấp). Vẫn ký được, nhưng nơi nhận chỉ có chứng thư gốc sẽ không kiểm tra được chữ ký; hãy báo quản trị bổ sung chứng thư trung gian.`,
    `Incomplete certificate chain: the issuer "${name}" was found neither on the token, in the configuration nor at its published address. You can still sign, but a recipient holding only the root cannot validate the signature; ask your administrator to add the intermediate certificate.`,
  );
}
