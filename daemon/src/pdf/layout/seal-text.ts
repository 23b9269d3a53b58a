import { type Box, isFree } from './free-space.js';

/** What the seal's text is set with: width of a string at 1 pt, and the font's ascent and descent. */
export interface TextMetrics {
  measure(text: string): number;
  ascent: number;
  /** Negative, as fonts give it. */
  descent: number;
}

export interface SealTextRequest {
  organization: string;
  time: string;
  /** The seal image's box and the approver's image box: the text covers neither. */
  seal: Box;
  approver: Box;
  /** The signature column, left and right edges: the text stays between them. */
  column: [number, number];
  /** The page's text boxes: neither the text nor the seal's whole box may cover one. */
  taken: readonly Box[];
  /** The widget's box (seal and text together) may not be larger than this, in square points. */
  maxArea: number;
}

/** Lines set together, left-aligned; the first baseline is `box` top − ascent × size. */
export interface TextBlock {
  lines: string[];
  box: Box;
}

export interface SealTextPlacement {
  size: number;
  leading: number;
  /** One block (organisation, then time), or two when only apart they find room. */
  blocks: TextBlock[];
}

export const SEAL_TEXT_MAX = 10;
export const SEAL_TEXT_MIN = 7;
/** How far above or below the seal the text may go, beyond the seal's own height. */
const REACH = 24;

/** The organisation on one line when it fits `width`, then split at a space into two lines. */
function wraps(m: TextMetrics, text: string, width: number, size: number): string[][] {
  const fits = (t: string): boolean => m.measure(t) * size <= width;
  const out: string[][] = fits(text) ? [[text]] : [];
  const words = text.split(' ');
  // The most balanced split that fits.
  const cuts = words.map((_, i) => i).filter((i) => i > 0);
  cuts.sort((p, q) => Math.abs(words.length / 2 - p) - Math.abs(words.length / 2 - q));
  for (const i of cuts) {
    const pair = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    if (pair.every(fits)) return [...out, pair];
  }
  return out;
}

const union = (p: Box, q: Box): Box => {
  const x0 = Math.min(p[0], q[0]);
  const y0 = Math.min(p[1], q[1]);
  const x1 = Math.max(p[0] + p[2], q[0] + q[2]);
  const y1 = Math.max(p[1] + p[3], q[1] + q[3]);
  return [x0, y0, x1 - x0, y1 - y0];
};

/**
 * Where the seal's text (organisation name, wrapped onto two lines when it is long, then the time)
 * goes: inside the signature column, over no text of the page, not over the approver's image nor
 * the seal, and close enough to the seal that all of it makes one box covering no text either.
 * Larger type first (10 pt down to 7 pt), the place nearest the seal's right side; where the lines
 * find no room together, the organisation and the time are placed apart (on either side of the
 * approver's signature, say). Undefined when there is no such place.
 */
export function placeSealText(m: TextMetrics, req: SealTextRequest): SealTextPlacement | undefined {
  const [left, right] = req.column;
  for (const apart of [false, true]) {
    for (let size = SEAL_TEXT_MAX; size >= SEAL_TEXT_MIN; size -= 0.5) {
      const leading = size * 1.2;
      for (const org of wraps(m, req.organization, right - left, size)) {
        const groups = apart ? [org, [req.time]] : [[...org, req.time]];
        const blocks = placeBlocks(m, req, groups, size, leading);
        if (blocks) return { size, leading, blocks };
      }
    }
  }
  return undefined;
}

/** Places each group of lines in turn, nearest the seal first; undefined when one finds no room. */
function placeBlocks(
  m: TextMetrics,
  req: SealTextRequest,
  groups: string[][],
  size: number,
  leading: number,
): TextBlock[] | undefined {
  const [left, right] = req.column;
  const [sx, sy, sw, sh] = req.seal;
  const blocked = [...req.taken, req.seal, req.approver];
  // Text the seal itself already lies on (only with a rectangle given by hand) cannot be helped.
  const clear = req.taken.filter((t) => isFree(req.seal, [t], 0));
  const blocks: TextBlock[] = [];
  let whole: Box = req.seal;
  for (const lines of groups) {
    const w = Math.max(...lines.map((l) => m.measure(l) * size)) + 1;
    const h = (lines.length - 1) * leading + (m.ascent - m.descent) * size;
    if (w > right - left) return undefined;
    const candidates: Box[] = [];
    for (let x = left; x + w <= right; x += 2) {
      for (let y = sy - REACH - h; y <= sy + sh + REACH; y += 1) candidates.push([x, y, w, h]);
    }
    // Nearest first to the seal's right side, at mid-height.
    const ax = sx + sw + 3;
    const ay = sy + sh / 2;
    const distance = ([x, y]: Box): number => Math.hypot(x - ax, y + h / 2 - ay);
    candidates.sort((p, q) => distance(p) - distance(q));
    const found = candidates.find((box) => {
      if (!isFree(box, [...blocked, ...blocks.map((b) => b.box)])) return false;
      const grown = union(whole, box);
      return grown[2] * grown[3] <= req.maxArea && isFree(grown, clear, 0);
    });
    if (!found) return undefined;
    blocks.push({ lines, box: found });
    whole = union(whole, found);
  }
  return blocks;
}
