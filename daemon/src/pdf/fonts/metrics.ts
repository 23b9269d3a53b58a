import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { DEFAULT_FONT } from './paths.js';

let font: Font | undefined;

/** Advance of one character at 1 pt in the Times-metric default font (0.5 when it has no glyph). */
export function advanceOf(ch: string): number {
  font ??= fontkit.create(readFileSync(DEFAULT_FONT)) as Font;
  const g = font.glyphForCodePoint(ch.codePointAt(0) ?? 32);
  return g && g.id !== 0 ? g.advanceWidth / font.unitsPerEm : 0.5;
}
