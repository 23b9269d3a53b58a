import type { TextChar, TextLine } from '../text/extract.js';
import { isItalicRun } from './font-style.js';

/** Where a stamped value goes: baseline start (or anchor) and font size, taken from the page. */
export interface StampSpot {
  x: number;
  y: number;
  size: number;
  align: 'left' | 'center' | 'right';
}

export interface Placeholders {
  /**
   * The number: right-aligned against a printed "/KÝ-HIỆU" when there is one, else after "Số:".
   * It fits between `minX` (the end of "Số:" plus a space) and `maxX` (the printed notation, or
   * the next text on the line); a number too wide for that is shrunk, then starts at `minX`.
   */
  number?: StampSpot & { notationPrinted: string | undefined; minX: number; maxX: number | undefined };
  day?: StampSpot;
  month?: StampSpot;
  /**
   * Where the year's missing digits go: after "năm" when it is blank, right after the printed
   * century ("năm 20", "năm 20…", over the placeholder dots) when one is printed (`printed`).
   */
  year?: StampSpot & { printed: string };
  /** A whole year printed after "năm" ("năm 2025"): nothing is stamped over it. */
  printedYear?: string;
  /** The "…, ngày … tháng … năm …" line is set in italic: the date is stamped in italic too. */
  dateItalic?: boolean;
  /** The "Số:" line (for the receipt stamp). */
  soLine?: { x0: number; y: number; size: number };
}

const isSpace = (c: TextChar | undefined): boolean => !c || /\s/.test(c.ch);

function find(chars: TextChar[], word: string, from = 0): number {
  const text = chars.map((c) => c.ch).join('');
  return text.indexOf(word, from);
}

function nextInk(chars: TextChar[], i: number): number {
  let j = i;
  while (j < chars.length && isSpace(chars[j])) j++;
  return j;
}

/**
 * Finds the blanks of "Số:      /QĐ-UBND" and "…, ngày … tháng … năm …" on page 1 (NĐ30 PL I ô 3
 * and 4), using character positions so values land inside the printed gaps.
 */
export function findPlaceholders(
  lines: TextLine[],
  italicFonts: ReadonlySet<string> = new Set(),
): Placeholders {
  const out: Placeholders = {};
  const sorted = [...lines].sort((a, b) => b.y - a.y);
  for (const line of sorted) {
    const chars = line.chars;
    if (!out.number) {
      const i = find(chars, 'Số:') >= 0 ? find(chars, 'Số:') : find(chars, 'Số :');
      if (i >= 0 && (i === 0 || isSpace(chars[i - 1]))) {
        const colon = find(chars, ':', i);
        const after = chars[colon]!.x1;
        // "plus a space": a quarter of the font size is a space in the common serif faces.
        const minX = after + line.size * 0.25;
        const j = nextInk(chars, colon + 1);
        const next = chars[j];
        let notation: string | undefined;
        if (next && next.ch === '/') {
          let k = j;
          // The notation ends at a space or where the next text starts a new column.
          while (
            k < chars.length &&
            !isSpace(chars[k]) &&
            (k === j || chars[k]!.x0 - chars[k - 1]!.x1 < line.size * 0.5)
          ) {
            k++;
          }
          notation = chars
            .slice(j, k)
            .map((c) => c.ch)
            .join('');
          out.number = {
            x: next.x0,
            y: line.y,
            size: line.size,
            align: 'right',
            notationPrinted: notation,
            minX,
            maxX: next.x0,
          };
        } else {
          out.number = {
            x: minX,
            y: line.y,
            size: line.size,
            align: 'left',
            notationPrinted: undefined,
            minX,
            maxX: next ? next.x0 - line.size * 0.25 : undefined,
          };
        }
        out.soLine = { x0: chars[i]!.x0, y: line.y, size: line.size };
      }
    }
    if (!out.day) {
      const d = find(chars, 'ngày');
      const m = d >= 0 ? find(chars, 'tháng', d) : -1;
      const y = m >= 0 ? find(chars, 'năm', m) : -1;
      if (d >= 0 && m > d && y > m) {
        const gap = (a: number, aLen: number, b: number): StampSpot => {
          const x0 = chars[a + aLen - 1]!.x1;
          const x1 = chars[b]!.x0;
          return { x: (x0 + x1) / 2, y: line.y, size: line.size, align: 'center' };
        };
        const dayText = chars
          .slice(d + 4, m)
          .map((c) => c.ch)
          .join('');
        const monthText = chars
          .slice(m + 5, y)
          .map((c) => c.ch)
          .join('');
        if (!/\d/.test(dayText)) out.day = gap(d, 4, m);
        if (!/\d/.test(monthText)) out.month = gap(m, 5, y);
        out.dateItalic = isItalicRun(chars.slice(d), italicFonts);
        Object.assign(out, yearSpot(chars, y, line.size, line.y));
      }
    }
  }
  return out;
}

/**
 * The year after "năm" (index `nam` in `chars`): a blank, a printed century to complete ("20",
 * "20…"), or a whole printed year. Dots and spaces after the digits are placeholder, never read.
 */
function yearSpot(
  chars: TextChar[],
  nam: number,
  size: number,
  y: number,
): Pick<Placeholders, 'year' | 'printedYear'> {
  const first = nextInk(chars, nam + 3);
  let end = first;
  while (end < chars.length && end - first < 4 && /\d/.test(chars[end]!.ch)) end++;
  const digits = chars
    .slice(first, end)
    .map((c) => c.ch)
    .join('');
  if (digits.length === 4) return { printedYear: digits };
  if (digits.length > 0) {
    // Right after the last printed digit: the stamped digits continue the number.
    return { year: { x: chars[end - 1]!.x1, y, size, align: 'left', printed: digits } };
  }
  return { year: { x: chars[nam + 2]!.x1 + size * 0.3, y, size, align: 'left', printed: '' } };
}

/** "05/BNV-VP" from "5/BNV-VP": zero-pads a number below 10 (NĐ30 PL I II.3.c). */
export function formatNumber(number: string): { full: string; numeral: string; notation: string } {
  const m = /^\s*(\d+)\s*(\/.*)?$/.exec(number.normalize('NFC'));
  if (!m) return { full: number.trim(), numeral: number.trim(), notation: '' };
  const numeral = m[1]!.length === 1 ? `0${m[1]}` : m[1]!;
  const notation = (m[2] ?? '').replace(/\s+/g, '');
  return { full: numeral + notation, numeral, notation };
}

/** Day, month and year as NĐ30 PL I II.4.b renders them: day < 10 and months 1–2 zero-padded. */
export function formatDateParts(iso: string): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  const day = Number(m[3]);
  const month = Number(m[2]);
  return {
    day: day < 10 ? `0${day}` : String(day),
    month: month <= 2 ? `0${month}` : String(month),
    year: m[1]!,
  };
}
