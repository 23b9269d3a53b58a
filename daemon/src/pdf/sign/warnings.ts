import type { Lang } from '@vanthu/shared/errors/index';

/**
 * What the signing engine tells the user about a signature it made anyway: a code and its
 * parameters, worded only when shown (CLI, signing window), in one language at a time.
 */
export type SignWarning =
  | { code: 'XREF_REPAIRED' }
  | { code: 'PDF_VERSION_RAISED'; from: string; to: string }
  | { code: 'CERTIFIED_NEW_FIELDS'; permission: number }
  | { code: 'SIGNATURE_IMAGE_NOT_BLUE' }
  | { code: 'SEAL_IMAGE_NOT_RED' }
  | { code: 'SEAL_TEXT_LEFT_OUT' }
  | { code: 'NOTATION_DIFFERS'; printed: string; given: string }
  | { code: 'TOP_RIGHT_TEXT_MAY_COVER' }
  | { code: 'RECEIPT_IN_TOP_MARGIN' }
  | { code: 'RECEIPT_IN_LEFT_MARGIN' };

export type SignWarningCode = SignWarning['code'];

type Params<C extends SignWarningCode> = Omit<Extract<SignWarning, { code: C }>, 'code'>;
type Wording = { [C in SignWarningCode]: { vi: (p: Params<C>) => string; en: (p: Params<C>) => string } };

/** The catalogue: every code in Vietnamese and in English. */
export const SIGN_WARNING_TEXTS: Wording = {
  XREF_REPAIRED: {
    vi: () =>
      'Bảng tham chiếu của tệp PDF ghi sai vị trí: các đối tượng được tìm lại bằng cách quét tệp, bản cập nhật ký ghi đúng vị trí của từng đối tượng',
    en: () =>
      "The PDF's cross-reference offsets were wrong: objects were found by scanning the file, and the signing update records each at its real offset",
  },
  PDF_VERSION_RAISED: {
    vi: ({ from, to }) =>
      `Tệp PDF ${from} được nâng lên PDF ${to} trong lần ký (khoản 5 Điều 9 Quy chế ban hành kèm Quyết định 1637/QĐ-UBND yêu cầu PDF từ phiên bản 1.4 trở lên)`,
    en: ({ from, to }) =>
      `The PDF ${from} file was raised to PDF ${to} when signed: electronic documents must be PDF 1.4 or later`,
  },
  CERTIFIED_NEW_FIELDS: {
    vi: ({ permission }) =>
      `Tài liệu đã được chứng thực (mức ${permission}): ô số và ngày là trường biểu mẫu mới, một số phần mềm kiểm tra coi đó là thay đổi không được phép`,
    en: ({ permission }) =>
      `The document is certified (level ${permission}): the number and date are new form fields, which some validators count as a change it does not permit`,
  },
  SIGNATURE_IMAGE_NOT_BLUE: {
    vi: () => 'Ảnh chữ ký không chủ yếu màu xanh',
    en: () => 'The signature image is not mainly blue',
  },
  SEAL_IMAGE_NOT_RED: {
    vi: () => 'Ảnh con dấu không chủ yếu màu đỏ',
    en: () => 'The seal image is not mainly red',
  },
  SEAL_TEXT_LEFT_OUT: {
    vi: () => 'Không còn chỗ trống cho tên cơ quan và thời gian ký bên con dấu, nên đã bỏ qua',
    en: () => 'No free space beside the seal for the organisation name and signing time: they were left out',
  },
  NOTATION_DIFFERS: {
    vi: ({ printed, given }) => `Ký hiệu in sẵn "${printed}" khác ký hiệu được cấp "${given}"`,
    en: ({ printed, given }) => `The printed notation "${printed}" differs from the one given, "${given}"`,
  },
  TOP_RIGHT_TEXT_MAY_COVER: {
    vi: () => 'Không còn chỗ trống ở góc trên bên phải: các dòng ghi thêm có thể đè lên nội dung trang',
    en: () => "No free space at the top right: the added lines may cover the page's text",
  },
  RECEIPT_IN_TOP_MARGIN: {
    vi: () => 'Dấu ĐẾN được đặt ở lề trên',
    en: () => 'The arrival stamp was placed in the top margin',
  },
  RECEIPT_IN_LEFT_MARGIN: {
    vi: () => 'Dấu ĐẾN được đặt ở lề trái',
    en: () => 'The arrival stamp was placed in the left margin',
  },
};

/** The warning in `lang` only. */
export function signWarningText(warning: SignWarning, lang: Lang): string {
  const wording = SIGN_WARNING_TEXTS[warning.code][lang] as (p: SignWarning) => string;
  return wording(warning);
}

/** Every warning of a signature, worded in `lang`. */
export function signWarningTexts(warnings: readonly SignWarning[], lang: Lang): string[] {
  return warnings.map((w) => signWarningText(w, lang));
}
