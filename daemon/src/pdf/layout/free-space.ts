import { type TextLine, segments } from '../text/extract.js';

/** [x, y, w, h] in page points from the bottom-left corner. */
export type Box = [number, number, number, number];

/** The ink boxes of the page's text: each run of a line, from its descenders to its accents. */
export function textBoxes(lines: readonly TextLine[]): Box[] {
  return lines.flatMap((line) =>
    segments(line, line.size).map((s): Box => [s.x0, s.y - 0.3 * s.size, s.x1 - s.x0, 1.25 * s.size]),
  );
}

/** Whether `box` keeps `pad` points away from every one of `taken`. */
export function isFree(box: Box, taken: readonly Box[], pad = 1): boolean {
  const [x, y, w, h] = box;
  return taken.every(
    ([tx, ty, tw, th]) => x + w + pad <= tx || tx + tw + pad <= x || y + h + pad <= ty || ty + th + pad <= y,
  );
}

/**
 * The highest free box of size w × h whose left edge is `x`, scanning down from a top edge at
 * `top` to a bottom edge no lower than `bottom`, in steps of one point; undefined when none.
 */
export function freeBelow(
  taken: readonly Box[],
  x: number,
  w: number,
  h: number,
  top: number,
  bottom: number,
): Box | undefined {
  for (let t = top; t - h >= bottom; t -= 1) {
    const box: Box = [x, t - h, w, h];
    if (isFree(box, taken)) return box;
  }
  return undefined;
}
