import { type PdfDict, type PdfObject, PdfRef, type PdfReader } from '../pdf/reader/index.js';
import {
  dictAtRev,
  fieldName,
  fieldType,
  isInvisibleWidget,
  isSignatureDict,
  isSignatureField,
  isStampField,
  valueHolder,
} from './field-kinds.js';
import type { GraphComparer } from './graph-equal.js';
import type { Raise } from './page-types.js';
import { type RevisionSignatures, madeFieldOf } from './signature-map.js';
import { stampShapeProblem } from './stamp-shape.js';

/**
 * A signature appearance added after signing that covers more than this share of the page can
 * replace what the page says (a title, the number and date); a signature block or seal is far
 * smaller (about 2–4% of an A4 page).
 */
export const MAX_SIGNATURE_PAGE_SHARE = 0.1;

export interface PageAnnotations {
  view: PdfReader;
  cmp: GraphComparer;
  r: number;
  /** 0-based page index. */
  index: number;
  mediaBox: [number, number, number, number] | undefined;
  sigs: RevisionSignatures;
  raise: Raise;
}

/**
 * The annotations of one page at revision `r` against `r - 1`: an annotation that was already
 * there must draw the same (unless it is the widget of an empty signature field signed in `r`),
 * and every added one is classified by what it is and what justifies it.
 */
export function checkPageAnnotations(ctx: PageAnnotations, oldList: PdfObject[], newList: PdfObject[]): void {
  const { cmp, r } = ctx;
  const oldRefs = new Map<string, PdfRef>();
  // Stryker disable next-line ArrayDeclaration: an entry that is no annotation never compares equal to one
  const oldDirect: PdfObject[] = [];
  for (const a of oldList) {
    if (a instanceof PdfRef) oldRefs.set(a.key, a);
    else oldDirect.push(a);
  }
  for (const item of newList) {
    if (item instanceof PdfRef && oldRefs.has(item.key)) {
      if (!cmp.equal(item, r - 1, item, r)) changedAnnotation(ctx, item);
      continue;
    }
    if (!(item instanceof PdfRef)) {
      const at = oldDirect.findIndex((o) => cmp.equal(o, r - 1, item, r));
      if (at >= 0) {
        oldDirect.splice(at, 1);
        continue;
      }
    }
    addedAnnotation(ctx, item);
  }
}

function changedAnnotation(ctx: PageAnnotations, ref: PdfRef): undefined {
  const { view, r, index } = ctx;
  const page = index + 1;
  const d = dictAtRev(view, ref, r);
  const label = d ? describeWidget(view, d, r) : `object ${ref.num}`;
  if (d && isSignatureField(view, d, r) && madeFieldOf(ctx.sigs, ref.key)) {
    const before = valueHolder(view, ref, r - 1);
    if (before === undefined) return signatureAppearance(ctx, d, fieldName(view, d, r));
  }
  ctx.raise('OTHER', `revision ${r}: page ${page}: the appearance of ${label} changed after signing`, page);
}

function addedAnnotation(ctx: PageAnnotations, item: PdfObject): undefined {
  const { view, r, index } = ctx;
  const page = index + 1;
  const where = `revision ${r}: page ${page}`;
  const d = dictAtRev(view, item, r);
  if (!d) return ctx.raise('OTHER', `${where}: an annotation that is not a dictionary was added`, page);
  if (d.name('Subtype') !== 'Widget')
    return ctx.raise('ANNOTATIONS', `${where}: /${d.name('Subtype') ?? '?'} annotation added`, page);
  const name = fieldName(view, d, r);
  if (isSignatureField(view, d, r)) return addedSignatureWidget(ctx, item, d, name);
  if (isStampField(view, d, r)) {
    if (!ctx.sigs.addsSeal)
      return ctx.raise('OTHER', `${where}: stamp field "${name}" added without a seal signature`, page);
    const problem = stampShapeProblem(view, d, r, index, ctx.mediaBox);
    if (problem) return ctx.raise('OTHER', `${where}: stamp field "${name}" added, but ${problem}`, page);
    return ctx.raise('SIGNATURES_AND_FORMS', where);
  }
  ctx.raise('OTHER', `${where}: form field "${name}" (${fieldType(view, d, r) ?? 'no /FT'}) added`, page);
}

/**
 * A new signature widget is allowed when it shows a signature made in this revision and is one of
 * that field's widgets as reached from /Fields, or when it is an empty field nobody can see.
 */
function addedSignatureWidget(ctx: PageAnnotations, item: PdfObject, d: PdfDict, name: string): undefined {
  const { view, r, index } = ctx;
  const page = index + 1;
  const where = `revision ${r}: page ${page}`;
  const holder = valueHolder(view, item, r);
  const sig = holder ? dictAtRev(view, holder.value, r) : undefined;
  if (!holder || !isSignatureDict(view, sig, r)) {
    if (isInvisibleWidget(view, d, r)) return ctx.raise('SIGNATURES_AND_FORMS', where);
    return ctx.raise(
      'OTHER',
      `${where}: unsigned signature field "${name}" added with a visible appearance`,
      page,
    );
  }
  const key = item instanceof PdfRef ? item.key : undefined;
  const made = key ? madeFieldOf(ctx.sigs, key) : undefined;
  if (!made?.widgets.has(key!)) {
    const existing =
      holder.value instanceof PdfRef && existedBefore(view, holder.value, r)
        ? `shows the existing signature of "${name}"`
        : `shows a signature that is not a field of this revision's signature`;
    return ctx.raise('OTHER', `${where}: a new widget ${existing}`, page);
  }
  signatureAppearance(ctx, d, name, made.docTimestamp);
}

/** A signature widget made or filled in this revision: bounded to a signature block's size. */
function signatureAppearance(
  ctx: PageAnnotations,
  d: PdfDict,
  name: string,
  // Read by certifiedRaise: under P=1 only a document timestamp's widget is an allowed change.
  docTimestamp = false,
): undefined {
  const { view, r, index } = ctx;
  const page = index + 1;
  const where = `revision ${r}: page ${page}`;
  const share = pageShare(view, d, r, ctx.mediaBox);
  if (share > MAX_SIGNATURE_PAGE_SHARE && !isInvisibleWidget(view, d, r))
    return ctx.raise(
      'OTHER',
      `${where}: the appearance of signature "${name}" covers ${Math.round(share * 100)}% of the page`,
      page,
    );
  return ctx.raise('SIGNATURES_AND_FORMS', where, undefined, docTimestamp);
}

function existedBefore(view: PdfReader, ref: PdfRef, r: number): boolean {
  const e = view.entry(ref.num, r - 1);
  return e !== undefined && e.type !== 'free';
}

function pageShare(
  view: PdfReader,
  d: PdfDict,
  r: number,
  box: [number, number, number, number] | undefined,
): number {
  const rect = view.resolveAt(d.get('Rect'), r);
  if (!box || !Array.isArray(rect)) return 0;
  // As the most generous viewer draws it: MuPDF takes the first four entries of any array,
  // poppler those of a four-entry one, and both read a missing or non-numeric entry as 0 (poppler
  // as 1 for the upper corner, a point away).
  const [x1, y1, x2, y2] = [0, 1, 2, 3].map((i) => {
    const v = view.resolveAt(rect[i], r);
    // Stryker disable next-line LogicalOperator: Number.isFinite is false for anything but a number, so || reads the same
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  });
  const pageArea = Math.abs((box[2] - box[0]) * (box[3] - box[1]));
  if (pageArea === 0) return 0;
  const w = Math.max(0, Math.min(Math.max(x1!, x2!), box[2]) - Math.max(Math.min(x1!, x2!), box[0]));
  const h = Math.max(0, Math.min(Math.max(y1!, y2!), box[3]) - Math.max(Math.min(y1!, y2!), box[1]));
  return (w * h) / pageArea;
}

function describeWidget(view: PdfReader, d: PdfDict, r: number): string {
  if (d.name('Subtype') !== 'Widget') return `the /${d.name('Subtype') ?? '?'} annotation`;
  return `the widget of "${fieldName(view, d, r)}"`;
}
