import { type PdfObject, PdfRef, type PdfReader } from '../pdf/reader/index.js';
import { checkPageAnnotations } from './annotation-changes.js';
import { dictAtRev } from './field-kinds.js';
import { GraphBudgetExceeded, type GraphComparer } from './graph-equal.js';
import { addedResourcesProblem } from './resource-additions.js';
import { type PageAt, type Raise, attr } from './page-types.js';
import type { RevisionSignatures } from './signature-map.js';

export type { PageAt, Raise } from './page-types.js';

/** Page attributes a page inherits from its ancestors (ISO 32000-1 Table 30). */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;
const MAX_PAGES = 100_000;

/**
 * What each page shows at revision `r` against revision `r - 1`, page by page as reached from
 * each revision's own /Root: page content, resources and boxes compared by content (so a new
 * catalog or page tree, or a rewritten object stream, cannot hide a change), and every added
 * annotation classified (annotation-changes.ts). Resources may only gain names the page's content
 * does not use.
 */
export function comparePages(
  view: PdfReader,
  cmp: GraphComparer,
  r: number,
  sigs: RevisionSignatures,
  raise: Raise,
  /** Page lists by revision: each revision's list serves as "before" for the next one. */
  walked: Map<number, PageAt[]>,
): void {
  const listed = (rev: number): PageAt[] => {
    let pages = walked.get(rev);
    // Stryker disable next-line ConditionalExpression: walking a revision again gives the same list; the cache only saves the walk
    if (!pages) walked.set(rev, (pages = pagesAt(view, rev)));
    return pages;
  };
  const before = listed(r - 1);
  const after = listed(r);
  // Stryker disable next-line ArithmeticOperator: dropping a list no later revision needs only frees memory
  walked.delete(r - 1);
  if (before.length !== after.length)
    raise('OTHER', `revision ${r}: page count changed from ${before.length} to ${after.length}`);
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const old = before[i]!;
    const now = after[i]!;
    const keys = changedPageKeys(view, cmp, r, old, now);
    const resources = keys.indexOf('Resources');
    if (resources >= 0) {
      const problem = addedResourcesProblem(view, cmp, r, old, now);
      if (problem) keys[resources] = `Resources ${problem}`;
      else keys.splice(resources, 1);
    }
    if (keys.length > 0) raise('OTHER', `revision ${r}: page ${i + 1} /${keys.join(' /')} changed`, i + 1);
    const oldA = view.resolveAt(old.dict.get('Annots'), r - 1);
    const newA = view.resolveAt(now.dict.get('Annots'), r);
    checkPageAnnotations(
      { view, cmp, r, index: i, mediaBox: mediaBoxOf(view, now, r), sigs, raise },
      // Stryker disable next-line ArrayDeclaration: an old entry that is no annotation never matches an added one
      Array.isArray(oldA) ? oldA : [],
      Array.isArray(newA) ? newA : [],
    );
  }
}

function mediaBoxOf(view: PdfReader, page: PageAt, r: number): [number, number, number, number] | undefined {
  const box = view.resolveAt(attr(page, 'MediaBox'), r);
  // Stryker disable next-line ArrayDeclaration: a stand-in list is not four numbers either, so the box is unknown all the same
  const n = Array.isArray(box) ? box.map((v) => view.resolveAt(v, r)) : [];
  if (n.length !== 4 || !n.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  const [x1, y1, x2, y2] = n as number[];
  return [Math.min(x1!, x2!), Math.min(y1!, y2!), Math.max(x1!, x2!), Math.max(y1!, y2!)];
}

/**
 * Page keys (own or inherited) whose content differs. Compared key by key even when the page
 * object itself was not rewritten: its /Resources and their category dictionaries, changed in
 * place, are left to this comparison by the object-by-object analysis (changes.ts).
 */
function changedPageKeys(view: PdfReader, cmp: GraphComparer, r: number, old: PageAt, now: PageAt): string[] {
  const ignore = ['Annots', 'Parent'];
  const keys = cmp.changedKeys(old.dict, r - 1, now.dict, r, ignore);
  for (const k of INHERITABLE) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a key the page holds itself on either side is already compared by changedKeys
    if (old.dict.has(k) && now.dict.has(k)) continue;
    const a = old.dict.get(k) ?? old.inherited.get(k);
    const b = now.dict.get(k) ?? now.inherited.get(k);
    if (!keys.includes(k) && !cmp.equal(a, r - 1, b, r)) keys.push(k);
  }
  if (!keys.includes('Resources') && resourcesRewritten(view, cmp, r, old)) keys.push('Resources');
  return keys;
}

/**
 * The page's resource dictionary or one of its category dictionaries was rewritten in place.
 * changes.ts leaves those objects to this comparison, and an unchanged reference to a rewritten
 * object compares equal one level up (a font swapped inside an indirect /Font dictionary).
 */
function resourcesRewritten(view: PdfReader, cmp: GraphComparer, r: number, page: PageAt): boolean {
  const res = attr(page, 'Resources');
  // Stryker disable next-line ArrayDeclaration: a stand-in entry is no reference, so it is never found rewritten
  const refs = [res, ...(dictAtRev(view, res, r - 1)?.entries.values() ?? [])];
  // Stryker disable next-line BooleanLiteral,ConditionalExpression,LogicalOperator: resources flagged without a change only go to addedResourcesProblem, which finds nothing
  return refs.some((o) => o instanceof PdfRef && !cmp.untouched(o.num, r - 1, r));
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
    // Stryker disable next-line ConditionalExpression: a node reached again brings its leaves again, which are never released, so the walk throws either way
    if (node instanceof PdfRef) visiting.delete(node.key);
  };
  walk(catalog?.get('Pages'), new Map(), 0);
  return out;
}
