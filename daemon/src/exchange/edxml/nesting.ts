import { VanthuError } from '@vanthu/shared/errors/index';

/** Index just past the `>` that closes the start tag opened at `from`, skipping quoted attribute values. */
function endOfStartTag(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/** Skips a construct that opens with `open` at `at` and ends with `close`; -1 when it never ends. */
function skipPast(text: string, at: number, close: string): number {
  const end = text.indexOf(close, at);
  return end === -1 ? -1 : end + close.length;
}

/**
 * Refuses XML nested deeper than `maxDepth` elements before any DOM is built: a scan over the tags
 * with a counter (no recursion, no tree), so 200,000 nested elements are refused in milliseconds
 * instead of growing a tree that later walks would have to survive. Comments, CDATA sections and
 * processing instructions are skipped; anything else malformed is left to the XML parser.
 */
export function assertNestingDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let at = text.indexOf('<');
  while (at !== -1) {
    let next: number;
    if (text.startsWith('<!--', at)) next = skipPast(text, at + 4, '-->');
    else if (text.startsWith('<![CDATA[', at)) next = skipPast(text, at + 9, ']]>');
    else if (text.startsWith('<?', at)) next = skipPast(text, at + 2, '?>');
    else if (text.startsWith('</', at)) {
      depth -= 1;
      next = skipPast(text, at + 2, '>');
    } else if (text.startsWith('<!', at)) next = skipPast(text, at + 2, '>');
    else {
      next = endOfStartTag(text, at + 1);
      if (next !== -1 && text[next - 2] !== '/') {
        depth += 1;
        if (depth > maxDepth)
          throw new VanthuError('EDXML_MALFORMED', `elements nested deeper than ${maxDepth} levels`, {
            maxDepth,
          });
      }
    }
    if (next === -1) return;
    at = text.indexOf('<', next);
  }
}
