/** The signature rectangle as drawn on a page rendered at scale 1 (CSS pixels = PDF points, top-left origin). */
export interface Placement {
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Placement (top-left origin, scale 1 = PDF points) → PDF rectangle [x, y, w, h] from the bottom-left. */
export function toPdfRect(p: Placement, pageHeight: number): [number, number, number, number] {
  const r = (v: number) => Math.round(v * 100) / 100;
  return [r(p.x), r(pageHeight - p.y - p.height), r(p.width), r(p.height)];
}

/** PDF rectangle [x, y, w, h] (bottom-left origin) → placement on the rendered page. */
export function fromPdfRect(page: number, rect: readonly number[], pageHeight: number): Placement {
  const [x = 0, y = 0, width = 0, height = 0] = rect;
  return { page, x, y: pageHeight - y - height, width, height };
}
