/**
 * Longest reason kept for a quarantined package or a defective arrival. Error texts can quote what the
 * sender wrote (an unknown status code, an irregular OrganId), so their length is the sender's choice;
 * clipped, a listing stays small and a 02 built from a defect stays a sentence.
 */
export const MAX_REASON = 1000;

/** `text` cut to `max` characters (never inside a surrogate pair), ending in "…" when cut. */
export function brief(text: string, max = MAX_REASON): string {
  if (text.length <= max) return text;
  // A character takes one or two code units, so the first 2·max units hold at least max characters.
  const chars = Array.from(text.slice(0, max * 2));
  if (chars.length <= max && text.length <= max * 2) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}
