import { type Box, freeBelow, isFree } from './free-space.js';

import { type Measure, twoLineSplits } from './name-lines.js';

export type { Measure } from './name-lines.js';

/** One line of the stamp, in the stamp's own coordinates; `x` is the left end or the centre. */
export interface ReceiptLine {
  text: string;
  x: number;
  y: number;
  size: number;
  align: 'left' | 'center';
}

export interface ReceiptContent {
  organization: string;
  /** Số đến and ngày đến (dd/MM/yyyy), empty when the clerk writes them by hand. */
  number: string;
  date: string;
}

/** The stamp at one size: its box's width and height and its lines. */
export interface ReceiptShape {
  size: number;
  width: number;
  height: number;
  lines: ReceiptLine[];
}

export type ReceiptWhere = 'under-number' | 'top-margin' | 'left-margin';

export interface ReceiptPlacement {
  where: ReceiptWhere;
  box: Box;
  shape: ReceiptShape;
}

export interface ReceiptRequest extends ReceiptContent {
  /** The page's crop box and text boxes; the stamp keeps inside the one and off the others. */
  page: Box;
  taken: readonly Box[];
  /** The "Số, ký hiệu" line of page 1: its left end, baseline and font size. */
  numberLine?: { x0: number; y: number; size: number };
}

/** No line of the stamp is set smaller than this: below it a clerk cannot read it. */
export const RECEIPT_MIN_SIZE = 8;
const SIZES = [9, 8.5, RECEIPT_MIN_SIZE];
/** The NĐ 30 box is 141.7 pt wide at 9 pt: 15.74 em. */
const STANDARD_EM_WIDTH = 141.7 / 9;
/** Clearance of the page edge above and beside a margin stamp (6 mm, 5 mm). */
const TOP_EDGE = 17;
const SIDE_EDGE = 14;
const HEADING = 4 / 3;

/**
 * The organisation on one line when it fits, else on two: the best split (place names kept whole,
 * then the most balanced) whose lines fit, or the best split when none does.
 */
export function balancedLines(m: Measure, text: string, width: number, size: number): string[] {
  if (m.measure(text) * size <= width) return [text];
  const splits = twoLineSplits(m, text);
  return splits.find((lines) => lines.every((l) => m.measure(l) * size <= width)) ?? splits[0] ?? [text];
}

const pad = (size: number): number => 0.3 * size + 1.5;

/** Baseline of a line of `size` set in a row `leading` tall whose bottom is `bottom`. */
const baseline = (bottom: number, leading: number, size: number): number =>
  bottom + (leading - 0.95 * size) / 2 + 0.22 * size;

/**
 * The NĐ 30 box (Phụ lục IV mục V): the organisation (two balanced lines when long), "ĐẾN",
 * then Số, Ngày, Chuyển, Số và ký hiệu HS. At least `minWidth` wide, wider when a line needs it;
 * rows `spacing` × their size apart.
 */
export function tallShape(
  m: Measure,
  c: ReceiptContent,
  size: number,
  spacing: number,
  minWidth: number,
): ReceiptShape {
  const rows: [string, string][] = [
    ['Số:', c.number],
    ['Ngày:', c.date],
    ['Chuyển:', ''],
    ['Số và ký hiệu HS:', ''],
  ];
  const inner = (w: number): number => w - 2 * pad(size) - 6;
  const org = balancedLines(m, c.organization, inner(minWidth), size);
  const rowWidth = (r: [string, string]): number =>
    (m.measure(r[0]) + (r[1] ? m.measure(` ${r[1]}`) : 0)) * size;
  const needed = Math.max(...org.map((l) => m.measure(l) * size), ...rows.map(rowWidth));
  const width = Math.max(minWidth, needed + 2 * pad(size) + 6);
  const sized: [string, number, 'left' | 'center'][] = [
    ...org.map((l): [string, number, 'center'] => [l, size, 'center']),
    ['ĐẾN', HEADING * size, 'center'],
    ...rows.map(([l, v]): [string, number, 'left'] => [v ? `${l} ${v}` : l, size, 'left']),
  ];
  const height = 2 * pad(size) + sized.reduce((h, [, s]) => h + spacing * s, 0);
  let top = height - pad(size);
  const lines = sized.map(([text, s, align]): ReceiptLine => {
    const leading = spacing * s;
    top -= leading;
    return {
      text,
      x: align === 'center' ? width / 2 : pad(size) + 3,
      y: baseline(top, leading, s),
      size: s,
      align,
    };
  });
  return { size, width, height, lines };
}

/**
 * The same stamp laid out for a band wider than tall (the top margin): the organisation and
 * "ĐẾN" on the first row, Số, Ngày, Chuyển and Số và ký hiệu HS side by side on the second, with
 * room to write by hand after the empty ones.
 */
export function wideShape(m: Measure, c: ReceiptContent, size: number): ReceiptShape {
  const p = pad(size) + 3;
  const gap = 1.5 * size;
  const hand = 4 * size;
  const heading = HEADING * size;
  const first = [c.organization, 'ĐẾN'];
  const firstWidth = m.measure(c.organization) * size + gap + m.measure('ĐẾN') * heading;
  const fields: [string, string][] = [
    ['Số:', c.number],
    ['Ngày:', c.date],
    ['Chuyển:', ''],
    ['Số và ký hiệu HS:', ''],
  ];
  const texts = fields.map(([l, v]) => (v ? `${l} ${v}` : l));
  const widths = texts.map((t, i) => m.measure(t) * size + (fields[i]![1] ? 0 : hand));
  const secondWidth = widths.reduce((a, b) => a + b, 0) + gap * (widths.length - 1);
  const width = 2 * p + Math.max(firstWidth, secondWidth);
  const rowA = 1.2 * heading;
  const rowB = 1.2 * size;
  const height = 2 * pad(size) + rowA + rowB;
  const yA = baseline(height - pad(size) - rowA, rowA, heading);
  const yB = baseline(pad(size), rowB, size);
  const left = (width - firstWidth) / 2;
  const lines: ReceiptLine[] = [
    { text: first[0]!, x: left, y: yA, size, align: 'left' },
    { text: 'ĐẾN', x: left + m.measure(c.organization) * size + gap, y: yA, size: heading, align: 'left' },
  ];
  let x = p;
  texts.forEach((text, i) => {
    lines.push({ text, x, y: yB, size, align: 'left' });
    x += widths[i]! + gap;
  });
  return { size, width, height, lines };
}

/** Spacious rows first (NĐ 30's 99.2 pt box at 9 pt), then rows closer together. */
const SPACINGS = [1.6, 1.2];

/**
 * Where the ĐẾN stamp goes, every line at 8 pt or more, over no text and inside the page, trying
 * in turn: under "Số, ký hiệu" in the space before the first body line; the top margin, full
 * width above the header (the NĐ 30 box, else a wide two-row form); the left margin. Larger type
 * first at each place. Undefined when none of them has room.
 */
export function placeReceipt(m: Measure, req: ReceiptRequest): ReceiptPlacement | undefined {
  const [llx, lly, pw, ph] = req.page;
  const urx = llx + pw;
  const ury = lly + ph;
  const inPage = (b: Box): boolean => b[0] >= llx && b[1] >= lly && b[0] + b[2] <= urx && b[1] + b[3] <= ury;
  const fits = (b: Box): boolean => inPage(b) && isFree(b, req.taken);
  const tall = SIZES.flatMap((s) => SPACINGS.map((k) => tallShape(m, req, s, k, STANDARD_EM_WIDTH * s)));

  const so = req.numberLine;
  if (so) {
    const x = Math.max(llx + 20, so.x0 - 10);
    const top = so.y - 0.3 * so.size - 2;
    for (const shape of tall) {
      const box: Box = [x, top - shape.height, shape.width, shape.height];
      if (fits(box)) return { where: 'under-number', box, shape };
    }
  }

  const bandTop = ury - TOP_EDGE;
  const wide = SIZES.map((s) => wideShape(m, req, s));
  for (const shape of [...tall, ...wide]) {
    for (let x = llx + SIDE_EDGE; x + shape.width <= urx - SIDE_EDGE; x += 2) {
      const box: Box = [x, bandTop - shape.height, shape.width, shape.height];
      if (fits(box)) return { where: 'top-margin', box, shape };
    }
  }

  // The narrowest box a line allows: the organisation on two lines, the labels' own width.
  const narrow = SIZES.flatMap((s) => SPACINGS.map((k) => tallShape(m, req, s, k, 0)));
  for (const shape of narrow) {
    const box = freeBelow(req.taken, llx + 4, shape.width, shape.height, bandTop, lly + SIDE_EDGE);
    if (box && inPage(box)) return { where: 'left-margin', box, shape };
  }
  return undefined;
}
