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

/** Depth-first search by local name. */
export function descendants(el: Element, names: Set<string>, out: Element[] = []): Element[] {
  for (const c of childElements(el)) {
    if (names.has(localName(c))) out.push(c);
    descendants(c, names, out);
  }
  return out;
}

const serializer = new XMLSerializer();
export function serialize(el: Element): string {
  return serializer.serializeToString(el);
}
