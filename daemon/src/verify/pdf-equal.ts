import { PdfDict, type PdfObject, PdfName, PdfRef, PdfStream, PdfString } from '../pdf/reader/index.js';

/** Where stream data comes from (a reader, or a view of one revision). */
export interface StreamSource {
  streamRaw(stream: PdfStream): Uint8Array;
}

/** Structural equality of two parsed objects; streams compare dictionaries and raw data. */
export function pdfEqual(
  reader: StreamSource,
  a: PdfObject | undefined,
  b: PdfObject | undefined,
  depth = 0,
): boolean {
  if (depth > 64) return false;
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
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfString)
    return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((v, i) => pdfEqual(reader, v, b[i], depth + 1))
    );
  }
  if (a instanceof PdfStream) {
    if (!(b instanceof PdfStream) || !dictEqual(reader, a.dict, b.dict, depth + 1, ['Length'])) return false;
    if (a.dataLength !== b.dataLength) return false;
    return Buffer.from(reader.streamRaw(a)).equals(Buffer.from(reader.streamRaw(b)));
  }
  if (a instanceof PdfDict) return b instanceof PdfDict && dictEqual(reader, a, b, depth + 1);
  return false;
}

/** Equality of two dictionaries ignoring the keys in `ignore`. */
export function dictEqual(
  reader: StreamSource,
  a: PdfDict,
  b: PdfDict,
  depth = 0,
  // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
  ignore: readonly string[] = [],
): boolean {
  return changedKeys(reader, a, b, depth, ignore).length === 0;
}

/** Keys whose values differ between `a` and `b` (added, removed or changed), except `ignore`. */
export function changedKeys(
  reader: StreamSource,
  a: PdfDict,
  b: PdfDict,
  depth = 0,
  // Stryker disable next-line ArrayDeclaration: ignoring a key no PDF object has ("Stryker was here") changes nothing
  ignore: readonly string[] = [],
): string[] {
  const keys = new Set([...a.entries.keys(), ...b.entries.keys()]);
  const out: string[] = [];
  for (const k of keys) {
    if (ignore.includes(k)) continue;
    if (!pdfEqual(reader, a.get(k), b.get(k), depth + 1)) out.push(k);
  }
  return out;
}
