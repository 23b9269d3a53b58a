import { PdfDict, PdfName, type PdfObject, PdfRef, PdfString, type PdfReader } from '../pdf/reader/index.js';

/** Read-only text fields our seal step adds for the document number and date (sign/roles.ts). */
const STAMP_FIELD = /^(SoVanBan|NgayBanHanh)(\.|_|$)/;
/** Annotation flags that keep a widget from being shown or printed (ISO 32000-1 §12.5.3). */
const HIDDEN = 2;
const NO_VIEW = 32;

export function dictAtRev(view: PdfReader, o: PdfObject | undefined, revision: number): PdfDict | undefined {
  const v = view.resolveAt(o, revision);
  return v instanceof PdfDict ? v : undefined;
}

/** A field attribute, inherited through /Parent (bounded). */
function inherited(view: PdfReader, d: PdfDict, key: string, revision: number): PdfObject | undefined {
  let cur: PdfDict | undefined = d;
  for (let i = 0; cur && i < 32; i++) {
    if (cur.has(key)) return cur.get(key);
    cur = dictAtRev(view, cur.get('Parent'), revision);
  }
  return undefined;
}

export function fieldType(view: PdfReader, d: PdfDict, revision: number): string | undefined {
  const ft = view.resolveAt(inherited(view, d, 'FT', revision), revision);
  return ft instanceof PdfName ? ft.value : undefined;
}

export function isSignatureField(view: PdfReader, d: PdfDict, revision: number): boolean {
  return fieldType(view, d, revision) === 'Sig';
}

/** A signature dictionary: /ByteRange and /Contents, typed /Sig or /DocTimeStamp when typed. */
export function isSignatureDict(view: PdfReader, v: PdfDict | undefined, revision: number): boolean {
  if (!v) return false;
  const type = v.name('Type');
  if (type !== undefined && type !== 'Sig' && type !== 'DocTimeStamp') return false;
  return (
    Array.isArray(view.resolveAt(v.get('ByteRange'), revision)) &&
    view.resolveAt(v.get('Contents'), revision) instanceof PdfString
  );
}

/** A signature field whose value is a signature dictionary. */
export function isSignedField(view: PdfReader, d: PdfDict, revision: number): boolean {
  return isSignatureDict(view, dictAtRev(view, inherited(view, d, 'V', revision), revision), revision);
}

/**
 * The field object that holds the /V a widget shows: the widget itself or the nearest /Parent
 * with a /V (bounded), as a reference key, with that value; undefined when no ancestor has one.
 */
export function valueHolder(
  view: PdfReader,
  ref: PdfObject | undefined,
  revision: number,
): { key: string | undefined; value: PdfObject } | undefined {
  let cur: PdfObject | undefined = ref;
  // Stryker disable next-line ConditionalExpression: without a current object dictAtRev gives nothing, and that returns undefined too
  for (let i = 0; cur !== undefined && i < 32; i++) {
    const d = dictAtRev(view, cur, revision);
    if (!d) return undefined;
    const v = d.get('V');
    if (v !== undefined) return { key: cur instanceof PdfRef ? cur.key : undefined, value: v };
    cur = d.get('Parent');
  }
  return undefined;
}

export function fieldName(view: PdfReader, d: PdfDict, revision: number): string {
  const t = view.resolveAt(inherited(view, d, 'T', revision), revision);
  return t instanceof PdfString ? t.text() : '(unnamed)';
}

/** The fully qualified name (partial names of the field and its ancestors joined by dots, bounded). */
export function qualifiedFieldName(view: PdfReader, d: PdfDict, revision: number): string {
  const parts: string[] = [];
  let cur: PdfDict | undefined = d;
  for (let i = 0; cur && i < 32; i++) {
    const t = view.resolveAt(cur.get('T'), revision);
    if (t instanceof PdfString) parts.unshift(t.text());
    cur = dictAtRev(view, cur.get('Parent'), revision);
  }
  return parts.length > 0 ? parts.join('.') : '(unnamed)';
}

export function isStampField(view: PdfReader, d: PdfDict, revision: number): boolean {
  if (fieldType(view, d, revision) !== 'Tx') return false;
  const ff = d.number('Ff') ?? 0;
  return (ff & 1) === 1 && STAMP_FIELD.test(fieldName(view, d, revision));
}

/** A widget nobody sees: flagged hidden / no-view, or a zero-area /Rect. */
export function isInvisibleWidget(view: PdfReader, d: PdfDict, revision: number): boolean {
  const f = d.number('F') ?? 0;
  if ((f & (HIDDEN | NO_VIEW)) !== 0) return true;
  const rect = view.resolveAt(d.get('Rect'), revision);
  if (!Array.isArray(rect) || rect.length !== 4) return false;
  const n = rect.map((x) => view.resolveAt(x, revision));
  if (!n.every((x) => typeof x === 'number')) return false;
  const [x1, y1, x2, y2] = n as number[];
  return x1 === x2 || y1 === y2;
}
