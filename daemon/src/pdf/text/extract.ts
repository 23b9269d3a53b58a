import { advanceOf } from '../fonts/metrics.js';
import type { PdfReader } from '../reader/index.js';
import { pageDocument } from './page-document.js';
import type { RawItem } from './pdfjs-items.js';

export interface TextChar {
  ch: string;
  x0: number;
  x1: number;
  /** The item's font name and synthetic slant, when the lines were read with `fonts`. */
  font?: string;
  oblique?: boolean;
}

/** One visual line of a page: baseline y, font size, and per-character horizontal extents. */
export interface TextLine {
  y: number;
  size: number;
  x0: number;
  x1: number;
  text: string;
  chars: TextChar[];
}

/**
 * Text of one page with positions. The page is copied into a standalone page document (see
 * pageDocument), so memory and time do not depend on the size of the file, and read by pdf.js in a
 * text process (textPool) after its streams' decoded sizes are checked: a page that inflates to
 * gigabytes is PDF_MALFORMED and costs the caller nothing.
 */
export async function extractLines(
  reader: PdfReader,
  pageIndex: number,
  opts: { fonts?: boolean } = {},
): Promise<TextLine[]> {
  const doc = pageDocument(reader, pageIndex);
  // The pool (and child_process with it) loads with the first page read: a signature placed by
  // --rect never needs it.
  const { textPool } = await import('./text-pool.js');
  return groupLines(await textPool().run(opts.fonts ? { ...doc, fonts: true } : doc));
}

/** Groups items sharing a baseline (±2 pt) into lines, left to right, top to bottom. */
export function groupLines(items: RawItem[]): TextLine[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: { y: number; items: RawItem[] }[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= 2);
    if (line) line.items.push(it);
    else lines.push({ y: it.y, items: [it] });
  }
  return lines.map((l) => {
    // Items far apart horizontally on the same baseline belong to different columns; keep the
    // characters' real positions so callers can split by gaps.
    const its = l.items.sort((p, q) => p.x - q.x);
    const chars: TextChar[] = [];
    let text = '';
    for (const it of its) {
      // Character extents proportional to Times-metric advances, scaled to the item's real width.
      const glyphs = [...it.str];
      const adv = glyphs.map(advanceOf);
      const total = adv.reduce((s, v) => s + v, 0) || 1;
      let x = it.x;
      const style = it.font === undefined ? {} : { font: it.font, oblique: it.oblique === true };
      glyphs.forEach((ch, i) => {
        const w = (adv[i]! / total) * it.width;
        chars.push({ ch, x0: x, x1: x + w, ...style });
        x += w;
      });
      text += it.str;
    }
    return {
      y: l.y,
      size: Math.max(...its.map((i) => i.size)),
      x0: its[0]!.x,
      x1: Math.max(...its.map((i) => i.x + i.width)),
      text,
      chars,
    };
  });
}

/** Splits a line into column segments wherever visible characters are more than `gap` points apart. */
export function segments(line: TextLine, gap = 24): TextLine[] {
  const out: TextLine[] = [];
  let cur: TextChar[] = [];
  let pending: TextChar[] = [];
  let lastInk: TextChar | undefined;
  const flush = (): void => {
    if (cur.length > 0) {
      out.push({
        y: line.y,
        size: line.size,
        x0: cur[0]!.x0,
        x1: cur[cur.length - 1]!.x1,
        text: cur.map((c) => c.ch).join(''),
        chars: cur,
      });
    }
    cur = [];
    pending = [];
  };
  for (const c of line.chars) {
    if (/\s/.test(c.ch)) {
      if (cur.length > 0) pending.push(c);
      continue;
    }
    if (lastInk && c.x0 - lastInk.x1 > gap) flush();
    cur.push(...pending, c);
    pending = [];
    lastInk = c;
  }
  flush();
  return out;
}
