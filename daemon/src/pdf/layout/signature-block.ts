import { type TextLine, segments } from '../text/extract.js';

/** Titles that open or make up a signature block (NĐ30 PL I, ô 7a–7b). */
export const DEFAULT_ANCHORS = [
  'KT.',
  'TM.',
  'TL.',
  'TUQ.',
  'Q.',
  'CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'GIÁM ĐỐC',
  'PHÓ GIÁM ĐỐC',
  'CHÁNH VĂN PHÒNG',
  'BỘ TRƯỞNG',
  'THỨ TRƯỞNG',
  'TRƯỞNG BAN',
  'TRƯỞNG PHÒNG',
  'HIỆU TRƯỞNG',
  'THỦ TRƯỞNG',
  'TỔNG GIÁM ĐỐC',
];

export interface SignatureBlock {
  /** The box between the last title line and the signer's name: [x, y, w, h] in page points. */
  gap: [number, number, number, number];
  /** Horizontal centre of the signature column. */
  centre: number;
  titleText: string;
  nameText: string | undefined;
}

const upper = (s: string): string => s.normalize('NFC').toLocaleUpperCase('vi').trim();

function matchesAnchor(text: string, anchors: readonly string[]): boolean {
  const t = upper(text);
  return anchors.some((a) => {
    const u = upper(a);
    return u.endsWith('.') ? t.startsWith(u) : t === u || t.startsWith(`${u} `) || t.includes(u);
  });
}

/**
 * Finds the signature block on a page: a title line matching an anchor, the title lines directly
 * under it in the same column, then the signer's name below the blank signing space. With several
 * candidates the lowest block wins (the signature block closes the document).
 */
export function findSignatureBlock(
  lines: TextLine[],
  anchors: readonly string[] = DEFAULT_ANCHORS,
): SignatureBlock | undefined {
  const segs = lines.flatMap((l) => segments(l)).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const centre = (s: TextLine): number => (s.x0 + s.x1) / 2;
  let best: SignatureBlock | undefined;
  let bestY = Number.POSITIVE_INFINITY;
  for (const seg of segs) {
    if (!matchesAnchor(seg.text, anchors)) continue;
    // Extend through the title lines directly below in the same column.
    let last = seg;
    for (;;) {
      const next = segs.find(
        (s) =>
          s.y < last.y &&
          last.y - s.y <= last.size * 1.8 &&
          Math.abs(centre(s) - centre(last)) < 40 &&
          upper(s.text) === s.text.trim() &&
          /\p{Lu}/u.test(s.text),
      );
      if (!next) break;
      last = next;
    }
    const c = centre(last);
    const name = segs.find((s) => s.y < last.y - last.size * 2 && Math.abs(centre(s) - c) < 60);
    const top = last.y - last.size * 0.3 - 2;
    const bottom = name ? name.y + name.size * 0.8 + 2 : top - 90;
    if (top - bottom < 24) continue;
    const half = Math.max(75, (Math.max(seg.x1, last.x1) - Math.min(seg.x0, last.x0)) / 2);
    const block: SignatureBlock = {
      gap: [c - half, bottom, half * 2, top - bottom],
      centre: c,
      titleText: seg === last ? seg.text : `${seg.text} / ${last.text}`,
      nameText: name?.text,
    };
    if (last.y < bestY) {
      best = block;
      bestY = last.y;
    }
  }
  return best;
}

/** Fits a w×h image into a box, keeping its aspect ratio, centred; returns [x, y, w, h]. */
export function fitInto(
  box: [number, number, number, number],
  imgW: number,
  imgH: number,
): [number, number, number, number] {
  const [x, y, w, h] = box;
  const scale = Math.min(w / imgW, h / imgH);
  const dw = imgW * scale;
  const dh = imgH * scale;
  return [x + (w - dw) / 2, y + (h - dh) / 2, dw, dh];
}

/** The right margin the signature column keeps from the page edge: 15 mm (NĐ30 PL I: 15–20 mm). */
export const COLUMN_RIGHT_MARGIN = 15 * 2.8346;

/**
 * The signature column's left and right edges around its centre `centre`, for what is set in it
 * between heights `band`: as wide on the left of the centre as the page allows on the right (up to
 * its right margin), and starting right of any text of the left column ("Nơi nhận" and its list)
 * at those heights.
 */
export function signatureColumn(
  lines: TextLine[],
  centre: number,
  pageRight: number,
  band: [number, number],
): [number, number] {
  const right = pageRight - COLUMN_RIGHT_MARGIN;
  let left = centre - (right - centre);
  for (const seg of lines.flatMap((l) => segments(l))) {
    const top = seg.y + seg.size;
    const bottom = seg.y - 0.3 * seg.size;
    if (seg.x1 < centre - 20 && top >= band[0] && bottom <= band[1]) left = Math.max(left, seg.x1 + 6);
  }
  return [left, right];
}
