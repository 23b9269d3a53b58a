import { type FieldObject, normalizeDate, parseNumberNotation } from '@vanthu/shared/domain/index';

/** Type names written in capitals above the subject (NĐ30 PL I: tên loại văn bản). */
const TYPE_NAMES = [
  'NGHỊ QUYẾT',
  'QUYẾT ĐỊNH',
  'CHỈ THỊ',
  'QUY CHẾ',
  'QUY ĐỊNH',
  'THÔNG CÁO',
  'THÔNG BÁO',
  'HƯỚNG DẪN',
  'CHƯƠNG TRÌNH',
  'KẾ HOẠCH',
  'PHƯƠNG ÁN',
  'ĐỀ ÁN',
  'DỰ ÁN',
  'BÁO CÁO',
  'BIÊN BẢN',
  'TỜ TRÌNH',
  'HỢP ĐỒNG',
  'CÔNG ĐIỆN',
  'BẢN GHI NHỚ',
  'BẢN THỎA THUẬN',
  'GIẤY ỦY QUYỀN',
  'GIẤY MỜI',
  'GIẤY GIỚI THIỆU',
  'GIẤY NGHỈ PHÉP',
  'PHIẾU GỬI',
  'PHIẾU CHUYỂN',
  'PHIẾU BÁO',
  'THƯ CÔNG',
];

const NUMBER_LINE = /Số\s*:?\s*(\d{1,11})?\s*\/\s*([\p{Lu}\d][\p{Lu}\p{Ll}\d-]*)/u;
const DATE_LINE = /ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
const SUBJECT_START = /^(V\/v|Về việc)\b/u;
/** The date under the quốc hiệu: "<địa danh>, ngày … tháng … năm …" (a law cited in the body has no comma before "ngày"). */
const PLACE_DATE = /\p{L}[\p{L} .'-]{0,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/iu;
/** Where a trích yếu wrapped over several lines ends: the body, a rule line, a capitals heading. */
const SUBJECT_END = /^(Căn cứ|Kính gửi|Điều|Chương|Phần|Theo|Xét)\b|^[_\-–—=.*\s]+$/u;
const MAX_SUBJECT_LINES = 5;

/** "QUYẾT ĐỊNH" → "Quyết định" (the catalogue writes type names in sentence case). */
function sentenceCase(text: string): string {
  const lower = text.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/**
 * Số, ký hiệu, ngày, tên loại and trích yếu read from the first page's text lines (top to bottom),
 * as NĐ30 PL I lays out an administrative document. A number still blank (a draft) is left out.
 */
export function fieldsFromText(lines: readonly string[]): FieldObject {
  const out: FieldObject = {};
  const texts = lines.map((l) => l.normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
  for (const line of texts) {
    const m = NUMBER_LINE.exec(line);
    if (!m) continue;
    if (m[1]) {
      const parsed = parseNumberNotation(`${m[1]}/${m[2]}`);
      if (parsed) {
        out['CodeNumber'] = parsed.number;
        out['CodeNotation'] = parsed.notation;
      }
    } else {
      const parsed = parseNumberNotation(`1/${m[2]}`);
      if (parsed) out['CodeNotation'] = parsed.notation;
    }
    break;
  }
  const typeIndex = texts.findIndex(
    (l) => TYPE_NAMES.includes(l.toLocaleUpperCase('vi')) && l === l.toLocaleUpperCase('vi'),
  );
  const issued = issuedDate(texts, typeIndex);
  if (issued) out['IssuedDate'] = issued;
  if (typeIndex >= 0) out['TypeName'] = sentenceCase(texts[typeIndex]!);
  // Trích yếu: "V/v …" under the number (công văn), or the line(s) under the type name.
  const start = texts.findIndex((l) => SUBJECT_START.test(l));
  const from = start >= 0 ? start : typeIndex >= 0 ? typeIndex + 1 : -1;
  if (from >= 0 && from < texts.length) {
    const subject = texts[from]!;
    if (!NUMBER_LINE.test(subject) && !DATE_LINE.test(subject) && !/^(Căn cứ|Kính gửi|Điều)\b/u.test(subject))
      out['Subject'] = subjectLines(texts, from).slice(0, 500);
  }
  return out;
}

/**
 * The document's date: the "<địa danh>, ngày … tháng … năm …" line under the quốc hiệu; failing
 * that, a date line above the type name or trích yếu (the header), never a date cited in the body.
 */
function issuedDate(texts: readonly string[], typeIndex: number): string | undefined {
  for (const line of texts) {
    const m = PLACE_DATE.exec(line);
    const iso = m && normalizeDate(`${m[1]}/${m[2]}/${m[3]}`);
    if (iso) return iso;
  }
  const subjectIndex = texts.findIndex((l) => SUBJECT_START.test(l));
  const headerEnd = [typeIndex, subjectIndex]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b), texts.length);
  for (const line of texts.slice(0, headerEnd)) {
    const m = DATE_LINE.exec(line);
    const iso = m && normalizeDate(`${m[1]}/${m[2]}/${m[3]}`);
    if (iso) return iso;
  }
  return undefined;
}

/** The trích yếu with the lines it wrapped onto ("…thành phố Cần" / "Thơ"), up to the body. */
function subjectLines(texts: readonly string[], from: number): string {
  const parts = [texts[from]!];
  for (let i = from + 1; i < texts.length && parts.length < MAX_SUBJECT_LINES; i++) {
    const line = texts[i]!;
    const capitals = /\p{L}/u.test(line) && line === line.toLocaleUpperCase('vi');
    if (SUBJECT_END.test(line) || capitals || NUMBER_LINE.test(line) || DATE_LINE.test(line)) break;
    parts.push(line);
  }
  return parts.join(' ');
}
