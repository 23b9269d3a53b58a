import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);
let fontkit: typeof Fontkit | undefined;

/**
 * Parses a font file with fontkit, loading fontkit (and its ~40 modules) on the first call only:
 * commands that never stamp text, such as `vanthu verify` or a signature without visible text,
 * do not pay for it at start-up.
 */
export function openFont(path: string): Fontkit.Font {
  fontkit ??= require('fontkit') as typeof Fontkit;
  return fontkit.create(readFileSync(path)) as Fontkit.Font;
}
