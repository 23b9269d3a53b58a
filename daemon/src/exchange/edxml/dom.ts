import { XMLSerializer, type Element } from '@xmldom/xmldom';

/** Local name without any prefix (tolerates odd prefixes and elements outside the namespace). */
export function localName(el: Element): string {
  return el.localName ?? el.nodeName.replace(/^.*:/, '');
}

export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

export function child(el: Element | undefined, ...names: string[]): Element | undefined {
  if (!el) return undefined;
  return childElements(el).find((c) => names.includes(localName(c)));
}

export function children(el: Element | undefined, ...names: string[]): Element[] {
  if (!el) return [];
  return childElements(el).filter((c) => names.includes(localName(c)));
}

/** Trimmed text of the named child, undefined when missing or empty. */
export function text(el: Element | undefined, ...names: string[]): string | undefined {
  const c = child(el, ...names);
  const t = c?.textContent?.trim();
  return t ? t : undefined;
}

/** Element children last to first, onto `stack`, so popping yields them in document order. */
function pushChildElements(stack: Element[], el: Element) {
  for (let n = el.lastChild; n; n = n.previousSibling) if (n.nodeType === 1) stack.push(n as Element);
}

/**
 * Document-order search by local name. An explicit stack, not recursion: the call stack must not
 * depend on how deeply a sender nested the XML.
 */
export function descendants(el: Element, names: Set<string>): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  pushChildElements(stack, el);
  for (let c = stack.pop(); c; c = stack.pop()) {
    if (names.has(localName(c))) out.push(c);
    pushChildElements(stack, c);
  }
  return out;
}

const serializer = new XMLSerializer();
export function serialize(el: Element): string {
  return serializer.serializeToString(el);
}
