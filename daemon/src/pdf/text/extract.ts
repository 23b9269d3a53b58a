import { VanthuError } from '@vanthu/shared/errors/index';
import { advanceOf } from '../fonts/metrics.js';
import type { PdfReader } from '../reader/index.js';
import { pageDocument } from './page-document.js';

export interface TextChar {
  ch: string;
  x0: number;
  x1: number;
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

interface RawItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/**
 * Text of one page with positions, via pdf.js, run on a standalone copy of just that page (see
 * pageDocument), so memory and time do not depend on the size of the file.
 */
export async function extractLines(reader: PdfReader, pageIndex: number): Promise<TextLine[]> {
  const lib = await pdfjs();
  const data = pageDocument(reader, pageIndex);
  const task = lib.getDocument({
    // A private copy: pdf.js may transfer (detach) the buffer it is given.
    data: new Uint8Array(data),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    const items: RawItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str.length === 0) continue;
      const [a, b, , , e, f] = it.transform as number[];
      items.push({
        str: it.str.normalize('NFC'),
        x: e!,
        y: f!,
        width: it.width,
        size: Math.hypot(a!, b!) || it.height,
      });
    }
    return groupLines(items);
  } catch (e) {
    throw new VanthuError('PDF_MALFORMED', `text extraction failed: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  } finally {
    await task.destroy();
  }
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
      glyphs.forEach((ch, i) => {
        const w = (adv[i]! / total) * it.width;
        chars.push({ ch, x0: x, x1: x + w });
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
