import { uiLanguage } from '../i18n/language.js';

/**
 * The verification report's technical lines (errors and warnings, in English as docs/verify.md lists
 * them, some "English / Vietnamese") said in Vietnamese for the screen; the raw line stays available
 * behind "Chi tiết". Field names (CaNhan, CoQuan…) are said as the signature's role.
 */
type Phrase = readonly [RegExp, (m: RegExpExecArray, field: (name: string) => string) => string];

const PHRASES: readonly Phrase[] = [
  [
    /^revision (\d+): page (\d+) \/Contents changed$/,
    (m) => `Lần cập nhật ${m[1]}: nội dung trang ${m[2]} bị thay đổi`,
  ],
  [
    /^revision (\d+): page count changed from (\d+) to (\d+)$/,
    (m) => `Lần cập nhật ${m[1]}: số trang đổi từ ${m[2]} thành ${m[3]}`,
  ],
  [
    /^revision (\d+): page (\d+): unsigned signature field "(.*)" added with a visible appearance$/,
    (m) => `Lần cập nhật ${m[1]}: trang ${m[2]} có thêm một ô chữ ký chưa ký nhưng hiện trên trang`,
  ],
  [
    /^revision (\d+): the catalog was replaced/,
    (m) => `Lần cập nhật ${m[1]}: cấu trúc gốc của tài liệu bị thay thế`,
  ],
  [/^revision (\d+): object (\d+) deleted$/, (m) => `Lần cập nhật ${m[1]}: một thành phần của tệp bị xóa`],
  [
    /^revision (\d+): object (\d+)(?: \(.*\))? changed/,
    (m) => `Lần cập nhật ${m[1]}: một thành phần của tệp bị thay đổi`,
  ],
  [
    /AcroForm \/NeedAppearances set after signing/,
    () => 'Sau khi ký, biểu mẫu bị đặt để trình xem vẽ lại các ô',
  ],
  [/AcroForm \/DR \/Font \S+ changed after signing/, () => 'Sau khi ký, phông chữ của biểu mẫu bị thay đổi'],
  [/^revision (\d+)/, (m) => `Lần cập nhật ${m[1]}: có thay đổi không được phép sau khi ký`],
  [
    /^the widgets of (\S+) and (\S+) overlap$/,
    (m, field) => `Hình chữ ký của ${field(m[1] ?? '')} và ${field(m[2] ?? '')} chồng lên nhau`,
  ],
  [
    /^the organisation signature (\S+) precedes the person signature (\S+)$/,
    (m, field) => `Chữ ký ${field(m[1] ?? '')} có trước chữ ký ${field(m[2] ?? '')}`,
  ],
  [
    /^approver signature without a signature image$/,
    () => 'Chữ ký của người có thẩm quyền không có hình chữ ký',
  ],
  [
    /^approver signature made with an organisation certificate$/,
    () => 'Người có thẩm quyền ký bằng chứng thư số của cơ quan',
  ],
  [/^seal signature made with a personal certificate$/, () => 'Con dấu được ký bằng chứng thư số cá nhân'],
  [
    /^the certificate lacks non-repudiation/,
    () => 'Chứng thư số không có mục đích chống chối bỏ (chỉ dùng cho chữ ký số thông thường)',
  ],
  [
    /^the certificate has expired since signing/,
    () => 'Chứng thư số đã hết hạn sau khi ký và không có dấu thời gian chứng minh thời điểm ký',
  ],
  [/^annotations were added after signing/, () => 'Sau khi ký có thêm ghi chú (chính sách cho phép)'],
  [/signing-time attribute/, () => 'Chữ ký ghi thời điểm ký theo cách chuẩn PAdES không cho phép'],
  [/cross-reference data is damaged/, () => 'Bảng tham chiếu của tệp bị hỏng; tệp đã được đọc lại'],
  [
    /^the file was repaired/,
    () => 'Tệp bị hỏng ở lần ký này: không xác định được đầy đủ nội dung người ký đã thấy',
  ],
  [/changes cannot be analysed/, () => 'Không phân tích được các thay đổi sau khi ký'],
  [/too many changed objects/, () => 'Quá nhiều thay đổi sau khi ký, không phân tích hết được'],
  [/^SHA-1 digest/, () => 'Dùng hàm băm SHA-1, không còn đủ an toàn'],
  [/^non-zero bytes follow the CMS/, () => 'Vùng chữ ký có dữ liệu thừa sau chữ ký'],
  [
    /^CA certificate .* was not valid at the signing time$/,
    () => 'Chứng thư của tổ chức cấp không còn hiệu lực lúc ký',
  ],
];

const VIETNAMESE = /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i;

/** The Vietnamese half of an "English / Vietnamese" pair the daemon sends in places. */
function vietnameseHalf(line: string): string | undefined {
  const parts = line.split(' / ');
  if (parts.length !== 2) return undefined;
  const [en, vi] = parts as [string, string];
  return VIETNAMESE.test(vi) && !VIETNAMESE.test(en) ? vi : undefined;
}

/** The English half of an "English / Vietnamese" pair, or a line with no Vietnamese in it. */
function englishLine(line: string): string | undefined {
  const parts = line.split(' / ');
  const [en, vi] = parts as [string, string];
  if (parts.length === 2 && VIETNAMESE.test(vi) && !VIETNAMESE.test(en)) return en;
  return VIETNAMESE.test(line) ? undefined : line;
}

/**
 * The line in the screen's language: the Vietnamese phrase, or for an English reader the daemon's
 * own English (docs/verify.md's wording); `undefined` when there is none (the raw line then stays
 * behind "Chi tiết").
 */
export function reportLine(line: string, field: (name: string) => string = (n) => n): string | undefined {
  if (uiLanguage() === 'en') {
    const en = englishLine(line);
    return en && en.charAt(0).toUpperCase() + en.slice(1);
  }
  return reportLineVi(line, field);
}

/**
 * The line in Vietnamese; `undefined` when no phrase is known for it (the screen then says that
 * there is a technical note and shows the raw line only behind "Chi tiết").
 */
export function reportLineVi(line: string, field: (name: string) => string = (n) => n): string | undefined {
  const half = vietnameseHalf(line);
  if (half) return half.charAt(0).toUpperCase() + half.slice(1);
  for (const [pattern, say] of PHRASES) {
    const m = pattern.exec(line);
    if (m) return say(m, field);
  }
  return VIETNAMESE.test(line) ? line : undefined;
}
