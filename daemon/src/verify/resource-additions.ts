import { PdfDict, type PdfObject, type PdfReader, PdfRef, PdfStream } from '../pdf/reader/index.js';
import { scanContent } from './content-ops.js';
import { dictAtRev } from './field-kinds.js';
import type { GraphComparer } from './graph-equal.js';
import { type PageAt, attr } from './page-types.js';

const CONTENT_CAP = 64 * 1024 * 1024;
const MAX_CONTENT_STREAMS = 1000;

/**
 * A page's resources after signing may gain names — another tool's signature may put its
 * widget's font or form there — but every name the signed page had must resolve to what it did,
 * and no added name may be one the page's content already uses (content that drew nothing when
 * signed, because its resource was missing, would start drawing). Returns what is wrong, or
 * undefined when the resources only gained unused names.
 */
export function addedResourcesProblem(
  view: PdfReader,
  cmp: GraphComparer,
  r: number,
  oldRaw: PdfObject | undefined,
  now: PageAt,
): string | undefined {
  const old = dictAtRev(view, oldRaw, r - 1) ?? new PdfDict();
  const next = dictAtRev(view, attr(now, 'Resources'), r);
  if (!next) return '(removed)';
  const added: string[] = [];
  for (const [category, value] of old.entries) {
    const o = dictAtRev(view, value, r - 1);
    const n = dictAtRev(view, next.get(category), r);
    if (!o || !n) {
      if (!cmp.equal(value, r - 1, next.get(category), r)) return `/${category}`;
      continue;
    }
    for (const [name, v] of o.entries)
      if (!cmp.equal(v, r - 1, n.get(name), r)) return `/${category} /${name}`;
    for (const name of n.entries.keys()) if (!o.has(name)) added.push(name);
  }
  for (const [category, value] of next.entries) {
    if (old.has(category)) continue;
    const n = dictAtRev(view, value, r);
    if (!n) return `/${category}`;
    added.push(...n.entries.keys());
  }
  if (added.length === 0) return undefined;
  const used = contentNames(view, now, r);
  if (used === undefined) return '(gained names, and the page content cannot be read to check them)';
  const hit = added.find((name) => used.has(name));
  return hit === undefined ? undefined : `/${hit} (added, and used by the page content)`;
}

/**
 * Every name the page's content streams mention — and the forms drawn with the page's own
 * resources (no /Resources of their own, or the page's) — or undefined when they cannot be read.
 */
function contentNames(view: PdfReader, page: PageAt, r: number): Set<string> | undefined {
  const contents = view.resolveAt(page.dict.get('Contents'), r);
  const list = Array.isArray(contents) ? [...contents] : contents === undefined ? [] : [contents];
  const pageRes = attr(page, 'Resources');
  // Stryker disable next-line OptionalChaining: addedResourcesProblem returned already when these resources are not a dictionary
  const xobjects = dictAtRev(view, dictAtRev(view, pageRes, r)?.get('XObject'), r);
  // Stryker disable next-line ArrayDeclaration: any placeholder entry resolves to no stream and is skipped
  for (const xo of xobjects?.entries.values() ?? []) {
    const form = view.resolveAt(xo, r);
    if (!(form instanceof PdfStream) || form.dict.name('Subtype') !== 'Form') continue;
    const own = form.dict.get('Resources');
    if (own === undefined || (own instanceof PdfRef && pageRes instanceof PdfRef && own.equals(pageRes)))
      list.push(form);
  }
  if (list.length > MAX_CONTENT_STREAMS) return undefined;
  const names = new Set<string>();
  let budget = CONTENT_CAP;
  for (const item of list) {
    const s = view.resolveAt(item, r);
    // Stryker disable next-line ConditionalExpression: streamData of a non-stream throws below, which also returns undefined
    if (!(s instanceof PdfStream)) return undefined;
    let data: Uint8Array;
    try {
      data = view.streamData(s, budget);
    } catch {
      return undefined;
    }
    budget -= data.length;
    const scan = scanContent(data);
    if (scan.unreadable) return undefined;
    for (const n of scan.names) names.add(n);
  }
  return names;
}
