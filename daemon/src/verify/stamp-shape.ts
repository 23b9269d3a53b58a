import { PdfDict, type PdfReader, PdfStream } from '../pdf/reader/index.js';
import { scanContent } from './content-ops.js';
import { dictAtRev } from './field-kinds.js';

/** Our number and date stamps are one line of body text: never taller or wider than this (points). */
export const STAMP_MAX_HEIGHT = 40;
export const STAMP_MAX_WIDTH = 360;
/** Operators a text-only appearance may use: text, colour, state, marked content. */
const TEXT_OPERATORS = new Set([
  'BT',
  'ET',
  'Tf',
  'Td',
  'TD',
  'Tm',
  'T*',
  'Tj',
  'TJ',
  "'",
  '"',
  'Tc',
  'Tw',
  'Tz',
  'TL',
  'Ts',
  'Tr',
  'g',
  'G',
  'rg',
  'RG',
  'k',
  'K',
  'cs',
  'CS',
  'sc',
  'scn',
  'SC',
  'SCN',
  'q',
  'Q',
  'cm',
  'BMC',
  'BDC',
  'EMC',
  'MP',
  'DP',
]);
const DECODED_CAP = 1024 * 1024;

/**
 * Is this read-only text widget shaped as our seal step writes the document number and date
 * (sign/roles.ts planStamps): on the first page, in its upper half (the header, where "Số:" and
 * "…, ngày … tháng … năm …" are printed), one line high and bounded in width, with an appearance
 * that only draws text. Anything else, even named SoVanBan, is a form field added after signing.
 * Returns the reason it is not, or undefined when it is.
 */
export function stampShapeProblem(
  reader: PdfReader,
  widget: PdfDict,
  r: number,
  pageIndex: number,
  mediaBox: [number, number, number, number] | undefined,
): string | undefined {
  if (pageIndex !== 0) return 'it is not on the first page';
  const rect = reader.resolveAt(widget.get('Rect'), r);
  // Stryker disable next-line ArrayDeclaration: any array other than four numbers is refused alike
  const n = Array.isArray(rect) ? rect.map((v) => reader.resolveAt(v, r)) : [];
  if (n.length !== 4 || !n.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return 'its /Rect is not four numbers';
  const [x1, y1, x2, y2] = n as number[];
  const width = Math.abs(x2! - x1!);
  const height = Math.abs(y2! - y1!);
  if (height > STAMP_MAX_HEIGHT || width > STAMP_MAX_WIDTH)
    return `it is ${Math.round(width)} × ${Math.round(height)} pt, larger than one line of text`;
  if (mediaBox) {
    const [, lly, , ury] = mediaBox;
    if (Math.min(y1!, y2!) < lly + (ury - lly) / 2) return 'it is not in the header of the page';
  }
  const ap = dictAtRev(reader, widget.get('AP'), r);
  if (ap?.has('D') || ap?.has('R')) return 'it has a down or rollover appearance';
  const normal = reader.resolveAt(ap?.get('N'), r);
  if (!(normal instanceof PdfStream)) return 'its appearance is not one stream';
  const res = dictAtRev(reader, normal.dict.get('Resources'), r) ?? new PdfDict();
  for (const key of res.entries.keys()) {
    if (key !== 'Font' && key !== 'ProcSet') return `its appearance uses /${key} resources`;
  }
  // A Type3 glyph is a content stream of its own: it could paint anything, a white box included.
  const fonts = dictAtRev(reader, res.get('Font'), r);
  for (const [key, f] of fonts?.entries ?? []) {
    const subtype = dictAtRev(reader, f, r)?.name('Subtype');
    if (subtype !== 'Type0' && subtype !== 'TrueType' && subtype !== 'Type1')
      return `its appearance uses the /${subtype ?? '?'} font /${key}`;
  }
  let data: Uint8Array;
  try {
    data = reader.streamData(normal, DECODED_CAP);
  } catch {
    return 'its appearance cannot be decoded';
  }
  const scan = scanContent(data);
  if (scan.unreadable) return 'its appearance cannot be read';
  for (const op of scan.operators) if (!TEXT_OPERATORS.has(op)) return `its appearance draws with "${op}"`;
  return undefined;
}
