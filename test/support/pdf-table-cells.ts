import { execFileSync } from 'node:child_process';

/** A rectangle in top-left coordinates (as pdftotext -bbox gives words), points. */
export interface Box {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text?: string;
}

/** Every word pdftotext finds, with its box and page. */
export function wordBoxes(file: string): Box[] {
  const xml = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words: Box[] = [];
  let page = 0;
  for (const m of xml.matchAll(
    /<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g,
  )) {
    if (m[0] === '<page ') {
      page++;
      continue;
    }
    words.push({ page, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5]! });
  }
  return words;
}

/**
 * The stroked rectangles (`x y w h re S`) each page draws: a table's cells. Read from qpdf's QDF
 * form, whose "%% Contents for page N" comments tie each uncompressed content stream to its page.
 */
export function cellBoxes(file: string, pageHeight: number): Box[] {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('latin1');
  const cells: Box[] = [];
  const parts = qdf.split(/%% Contents for page (\d+)/);
  for (let i = 1; i < parts.length; i += 2) {
    const page = Number(parts[i]);
    const stream = parts[i + 1]!.split('endstream')[0]!;
    for (const m of stream.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re S/g)) {
      const [x, y, w, h] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
      cells.push({ page, x0: x, x1: x + w, y0: pageHeight - (y + h), y1: pageHeight - y });
    }
  }
  return cells;
}

/**
 * Words of a table that are not inside the cell they start in: a word whose middle lies in a cell
 * must lie wholly in it (`tolerance` pt); a word between the table's top and bottom that is in no
 * cell at all has spilled out of the table. Words above or below the table (title, page number)
 * are not the table's.
 */
export function wordsOutsideCells(words: readonly Box[], cells: readonly Box[], tolerance = 0.5): Box[] {
  return words.filter((w) => {
    const own = cells.filter((c) => c.page === w.page);
    if (own.length === 0) return false;
    const cx = (w.x0 + w.x1) / 2;
    const cy = (w.y0 + w.y1) / 2;
    const cell = own.find((c) => cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1);
    if (!cell) {
      const top = Math.min(...own.map((c) => c.y0));
      const bottom = Math.max(...own.map((c) => c.y1));
      return cy >= top && cy <= bottom;
    }
    return (
      w.x0 < cell.x0 - tolerance ||
      w.x1 > cell.x1 + tolerance ||
      w.y0 < cell.y0 - tolerance ||
      w.y1 > cell.y1 + tolerance
    );
  });
}
