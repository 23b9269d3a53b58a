/**
 * Whether a CSS selector is well formed enough to hand to querySelector: brackets, parentheses and
 * quotes balanced, no rule syntax ({ } ;), no combinator or comma dangling at either end. Checked
 * without a DOM, so the daemon's `vanthu profile check` and the extension refuse the same selectors.
 */
export function isSelectorSyntax(selector: string): boolean {
  const text = selector.trim();
  if (text === '' || /[{};]/.test(text)) return false;
  if (/^[>+~,]|[>+~,(]$/.test(text) || /,\s*,/.test(text) || /[>+~]\s*[>+~,]/.test(text)) return false;
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') open.push(c === '[' ? ']' : ')');
    else if (c === ']' || c === ')') {
      if (open.pop() !== c) return false;
    }
  }
  return quote === undefined && open.length === 0;
}
