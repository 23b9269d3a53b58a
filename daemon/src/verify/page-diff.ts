import { type PdfDict, type PdfObject, PdfRef, type PdfReader } from '../pdf/reader/index.js';
import {
  dictAtRev,
  fieldName,
  fieldType,
  isInvisibleWidget,
  isSignatureField,
  isSignedField,
  isStampField,
} from './field-kinds.js';
import { GraphBudgetExceeded, type GraphComparer } from './graph-equal.js';

/** Records a finding; `page` (1-based) when it is about what one page shows. */
export type Raise = (
  to: 'SIGNATURES_AND_FORMS' | 'ANNOTATIONS' | 'OTHER',
  line: string,
  page?: number,
) => undefined;

/** Page attributes a page inherits from its ancestors (ISO 32000-1 Table 30). */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;
const MAX_PAGES = 100_000;

export interface PageAt {
  ref: PdfObject | undefined;
  dict: PdfDict;
  /** Attributes the page takes from its ancestors (those it does not set itself). */
  inherited: Map<string, PdfObject>;
}

/**
 * What each page shows at revision `r` against revision `r - 1`, page by page as reached from
 * each revision's own /Root: page content, resources and boxes compared by content (so a new
 * catalog or page tree, or a rewritten object stream, cannot hide a change), and every added
 * annotation classified. Signature widgets must carry a signature; stamp fields only come with one.
 */
export function comparePages(
  view: PdfReader,
  cmp: GraphComparer,
  r: number,
  revisionSigns: boolean,
  raise: Raise,
  /** Page lists by revision: each revision's list serves as "before" for the next one. */
  walked: Map<number, PageAt[]>,
): void {
  const listed = (rev: number): PageAt[] => {
    let pages = walked.get(rev);
    if (!pages) walked.set(rev, (pages = pagesAt(view, rev)));
    return pages;
  };
  const before = listed(r - 1);
  const after = listed(r);
  walked.delete(r - 1);
  if (before.length !== after.length)
    raise('OTHER', `revision ${r}: page count changed from ${before.length} to ${after.length}`);
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const old = before[i]!;
    const now = after[i]!;
    const keys = changedPageKeys(cmp, r, old, now);
    if (keys.length > 0) raise('OTHER', `revision ${r}: page ${i + 1} /${keys.join(' /')} changed`, i + 1);
    checkAddedAnnotations(view, r, i + 1, old.dict, now.dict, revisionSigns, raise);
  }
}

/** Page keys (own or inherited) whose content differs; an untouched page object is not re-read. */
function changedPageKeys(cmp: GraphComparer, r: number, old: PageAt, now: PageAt): string[] {
  const ignore = ['Annots', 'Parent'];
  const keys = cmp.equal(old.ref, r - 1, now.ref, r, ignore)
    ? []
    : cmp.changedKeys(old.dict, r - 1, now.dict, r, ignore);
  for (const k of INHERITABLE) {
    if (old.dict.has(k) && now.dict.has(k)) continue;
    const a = old.dict.get(k) ?? old.inherited.get(k);
    const b = now.dict.get(k) ?? now.inherited.get(k);
    if (!keys.includes(k) && !cmp.equal(a, r - 1, b, r)) keys.push(k);
  }
  return keys;
}

function checkAddedAnnotations(
  view: PdfReader,
  r: number,
  page: number,
  old: PdfDict,
  now: PdfDict,
  revisionSigns: boolean,
  raise: Raise,
): void {
  const oldList = view.resolveAt(old.get('Annots'), r - 1);
  const known = new Set<number>();
  if (Array.isArray(oldList)) for (const a of oldList) if (a instanceof PdfRef) known.add(a.num);
  const newList = view.resolveAt(now.get('Annots'), r);
  if (!Array.isArray(newList)) return;
  for (const item of newList) {
    if (item instanceof PdfRef && known.has(item.num)) continue;
    const d = dictAtRev(view, item, r);
    const where = `revision ${r}: page ${page}`;
    if (!d) {
      raise('OTHER', `${where}: an annotation that is not a dictionary was added`, page);
      continue;
    }
    if (d.name('Subtype') !== 'Widget') {
      raise('ANNOTATIONS', `${where}: /${d.name('Subtype') ?? '?'} annotation added`, page);
      continue;
    }
    const name = fieldName(view, d, r);
    if (isSignatureField(view, d, r)) {
      if (isSignedField(view, d, r)) raise('SIGNATURES_AND_FORMS', where);
      else if (isInvisibleWidget(view, d, r)) raise('SIGNATURES_AND_FORMS', where);
      else
        raise('OTHER', `${where}: unsigned signature field "${name}" added with a visible appearance`, page);
    } else if (isStampField(view, d, r) && revisionSigns) raise('SIGNATURES_AND_FORMS', where);
    else raise('OTHER', `${where}: form field "${name}" (${fieldType(view, d, r) ?? 'no /FT'}) added`, page);
  }
}

/** Leaf pages in order, walking the tree from the revision's /Root (bounded in depth and count). */
function pagesAt(view: PdfReader, revision: number): PageAt[] {
  const catalog = dictAtRev(view, view.revisions[revision]!.trailer.get('Root'), revision);
  const out: PageAt[] = [];
  const visiting = new Set<string>();
  const walk = (node: PdfObject | undefined, inherited: Map<string, PdfObject>, depth: number): void => {
    if (depth > 64) throw new GraphBudgetExceeded('page tree deeper than 64 levels');
    if (out.length > MAX_PAGES) throw new GraphBudgetExceeded('more pages than the analysis allows');
    if (node instanceof PdfRef) {
      if (visiting.has(node.key))
        throw new GraphBudgetExceeded('a page appears twice or the page tree loops');
      visiting.add(node.key);
    }
    const d = dictAtRev(view, node, revision);
    if (!d) return;
    const here = new Map(inherited);
    for (const k of INHERITABLE) if (d.has(k)) here.set(k, d.get(k)!);
    const kids = view.resolveAt(d.get('Kids'), revision);
    if (d.name('Type') !== 'Pages' && !Array.isArray(kids)) {
      out.push({ ref: node, dict: d, inherited });
      return;
    }
    if (Array.isArray(kids)) for (const k of kids) walk(k, here, depth + 1);
    if (node instanceof PdfRef) visiting.delete(node.key);
  };
  walk(catalog?.get('Pages'), new Map(), 0);
  return out;
}
