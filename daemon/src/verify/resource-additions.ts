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
  before: PageAt,
  now: PageAt,
): string | undefined {
  const old = dictAtRev(view, attr(before, 'Resources'), r - 1) ?? new PdfDict();
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
  const used = contentNames(view, now, r, new Set(added), annotationKeys(view, before, r - 1));
  if (used === undefined) return '(gained names, and the page content cannot be read to check them)';
  const hit = added.find((name) => used.has(name));
  return hit === undefined ? undefined : `/${hit} (added, and used by the page content)`;
}

function annotationKeys(view: PdfReader, page: PageAt, revision: number): Set<string> {
  const list = view.resolveAt(page.dict.get('Annots'), revision);
  const out = new Set<string>();
  // Stryker disable next-line ArrayDeclaration: a placeholder entry is no reference and adds no key
  for (const a of Array.isArray(list) ? list : []) if (a instanceof PdfRef) out.add(a.key);
  return out;
}

/**
 * Every name mentioned by anything the page can draw: its content streams, and — recursively
 * through resource dictionaries — form XObjects, tiling patterns and Type3 glyph procedures, and
 * the appearance streams of its annotations. Viewers differ in where a missing name is looked up
 * (poppler falls back to the page's resources from inside a form), so a name added to the page
 * counts as used if any of these mentions it. Undefined when something cannot be read.
 */
function contentNames(
  view: PdfReader,
  page: PageAt,
  r: number,
  /** Names the revision added: what they draw is new, and judged as such elsewhere. */
  added: ReadonlySet<string>,
  /**
   * Annotations the page had before: only what was there when signed can start using a new name.
   * One written directly in /Annots has no key to tell it by, and counts as one the page had.
   */
  oldAnnots: ReadonlySet<string>,
): Set<string> | undefined {
  const streams: PdfStream[] = [];
  const seen = new Set<PdfObject>();
  /** `drawn`: a stream reached here is drawn as content (a glyph procedure, an appearance state). */
  const visit = (o: PdfObject | undefined, depth: number, drawn = false): boolean => {
    if (depth > 16 || streams.length > MAX_CONTENT_STREAMS) return false;
    const v = view.resolveAt(o, r);
    if (v === undefined || v === null || typeof v !== 'object' || seen.has(v)) return true;
    seen.add(v);
    if (v instanceof PdfStream) {
      // Forms, tiling patterns, glyph procedures and appearances are drawn; images, colour profiles,
      // shadings' data and font programs are not content and name nothing.
      if (drawn || v.dict.name('Subtype') === 'Form' || v.dict.get('PatternType') === 1) streams.push(v);
      else return true;
      return visit(v.dict.get('Resources'), depth + 1);
    }
    if (Array.isArray(v)) return v.every((x) => visit(x, depth + 1));
    if (v instanceof PdfDict) {
      for (const [key, x] of v.entries) {
        if (key === 'Parent' || key === 'P' || key === 'FontDescriptor' || key === 'Widths') continue;
        const states = key === 'CharProcs' || key === 'N' || key === 'D' || key === 'R';
        if (!visit(x, depth + 1, states || drawn)) return false;
      }
    }
    return true;
  };
  const contents = view.resolveAt(page.dict.get('Contents'), r);
  const pageStreams = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
  for (const c of pageStreams) {
    const s = view.resolveAt(c, r);
    if (!(s instanceof PdfStream)) return undefined;
    streams.push(s);
  }
  const resources = dictAtRev(view, attr(page, 'Resources'), r);
  // Stryker disable next-line OptionalChaining,ArrayDeclaration: these are the resources addedResourcesProblem found (without them it returned '(removed)'), never undefined here
  for (const category of resources?.entries.values() ?? []) {
    const entries = dictAtRev(view, category, r);
    if (!entries) continue;
    seen.add(entries);
    for (const [name, value] of entries.entries) if (!added.has(name) && !visit(value, 2)) return undefined;
  }
  const annots = view.resolveAt(page.dict.get('Annots'), r);
  // Stryker disable next-line ArrayDeclaration: a placeholder entry resolves to no dictionary and is skipped, as a missing /Annots is
  for (const a of Array.isArray(annots) ? annots : []) {
    if (a instanceof PdfRef && !oldAnnots.has(a.key)) continue;
    const d = dictAtRev(view, a, r);
    if (d && !visit(d.get('AP'), 0)) return undefined;
  }
  if (streams.length > MAX_CONTENT_STREAMS) return undefined;
  const names = new Set<string>();
  let budget = CONTENT_CAP;
  for (const s of streams) {
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
