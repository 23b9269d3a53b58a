import {
  PdfDict,
  type PdfObject,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfReader,
} from '../pdf/reader/index.js';

/** Thrown when a comparison would walk more objects than the analysis allows. */
export class GraphBudgetExceeded extends Error {}

/**
 * Equality of what two revisions draw, by content: references are followed in their own
 * revision, so an object renumbered or moved into or out of an object stream compares equal when
 * its content is, and a changed object stream member compares unequal under the same number.
 */
export class GraphComparer {
  /** Reference pairs proven (or, while being compared, assumed) equal: cycles end here. */
  private readonly equalPairs = new Set<string>();
  private steps = 0;

  constructor(
    private readonly view: PdfReader,
    private readonly budget: number,
  ) {}

  equal(
    a: PdfObject | undefined,
    revA: number,
    b: PdfObject | undefined,
    revB: number,
    // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
    ignore: readonly string[] = [],
    depth = 0,
  ): boolean {
    if (++this.steps > this.budget) throw new GraphBudgetExceeded('object graph too large to compare');
    if (depth > 64) return false;
    if (a instanceof PdfRef || b instanceof PdfRef) {
      if (a instanceof PdfRef && b instanceof PdfRef && a.equals(b) && this.untouched(a.num, revA, revB))
        return true;
      const resolved = (): boolean =>
        this.equal(this.view.resolveAt(a, revA), revA, this.view.resolveAt(b, revB), revB, ignore, depth + 1);
      // Only reference pairs are remembered: a direct object is compared afresh each time.
      if (!(a instanceof PdfRef && b instanceof PdfRef)) return resolved();
      const key = `${a.key}|${b.key}|${ignore.join(',')}`;
      if (this.equalPairs.has(key)) return true;
      this.equalPairs.add(key);
      const same = resolved();
      // A failure may have rested on assumptions other pairs used: forget them all.
      if (!same) this.equalPairs.clear();
      return same;
    }
    if (a === b) return true;
    // The next three guards return what the type checks below return anyway (a missing value, a
    // primitive or a name matches none of them, and `a === b` is false past the line above): each
    // states a case plainly, none decides one.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
    if (a === undefined || b === undefined || a === null || b === null) return false;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
    if (typeof a !== 'object' || typeof b !== 'object') return a === b;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, see above
    if (a instanceof PdfName || b instanceof PdfName) return false;
    if (a instanceof PdfString)
      return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
    if (Array.isArray(a))
      return (
        Array.isArray(b) &&
        a.length === b.length &&
        // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
        a.every((v, i) => this.equal(v, revA, b[i], revB, [], depth + 1))
      );
    if (a instanceof PdfStream) {
      if (!(b instanceof PdfStream)) return false;
      if (!this.dictEqual(a.dict, revA, b.dict, revB, ['Length'], depth)) return false;
      if (a.dataLength !== b.dataLength) return false;
      return Buffer.from(this.view.streamRaw(a)).equals(Buffer.from(this.view.streamRaw(b)));
    }
    if (a instanceof PdfDict) return b instanceof PdfDict && this.dictEqual(a, revA, b, revB, ignore, depth);
    return false;
  }

  /** Keys whose values differ by content, except `ignore`. */
  // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
  changedKeys(a: PdfDict, revA: number, b: PdfDict, revB: number, ignore: readonly string[] = []): string[] {
    const out: string[] = [];
    for (const k of new Set([...a.entries.keys(), ...b.entries.keys()])) {
      if (ignore.includes(k)) continue;
      if (!this.equal(a.get(k), revA, b.get(k), revB)) out.push(k);
    }
    return out;
  }

  private dictEqual(
    a: PdfDict,
    revA: number,
    b: PdfDict,
    revB: number,
    ignore: readonly string[],
    depth: number,
  ): boolean {
    for (const k of new Set([...a.entries.keys(), ...b.entries.keys()])) {
      if (ignore.includes(k)) continue;
      // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
      if (!this.equal(a.get(k), revA, b.get(k), revB, [], depth + 1)) return false;
    }
    return true;
  }

  /** No revision in (revA, revB] rewrote the object, nor the object stream that holds it. */
  untouched(num: number, revA: number, revB: number): boolean {
    // Stryker disable next-line ConditionalExpression: a shortcut: with revA = revB both loops below are empty and the answer is true
    if (revA === revB) return true;
    const lo = Math.min(revA, revB);
    const hi = Math.max(revA, revB);
    for (let r = lo + 1; r <= hi; r++) if (this.view.revisions[r]!.entries.has(num)) return false;
    const e = this.view.entry(num, lo);
    if (e?.type !== 'compressed') return true;
    for (let r = lo + 1; r <= hi; r++) if (this.view.revisions[r]!.entries.has(e.stream)) return false;
    return true;
  }
}
