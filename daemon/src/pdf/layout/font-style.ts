import { type PdfDict, PdfName, type PdfObject, type PdfReader, PdfStream } from '../reader/index.js';
import type { TextChar } from '../text/extract.js';

/** Form XObjects followed into for their fonts, so a hostile page costs little. */
const MAX_FORMS = 64;
const MAX_DEPTH = 4;
/** The Italic bit of a font descriptor's /Flags (ISO 32000-1 §9.8.2, bit 7). */
const ITALIC_FLAG = 64;

/** "ABCDEF+LiberationSerif-Italic" → "LiberationSerif-Italic": the name without its subset tag. */
export function baseName(font: string): string {
  return font.replace(/^[A-Z]{6}\+/, '');
}

const slantedName = (font: string): boolean => /italic|oblique/i.test(font);

/**
 * Names of the italic fonts the page's text may use (its own resources and those of the forms it
 * draws): a font is italic when its name says Italic or Oblique, or its descriptor has a non-zero
 * /ItalicAngle or the Italic flag. Names are given without subset tags, under both the /BaseFont and
 * the descriptor's /FontName, since either can be the name a text reader reports.
 */
export function italicFontNames(reader: PdfReader, pageIndex: number): Set<string> {
  const out = new Set<string>();
  let forms = 0;
  const visit = (resources: PdfObject | undefined, depth: number): void => {
    const res = reader.dict(resources);
    if (!res) return;
    for (const f of reader.dict(res.get('Font'))?.entries.values() ?? []) {
      const font = reader.dict(f);
      if (font) for (const n of italicNames(reader, font)) out.add(n);
    }
    if (depth >= MAX_DEPTH) return;
    for (const x of reader.dict(res.get('XObject'))?.entries.values() ?? []) {
      const form = reader.resolve(x);
      if (!(form instanceof PdfStream) || form.dict.name('Subtype') !== 'Form') continue;
      if (++forms > MAX_FORMS) return;
      visit(form.dict.get('Resources'), depth + 1);
    }
  };
  visit(reader.page(pageIndex).resources, 0);
  return out;
}

/** The names under which `font` is known, when it is italic; none when it is upright. */
function italicNames(reader: PdfReader, font: PdfDict): string[] {
  const descendant = reader.resolve(font.get('DescendantFonts'));
  const cid = Array.isArray(descendant) ? reader.dict(descendant[0]) : undefined;
  const descriptor = reader.dict((cid ?? font).get('FontDescriptor'));
  const names = [font.get('BaseFont'), cid?.get('BaseFont'), descriptor?.get('FontName')]
    .map((n) => reader.resolve(n))
    .filter((n): n is PdfName => n instanceof PdfName)
    .map((n) => baseName(n.value));
  const angle = reader.resolve(descriptor?.get('ItalicAngle'));
  const flags = reader.resolve(descriptor?.get('Flags'));
  const italic =
    names.some(slantedName) ||
    (typeof angle === 'number' && angle !== 0) ||
    (typeof flags === 'number' && (flags & ITALIC_FLAG) !== 0);
  return italic ? names : [];
}

/**
 * Whether most of the visible characters are italic: set in an italic font (by `italicFonts`, or by
 * a name saying Italic/Oblique), or slanted by the text matrix.
 */
export function isItalicRun(chars: readonly TextChar[], italicFonts: ReadonlySet<string>): boolean {
  const ink = chars.filter((c) => !/\s/.test(c.ch));
  const slanted = ink.filter(
    (c) =>
      c.oblique === true ||
      (c.font !== undefined && (italicFonts.has(baseName(c.font)) || slantedName(c.font))),
  );
  return ink.length > 0 && slanted.length * 2 > ink.length;
}
