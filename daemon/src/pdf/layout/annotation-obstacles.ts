import type { PageInfo, PdfReader } from '../reader/index.js';
import type { Box } from './free-space.js';

/** Annotation flags (ISO 32000-1 12.5.3). */
const HIDDEN = 2;
const NO_ROTATE = 16;
const NO_VIEW = 32;

/**
 * The boxes of the page's visible annotations, in the page's user space as its text boxes are:
 * earlier stamps are widgets drawn from their own appearance, not page content, so the text
 * extraction never sees them. Left out: Hidden and NoView annotations, popups (drawn apart from
 * the page), widgets and links without an appearance (nothing drawn), and empty rectangles.
 * `except` drops boxes the caller means to overlap (the approver's image under the seal).
 */
export function annotationBoxes(reader: PdfReader, page: PageInfo, except?: (box: Box) => boolean): Box[] {
  const annots = reader.resolve(page.dict.get('Annots'));
  if (!Array.isArray(annots)) return [];
  const out: Box[] = [];
  for (const entry of annots) {
    const annot = reader.dict(entry);
    if (!annot) continue;
    const subtype = annot.name('Subtype');
    if (subtype === 'Popup') continue;
    const flags = reader.resolve(annot.get('F'));
    const f = typeof flags === 'number' ? flags : 0;
    if (f & (HIDDEN | NO_VIEW)) continue;
    if ((subtype === 'Widget' || subtype === 'Link') && !hasAppearance(reader, annot.get('AP'))) continue;
    const rect = reader.box(annot.get('Rect'));
    if (!rect) continue;
    const [x0, y0, x1, y1] = rect;
    if (x1 - x0 <= 0 || y1 - y0 <= 0) continue;
    const box: Box = f & NO_ROTATE ? upright(rect, page.rotate) : [x0, y0, x1 - x0, y1 - y0];
    if (!except?.(box)) out.push(box);
  }
  return out;
}

function hasAppearance(reader: PdfReader, ap: Parameters<PdfReader['resolve']>[0]): boolean {
  const normal = reader.dict(ap)?.get('N');
  return normal !== undefined && reader.resolve(normal) !== null;
}

/**
 * Where a NoRotate annotation is drawn on a page turned by `rotate` degrees clockwise: the viewer
 * keeps it upright by turning it the other way about its rectangle's upper-left corner.
 */
export function upright(rect: [number, number, number, number], rotate: number): Box {
  const [x0, y0, x1, y1] = rect;
  const w = x1 - x0;
  const h = y1 - y0;
  switch (rotate) {
    case 90:
      return [x0, y1, h, w];
    case 180:
      return [x0 - w, y1, w, h];
    case 270:
      return [x0 - h, y1 - w, h, w];
    default:
      return [x0, y0, w, h];
  }
}
