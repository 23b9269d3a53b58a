import { say } from './language.js';

/**
 * A table of closed values' words, each read in the screen's language when it is shown (not when the
 * module loads, which is before the page has read the user's choice).
 */
export function bilingual<K extends string>(
  pairs: Record<K, readonly [vi: string, en: string]>,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(pairs) as K[]) {
    const [vi, en] = pairs[key];
    Object.defineProperty(out, key, { enumerable: true, get: () => say(vi, en) });
  }
  return out;
}
