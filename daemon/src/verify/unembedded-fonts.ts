import type { PdfDict, PdfReader } from '../pdf/reader/index.js';

const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'];
/** A page with more fonts than this is not inspected further (the check stays cheap). */
const MAX_FONTS = 200;

/** A font's descriptor: its own, or its first descendant's (Type0). */
function descriptorOf(reader: PdfReader, font: PdfDict): PdfDict | undefined {
  const own = reader.dict(font.get('FontDescriptor'));
  if (own) return own;
  const kids = reader.resolve(font.get('DescendantFonts'));
  const first = Array.isArray(kids) ? reader.dict(kids[0]) : undefined;
  return first ? reader.dict(first.get('FontDescriptor')) : undefined;
}

/**
 * The base names of the fonts in a page's /Resources /Font whose glyphs the file does not carry
 * (no /FontFile, /FontFile2 or /FontFile3; Type3 fonts draw their own glyphs). A reader without
 * that font shows another one in its place, so what the signer saw may not be what others see.
 */
export function unembeddedFonts(reader: PdfReader, pageIndex: number): string[] {
  const resources = reader.dict(reader.page(pageIndex).resources);
  const fonts = reader.dict(resources?.get('Font'));
  if (!fonts) return [];
  const out = new Set<string>();
  let seen = 0;
  for (const [key, value] of fonts.entries) {
    if (++seen > MAX_FONTS) break;
    const font = reader.dict(value);
    if (!font || font.name('Subtype') === 'Type3') continue;
    const descriptor = descriptorOf(reader, font);
    if (descriptor && FONT_FILES.some((f) => descriptor.get(f) !== undefined)) continue;
    out.add(font.name('BaseFont') ?? key);
  }
  return [...out];
}

/** One warning per signed page whose fonts are not all embedded, naming them. */
export function unembeddedFontWarnings(reader: PdfReader, pages: readonly number[]): string[] {
  const out: string[] = [];
  for (const page of [...new Set(pages)].sort((a, b) => a - b)) {
    let names: string[];
    try {
      names = unembeddedFonts(reader, page - 1);
    } catch {
      continue;
    }
    if (names.length > 0)
      out.push(
        `page ${page} uses fonts that are not embedded (${names.join(', ')}): other readers may show the text differently / trang ${page} dùng phông chữ không được nhúng (${names.join(', ')}), máy khác có thể hiển thị văn bản khác đi`,
      );
  }
  return out;
}
