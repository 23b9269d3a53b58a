import type { Font } from 'fontkit';
import { openFont } from './open-font.js';
import { DEFAULT_FONT } from './paths.js';

let font: Font | undefined;

/** Advance of one character at 1 pt in the Times-metric default font (0.5 when it has no glyph). */
export function advanceOf(ch: string): number {
  font ??= openFont(DEFAULT_FONT);
  const g = font.glyphForCodePoint(ch.codePointAt(0) ?? 32);
  return g && g.id !== 0 ? g.advanceWidth / font.unitsPerEm : 0.5;
}
