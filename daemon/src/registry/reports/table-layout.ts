/** Width of a text at 1 pt in the table's font (SubsetFont.measure). */
export type Measure = (text: string) => number;

/** Inset of a cell's text from each of its vertical borders, pt. */
export const CELL_PAD = 2;
/** Most of the row a column's widest unbreakable word may claim before it is broken instead. */
const MAX_WORD_SHARE = 0.25;
/** Smallest font a table is shrunk to so that its dates and numbers stay whole. */
const MIN_SIZE = 7;

export interface TableLayout {
  /** Font size of the header and the body, pt. */
  size: number;
  /** Column widths, pt, summing to the usable width. */
  widths: number[];
  /** The lines of `text` inside column `column`: no line is wider than the column minus its insets. */
  wrap(text: string, column: number): string[];
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);

/**
 * Columns for a table of `usable` pt: proportional to how much each column holds (as before), but
 * never narrower than its widest word (a date, a số ký hiệu, an organisation's longest word), so those
 * are never cut or spilled into the next column. When the words cannot all fit at `size`, the font
 * shrinks (down to 7 pt); a word still wider than its column (a long address) is broken between
 * characters. Every line is measured with the font.
 */
export function layoutTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  usable: number,
  measure: Measure,
  size: number,
): TableLayout {
  const columns = header.map((h, i) => [h, ...rows.map((r) => r[i] ?? '')]);
  const weights = columns.map((cells) => Math.max(...cells.map((c) => Math.min(c.length, 60)), 6));
  // The widest word of each column at 1 pt; a floor of six figures keeps an empty column signable.
  const widestWord = columns.map((cells) =>
    Math.max(measure('000000'), ...cells.flatMap(words).map((w) => measure(w))),
  );
  const cap = usable * MAX_WORD_SHARE;
  const minimumAt = (s: number) => widestWord.map((w) => Math.min(w * s + 2 * CELL_PAD, cap));
  let fitted = size;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  while (fitted > MIN_SIZE && sum(minimumAt(fitted)) > usable) fitted = Math.max(MIN_SIZE, fitted - 0.5);
  const widths = distribute(weights, minimumAt(fitted), usable);
  return {
    size: fitted,
    widths,
    wrap: (text, column) => wrapText(text, widths[column]! - 2 * CELL_PAD, (t) => measure(t) * fitted),
  };
}

/**
 * `usable` shared in proportion to `weights`, every column at least its minimum: a column held at its
 * minimum leaves the rest to the others, in proportion again. When the minimums alone exceed `usable`
 * they are scaled down together (their words are then broken).
 */
function distribute(weights: number[], minimum: number[], usable: number): number[] {
  const totalMin = minimum.reduce((a, b) => a + b, 0);
  if (totalMin >= usable) return minimum.map((m) => (m / totalMin) * usable);
  const held = new Set<number>();
  for (;;) {
    const free = usable - [...held].reduce((a, i) => a + minimum[i]!, 0);
    const weight = weights.reduce((a, w, i) => (held.has(i) ? a : a + w), 0);
    const widths = weights.map((w, i) => (held.has(i) ? minimum[i]! : (w / weight) * free));
    const short = widths.findIndex((w, i) => !held.has(i) && w < minimum[i]!);
    if (short < 0) return widths;
    held.add(short);
  }
}

/** Greedy word wrap to `width`; a word wider than `width` alone is broken between characters. */
export function wrapText(text: string, width: number, widthOf: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (word: string) => {
    const next = line ? `${line} ${word}` : word;
    if (widthOf(next) <= width) {
      line = next;
      return;
    }
    if (line) lines.push(line);
    line = '';
    if (widthOf(word) <= width) {
      line = word;
      return;
    }
    for (const ch of word.normalize('NFC')) {
      if (line && widthOf(line + ch) > width) {
        lines.push(line);
        line = '';
      }
      line += ch;
    }
  };
  for (const word of words(text)) push(word);
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
