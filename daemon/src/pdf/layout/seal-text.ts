import { type Box, isFree } from './free-space.js';
import { twoLineSplits } from './name-lines.js';

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

/** How many two-line splits of the organisation are tried at one size. */
const MAX_SPLITS = 4;

/**
 * The organisation on one line when it fits `width`, then on two: the splits that fit, best first
 * (place names kept whole, then the most balanced), so that a split with a narrower first line can
 * still find room where the best one does not.
 */
function wraps(m: TextMetrics, text: string, width: number, size: number): string[][] {
  const fits = (t: string): boolean => m.measure(t) * size <= width;
  const out: string[][] = fits(text) ? [[text]] : [];
  const pairs = twoLineSplits(m, text).filter((lines) => lines.every(fits));
  return [...out, ...pairs.slice(0, MAX_SPLITS)];
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
    const top = sy + sh + REACH;
    const bottom = sy - REACH - h;
    // Only what lies near the searched band can stop a candidate: the rest is left out up front.
    const band: Box = [left, bottom, right - left, top + h - bottom];
    const near = (boxes: readonly Box[], pad: number): Box[] =>
      boxes.filter((b) => !isFree(union(band, whole), [b], pad));
    const obstacles = near([...blocked, ...blocks.map((b) => b.box)], 1);
    const clearNear = near(clear, 0);
    // Nearest first to the seal's right side, at mid-height: each height's free stretches of the
    // column are found from the obstacles at that height, then tried from the point nearest it.
    const ax = sx + sw + 3;
    const ay = sy + sh / 2;
    let found: Box | undefined;
    let best = Number.POSITIVE_INFINITY;
    for (let y = bottom; y <= top; y += 1) {
      const dy = Math.abs(y + h / 2 - ay);
      if (dy >= best) continue;
      for (const [lo, hi] of freeStretches(obstacles, left, right, y, h)) {
        const xs: number[] = [];
        for (let x = lo; x + w <= hi; x += 2) xs.push(x);
        xs.sort((p, q) => Math.abs(p - ax) - Math.abs(q - ax));
        for (const x of xs) {
          const d = Math.hypot(x - ax, dy);
          if (d >= best) break;
          const grown = union(whole, [x, y, w, h]);
          if (grown[2] * grown[3] <= req.maxArea && isFree(grown, clearNear, 0)) {
            found = [x, y, w, h];
            best = d;
            break;
          }
        }
      }
    }
    if (!found) return undefined;
    blocks.push({ lines, box: found });
    whole = union(whole, found);
  }
  return blocks;
}

/**
 * The stretches [lo, hi] of [left, right] that no obstacle takes (one point of padding) between
 * heights y and y + h.
 */
function freeStretches(
  obstacles: readonly Box[],
  left: number,
  right: number,
  y: number,
  h: number,
): [number, number][] {
  const taken = obstacles
    .filter(([, oy, , oh]) => !(y + h + 1 <= oy || oy + oh + 1 <= y))
    .map(([ox, , ow]): [number, number] => [ox - 1, ox + ow + 1])
    .sort((p, q) => p[0] - q[0]);
  const out: [number, number][] = [];
  let from = left;
  for (const [a, b] of taken) {
    if (a > from) out.push([from, Math.min(a, right)]);
    from = Math.max(from, b);
    if (from >= right) return out;
  }
  if (from < right) out.push([from, right]);
  return out;
}
