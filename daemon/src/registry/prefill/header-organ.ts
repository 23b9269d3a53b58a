import { segments, type TextLine } from '../../pdf/text/extract.js';

/** The issuing organisation named at the top left, and the governing body above it when there is one. */
export interface HeaderOrgan {
  readonly issuer: string;
  readonly governing?: string;
}

/** The quốc hiệu and tiêu ngữ: the right-hand column of the header, never an organisation. */
const NATIONAL = /^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc)$/iu;
const NUMBER = /^Số(?=[\s:]|$)/u;
/** "…, ngày … tháng … năm …": the right-hand column of the number line. */
const DATE = /ngày\s+\S*\s*tháng/iu;
const RULE = /^[_\-–—=.*\s]+$/u;
/** A line starting with an administrative unit continues the name above it ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ CẦN THƠ"). */
const UNIT = /^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)(?=\s|$)/u;

const clean = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const isCapitals = (text: string) => /\p{L}/u.test(text) && text === text.toLocaleUpperCase('vi');

/**
 * The organisation name of NĐ 30 Phụ lục I: the capitals block at the top left, above "Số:". Its
 * lower line is the issuer and the upper the governing body ("UBND THÀNH PHỐ CẦN THƠ" / "SỞ NỘI VỤ"),
 * unless the lower line only continues the upper one with its locality ("ỦY BAN NHÂN DÂN" /
 * "THÀNH PHỐ CẦN THƠ": one issuer). Lines are the first page's, top to bottom.
 */
export function organFromHeader(lines: readonly TextLine[]): HeaderOrgan | undefined {
  const names: string[] = [];
  for (const line of lines) {
    const parts = segments(line)
      .map((s) => clean(s.text))
      .filter((t) => t && !NATIONAL.test(t) && !RULE.test(t));
    const left = parts[0];
    if (left === undefined) continue;
    if (NUMBER.test(left) || DATE.test(left) || !isCapitals(left)) break;
    names.push(left);
  }
  if (names.length === 0) return undefined;
  const last = names.length - 1;
  const cut = last > 0 && UNIT.test(names[last] ?? '') ? last - 1 : last;
  const issuer = names.slice(cut).join(' ');
  const governing = names.slice(0, cut).join(' ');
  return governing ? { issuer, governing } : { issuer };
}
