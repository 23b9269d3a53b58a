import { type PdfDict, type PdfReader, PdfStream } from '../reader/index.js';
import type { Box } from './free-space.js';

/** The most a soft mask may decode to before its image counts as drawn all over (16 MiB). */
const MASK_CAP = 16 * 1024 * 1024;
/** Alpha at or below this is paper, not ink. */
const INK_ALPHA = 8;
/** `q a 0 0 d e f cm /Name Do Q`: how our appearances (and most others) draw one image. */
const DRAW_IMAGE =
  /q\s+([-\d.]+)\s+0\s+0\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+cm\s+\/([^\s/[\]()<>{}%]+)\s+Do\s+Q/g;

/**
 * Where a signature widget's image has ink: the box of its image pixels that are not transparent,
 * in page points. Read from the widget's appearance when it draws images the simple way (an
 * axis-aligned `cm` then `Do`, no /Matrix, /BBox at the origin); undefined otherwise, and the
 * caller keeps to the widget's whole rectangle.
 */
export function inkBox(reader: PdfReader, widget: PdfDict, rect: Box): Box | undefined {
  try {
    const normal = reader.resolve(reader.dict(widget.get('AP'))?.get('N'));
    if (!(normal instanceof PdfStream) || normal.dict.has('Matrix')) return undefined;
    const bbox = reader.resolve(normal.dict.get('BBox'));
    if (!Array.isArray(bbox) || bbox.length !== 4) return undefined;
    const [bx0, by0, bx1, by1] = bbox.map((v) => reader.resolve(v));
    if (bx0 !== 0 || by0 !== 0 || typeof bx1 !== 'number' || typeof by1 !== 'number') return undefined;
    // The appearance is scaled from its /BBox onto the widget's /Rect.
    const sx = rect[2] / bx1;
    const sy = rect[3] / by1;
    const images = reader.dict(reader.dict(normal.dict.get('Resources'))?.get('XObject'));
    const content = Buffer.from(reader.streamData(normal, MASK_CAP)).toString('latin1');
    let ink: Box | undefined;
    for (const m of content.matchAll(DRAW_IMAGE)) {
      const [a, d, e, f] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      const image = reader.resolve(images?.get(m[5]!));
      if (!(image instanceof PdfStream) || a <= 0 || d <= 0) return undefined;
      const px = inkPixels(reader, image);
      if (!px) return undefined;
      if (px === 'none') continue;
      const box: Box = [
        rect[0] + sx * (e + (a * px.x0) / px.width),
        rect[1] + sy * (f + (d * (px.height - px.y1)) / px.height),
        (sx * a * (px.x1 - px.x0)) / px.width,
        (sy * d * (px.y1 - px.y0)) / px.height,
      ];
      ink = ink ? cover(ink, box) : box;
    }
    return ink;
  } catch {
    return undefined;
  }
}

function cover(p: Box, q: Box): Box {
  const x0 = Math.min(p[0], q[0]);
  const y0 = Math.min(p[1], q[1]);
  return [x0, y0, Math.max(p[0] + p[2], q[0] + q[2]) - x0, Math.max(p[1] + p[3], q[1] + q[3]) - y0];
}

/**
 * The pixel box (rows from the top, end exclusive) of an image's inked pixels from its 8-bit
 * DeviceGray /SMask; 'none' when it is all transparent; undefined when it cannot be told (no soft
 * mask: the image is opaque all over).
 */
function inkPixels(
  reader: PdfReader,
  image: PdfStream,
): { width: number; height: number; x0: number; x1: number; y0: number; y1: number } | 'none' | undefined {
  const mask = reader.resolve(image.dict.get('SMask'));
  if (!(mask instanceof PdfStream)) return undefined;
  const width = mask.dict.number('Width');
  const height = mask.dict.number('Height');
  if (!width || !height || (mask.dict.number('BitsPerComponent') ?? 8) !== 8) return undefined;
  const alpha = reader.streamData(mask, MASK_CAP);
  if (alpha.length < width * height) return undefined;
  let x0 = width;
  let x1 = 0;
  let y0 = height;
  let y1 = 0;
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      if (alpha[row * width + col]! <= INK_ALPHA) continue;
      if (col < x0) x0 = col;
      if (col >= x1) x1 = col + 1;
      if (row < y0) y0 = row;
      if (row >= y1) y1 = row + 1;
    }
  }
  return x1 > x0 ? { width, height, x0, x1, y0, y1 } : 'none';
}
