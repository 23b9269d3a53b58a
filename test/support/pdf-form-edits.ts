import { type PdfDict, PdfRef, type PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { WritableDict, type WritableObject, name } from '../../daemon/src/pdf/writer/serialize.js';
import type { UpdateObject } from './pdf-update-writer.js';

/** Building blocks of hand-written form updates: page /Annots, /AcroForm and appearance streams. */

/** Page 1 of A4 as our test documents have it, in points. */
export const PAGE_RECT = [0, 0, 595.28, 841.89];

/** Paints a `w` × `h` box white, then a forged line of text near its top (an appearance stream body). */
export function coverPaint(w: number, h: number): Buffer {
  return Buffer.from(
    `q 1 1 1 rg 0 0 ${w} ${h} re f Q BT /F1 24 Tf 0 0 0 rg 30 ${Math.max(10, h - 150)} Td (QUYET DINH DA SUA) Tj ET\n`,
    'latin1',
  );
}

const HELVETICA = WritableDict.of({
  Type: name('Font'),
  Subtype: name('Type1'),
  BaseFont: name('Helvetica'),
});

/**
 * A form XObject (appearance stream); `resources` default to Helvetica as /F1, `null` leaves them
 * out so the stream uses the page's resources (PDF 1.1 style, still written by some tools).
 */
export function formXObject(
  bbox: number[],
  content: Uint8Array,
  resources?: WritableDict | null,
): UpdateObject['value'] {
  return WritableDict.of({
    Type: name('XObject'),
    Subtype: name('Form'),
    BBox: bbox,
    Resources:
      resources === null
        ? undefined
        : (resources ?? WritableDict.of({ Font: WritableDict.of({ F1: HELVETICA }) })),
    Length: content.length,
  });
}

/** A new appearance stream object; returns it and its reference. */
export function appearance(
  next: () => number,
  bbox: number[],
  content: Uint8Array,
  resources?: WritableDict | null,
): { object: UpdateObject; ref: PdfRef } {
  const num = next();
  return {
    object: { num, value: formXObject(bbox, content, resources), data: content },
    ref: new PdfRef(num, 0),
  };
}

/** Objects that append `added` to page `index`'s /Annots (the array object or the page itself). */
export function pageAnnotsWith(
  r: PdfReader,
  index: number,
  added: PdfRef[],
  editPage?: (page: WritableDict) => void,
): UpdateObject[] {
  const page = r.page(index);
  const raw = page.dict.get('Annots');
  const old = r.resolve(raw);
  const list = [...(Array.isArray(old) ? old : []), ...added];
  if (raw instanceof PdfRef && !editPage) return [{ num: raw.num, value: list }];
  const copy = WritableDict.from(page.dict);
  if (raw instanceof PdfRef) {
    editPage?.(copy);
    return [
      { num: raw.num, value: list },
      { num: page.ref.num, value: copy },
    ];
  }
  copy.set('Annots', list);
  editPage?.(copy);
  return [{ num: page.ref.num, value: copy }];
}

export interface AcroFormEdit {
  /** Fields appended to /Fields. */
  fields?: PdfRef[];
  /** Further changes to the (copied) AcroForm dictionary. */
  acro?: (acro: WritableDict, old: PdfDict | undefined) => void;
  /** Further changes to the (copied) catalog; the catalog is then rewritten under its own number. */
  catalog?: (catalog: WritableDict) => void;
}

/**
 * Objects that apply `edit` to the document's AcroForm: rewritten in place when it is an indirect
 * object, else created as a new indirect object referenced from the catalog.
 */
export function acroFormWith(r: PdfReader, next: () => number, edit: AcroFormEdit): UpdateObject[] {
  const raw = r.catalog.get('AcroForm');
  const old = r.dict(raw);
  const acro = old ? WritableDict.from(old) : WritableDict.of({});
  if (edit.fields) {
    const fields = r.resolve(old?.get('Fields'));
    const fieldsRaw = old?.get('Fields');
    const list: WritableObject[] = [...(Array.isArray(fields) ? fields : []), ...edit.fields];
    if (fieldsRaw instanceof PdfRef && !edit.acro && raw instanceof PdfRef && !edit.catalog)
      return [{ num: fieldsRaw.num, value: list }];
    acro.set('Fields', list);
  }
  edit.acro?.(acro, old);
  const out: UpdateObject[] = [];
  let acroRef = raw instanceof PdfRef ? raw : undefined;
  if (!acroRef) acroRef = new PdfRef(next(), 0);
  out.push({ num: acroRef.num, value: acro });
  if (!(raw instanceof PdfRef) || edit.catalog) {
    const catalog = WritableDict.from(r.catalog).set('AcroForm', acroRef);
    edit.catalog?.(catalog);
    out.push({ num: r.catalogRef.num, value: catalog });
  }
  return out;
}

/** The reference of the first signed signature field (its field dictionary) and of its /V. */
export function firstSignature(r: PdfReader): { field: PdfRef; value: PdfRef; dict: PdfDict } {
  const sig = r.signatureFields().find((f) => f.value && f.fieldRef && f.valueRef);
  if (!sig?.fieldRef || !sig.valueRef) throw new Error('no signed field with indirect /V');
  return { field: sig.fieldRef, value: sig.valueRef, dict: sig.field };
}

/** The field named `t` (first level of /Fields or their kids). */
export function fieldNamed(r: PdfReader, t: string): { ref: PdfRef; dict: PdfDict } {
  const f = r.fields().find((x) => x.name === t);
  if (!f?.ref) throw new Error(`no indirect field ${t}`);
  return { ref: f.ref, dict: f.dict };
}
