import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdfRef, PdfReader } from '../../daemon/src/pdf/reader/index.js';

/**
 * Visual checks of a stamp: the page rendered by MuPDF before and after signing must be the same
 * pixel for pixel outside the stamp's own boxes, and no stamp box may cover a word of the page
 * (poppler's `pdftotext -bbox`).
 */

/** [x, y, w, h] in PDF points from the page's bottom-left corner. */
export type Box = [number, number, number, number];

export const DPI = 100;

export interface Pixels {
  width: number;
  height: number;
  rgb: Buffer;
}

/** `mutool draw` of one page at 100 dpi, read back from its PNM output. */
export function drawPage(file: string, page: number, dir: string, name: string): Pixels {
  const out = join(dir, `${name}.pnm`);
  execFileSync('mutool', ['draw', '-q', '-r', String(DPI), '-c', 'rgb', '-o', out, file, String(page)]);
  const buf = readFileSync(out);
  let pos = 0;
  const token = (): string => {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) s += String.fromCharCode(buf[pos++]!);
    return s;
  };
  const magic = token();
  if (magic !== 'P6') throw new Error(`mutool wrote ${magic}, not a colour PNM`);
  const width = Number(token());
  const height = Number(token());
  token();
  pos++;
  return { width, height, rgb: buf.subarray(pos, pos + width * height * 3) };
}

/** Writes the page as PNG (the pictures in docs/img). */
export function drawPng(file: string, page: number, out: string): void {
  execFileSync('mutool', ['draw', '-q', '-r', String(DPI), '-o', out, file, String(page)]);
}

/**
 * Pixels that differ between `before` and `after` outside `boxes` (page height `pageHeight`
 * points, a one-pixel border around each box for anti-aliasing).
 */
export function changedOutside(
  before: Pixels,
  after: Pixels,
  boxes: readonly Box[],
  pageHeight: number,
): number {
  if (before.width !== after.width || before.height !== after.height) return before.width * before.height;
  const s = DPI / 72;
  const inside = boxes.map(([x, y, w, h]) => ({
    x0: Math.floor(x * s) - 1,
    x1: Math.ceil((x + w) * s) + 1,
    y0: Math.floor((pageHeight - y - h) * s) - 1,
    y1: Math.ceil((pageHeight - y) * s) + 1,
  }));
  let n = 0;
  for (let py = 0; py < before.height; py++) {
    for (let px = 0; px < before.width; px++) {
      const o = (py * before.width + px) * 3;
      if (
        before.rgb[o] === after.rgb[o] &&
        before.rgb[o + 1] === after.rgb[o + 1] &&
        before.rgb[o + 2] === after.rgb[o + 2]
      )
        continue;
      if (inside.some((b) => px >= b.x0 && px <= b.x1 && py >= b.y0 && py <= b.y1)) continue;
      n++;
    }
  }
  return n;
}

export interface Word {
  text: string;
  box: Box;
}

/** The words of a page with their boxes (`pdftotext -bbox`), in PDF points from the bottom-left. */
export function words(file: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(html)?.[1] ?? 0);
  const out: Word[] = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    out.push({ text: m[5]!, box: [x0, height - y1, x1 - x0, y1 - y0] });
  }
  return out;
}

/** The words a box covers (overlap beyond `slack` points on both axes). */
export function coveredWords(all: readonly Word[], box: Box, slack = 1): string[] {
  const [x, y, w, h] = box;
  return all
    .filter(({ box: [wx, wy, ww, wh] }) => {
      const dx = Math.min(x + w, wx + ww) - Math.max(x, wx);
      const dy = Math.min(y + h, wy + wh) - Math.max(y, wy);
      return dx > slack && dy > slack;
    })
    .map((word) => word.text);
}

/** Boxes of the annotations `after` has on a page that `before` had not: what the signing added. */
export function addedWidgetBoxes(before: Uint8Array, after: Uint8Array, page: number): Box[] {
  const keys = (bytes: Uint8Array): { keys: Set<string>; reader: PdfReader } => {
    const reader = PdfReader.fromBuffer(bytes);
    const annots = reader.resolve(reader.page(page - 1).dict.get('Annots'));
    const set = new Set<string>();
    if (Array.isArray(annots)) for (const a of annots) if (a instanceof PdfRef) set.add(a.key);
    return { keys: set, reader };
  };
  const old = keys(before);
  const now = keys(after);
  try {
    const out: Box[] = [];
    const annots = now.reader.resolve(now.reader.page(page - 1).dict.get('Annots'));
    for (const a of Array.isArray(annots) ? annots : []) {
      if (!(a instanceof PdfRef) || old.keys.has(a.key)) continue;
      const rect = now.reader.resolve(now.reader.dict(a)?.get('Rect'));
      if (!Array.isArray(rect) || rect.length !== 4) continue;
      const [x0, y0, x1, y1] = rect.map((v) => Number(v)) as [number, number, number, number];
      if (x1 - x0 > 0 && y1 - y0 > 0)
        out.push([Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0)]);
    }
    return out;
  } finally {
    old.reader.close();
    now.reader.close();
  }
}

/** Page height in points (the crop box), for pixel conversions. */
export function pageHeight(bytes: Uint8Array, page: number): number {
  const reader = PdfReader.fromBuffer(bytes);
  try {
    const [, y0, , y1] = reader.page(page - 1).cropBox;
    return y1 - y0;
  } finally {
    reader.close();
  }
}

export interface Char {
  c: string;
  /** The font MuPDF drew it with (subset tag included). */
  font: string;
  /** The font size it is drawn at, in points. */
  size: number;
  box: Box;
}

/** The characters MuPDF draws on a page, annotations' appearances included (`mutool draw -F stext`). */
export function chars(file: string, page: number): Char[] {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', file, String(page)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const height = Number(/<page [^>]*height="([\d.]+)"/.exec(xml)?.[1] ?? 0);
  const out: Char[] = [];
  let font = '';
  let size = 0;
  const re = /<font name="([^"]*)"(?: size="([\d.]+)")?|<char quad="([^"]+)"[^>]* c="([^"]*)"\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] !== undefined) {
      font = m[1];
      size = Number(m[2] ?? 0);
      continue;
    }
    const q = m[3]!.split(' ').map(Number);
    const xs = [q[0]!, q[2]!, q[4]!, q[6]!];
    const ys = [q[1]!, q[3]!, q[5]!, q[7]!];
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const c = m[4]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) =>
      String.fromCodePoint(Number.parseInt(h, 16)),
    );
    out.push({
      c: c
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
      font,
      size,
      box: [x0, height - y1, x1 - x0, y1 - y0],
    });
  }
  return out;
}

/** Placeholder dots of a template's blanks ("ngày …… tháng ……", "năm 20……"): a stamp may write on them. */
export const PLACEHOLDER = /^[.…_]$/;

/** The characters a box covers (overlap beyond `slack` points on both axes). */
export function coveredChars(all: readonly Char[], box: Box, slack = 1): Char[] {
  const [x, y, w, h] = box;
  return all.filter(({ box: [cx, cy, cw, ch] }) => {
    const dx = Math.min(x + w, cx + cw) - Math.max(x, cx);
    const dy = Math.min(y + h, cy + ch) - Math.max(y, cy);
    return dx > slack && dy > slack;
  });
}

/**
 * Near-black pixels (text) of `after` inside `box` that `before` did not have there. Grey counts,
 * the dark edges where red seal ink meets blue signature ink do not.
 */
export function newTextPixels(before: Pixels, after: Pixels, box: Box, pageHeight: number): number {
  const s = DPI / 72;
  const [x, y, w, h] = box;
  const dark = (p: Pixels, o: number): boolean => {
    const rgb = [p.rgb[o]!, p.rgb[o + 1]!, p.rgb[o + 2]!];
    return Math.max(...rgb) < 110 && Math.max(...rgb) - Math.min(...rgb) < 40;
  };
  let n = 0;
  for (let py = Math.floor((pageHeight - y - h) * s); py < Math.ceil((pageHeight - y) * s); py++) {
    for (let px = Math.floor(x * s); px < Math.ceil((x + w) * s); px++) {
      const o = (py * after.width + px) * 3;
      if (dark(after, o) && !dark(before, o)) n++;
    }
  }
  return n;
}

/**
 * The box, in points, of every pixel inside `within` that differs between `before` and `after`;
 * undefined when none.
 */
export function changedBox(before: Pixels, after: Pixels, pageHeight: number, within: Box): Box | undefined {
  const s = DPI / 72;
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1, -1];
  const [wx, wy, ww, wh] = within;
  for (
    let py = Math.max(0, Math.floor((pageHeight - wy - wh) * s));
    py < Math.min(after.height, Math.ceil((pageHeight - wy) * s));
    py++
  ) {
    for (
      let px = Math.max(0, Math.floor(wx * s));
      px < Math.min(after.width, Math.ceil((wx + ww) * s));
      px++
    ) {
      const o = (py * after.width + px) * 3;
      if (
        before.rgb[o] === after.rgb[o] &&
        before.rgb[o + 1] === after.rgb[o + 1] &&
        before.rgb[o + 2] === after.rgb[o + 2]
      )
        continue;
      x0 = Math.min(x0, px);
      x1 = Math.max(x1, px + 1);
      y0 = Math.min(y0, py);
      y1 = Math.max(y1, py + 1);
    }
  }
  if (x1 < 0) return undefined;
  return [x0 / s, pageHeight - y1 / s, (x1 - x0) / s, (y1 - y0) / s];
}
