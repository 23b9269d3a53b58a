import { createHash } from 'node:crypto';
import { buildSignedData } from '../../daemon/src/cms/index.js';
import { PdfRef, type PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { Raw, WritableDict, type WritableObject, name, text } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import { acroFormWith, appearance, pageAnnotsWith } from './pdf-form-edits.js';
import { type UpdateObject, type UpdatePlan, type WrittenUpdate, writeUpdate } from './pdf-update-writer.js';

/**
 * Signatures made outside our signing engine, in hand-written updates: other tools' habits
 * (hybrid xref, page and form resources) and certification (DocMDP) signatures, which the engine
 * cannot write yet. The CMS is PAdES (ETSI.CAdES.detached) from the same builder the engine uses.
 */

const PLACEHOLDER_HEX = 16384;
const BYTE_RANGE_WIDTH = 60;

/** A signature dictionary with /ByteRange and /Contents placeholders, plus `extra` entries. */
export function signatureDictionary(extra: Record<string, WritableObject> = {}): WritableDict {
  return WritableDict.of({
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name('ETSI.CAdES.detached'),
    ByteRange: new Raw(`[0 0 0 0]${' '.repeat(BYTE_RANGE_WIDTH - 9)}`, 'byteRange'),
    Contents: new Raw(`<${'0'.repeat(PLACEHOLDER_HEX)}>`, 'contents'),
    M: text(`D:${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`),
    ...extra,
  });
}

/** Fills the ByteRange and the CMS of an update written with `signatureDictionary`. */
export async function fillSignature(written: WrittenUpdate, signer: Signer): Promise<Buffer> {
  const out = Buffer.from(written.bytes);
  const contents = written.marks.get('contents');
  const br = written.marks.get('byteRange');
  if (!contents || !br) throw new Error('the update has no signature placeholder');
  const a = contents.offset;
  const b = contents.offset + contents.length;
  const brText = `[0 ${a} ${b} ${out.length - b}]`.padEnd(br.length, ' ');
  if (brText.length !== br.length) throw new Error('ByteRange placeholder too small');
  out.write(brText, br.offset, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, a)).update(out.subarray(b)).digest();
  const cms = await buildSignedData({ signer, contentDigest: digest, subFilter: 'ETSI.CAdES.detached' });
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > PLACEHOLDER_HEX) throw new Error('CMS larger than the placeholder');
  out.write(hex, a + 1, 'latin1');
  return out;
}

/** Writes the update planned by `build` (which must include a `signatureDictionary`) and signs it. */
export async function signedUpdate(
  input: Uint8Array,
  signer: Signer,
  build: (r: PdfReader, next: () => number) => UpdatePlan,
): Promise<Buffer> {
  return fillSignature(writeUpdate(input, build), signer);
}

export interface SignatureFieldPlan {
  /** Partial field name (/T). */
  field: string;
  /** Widget rectangle; zero-area (invisible) by default. */
  rect?: number[];
  /** Appearance painted in the widget (its /BBox is the rectangle's size). */
  paint?: Uint8Array;
  /** Entries added to the signature dictionary. */
  sigExtra?: Record<string, WritableObject>;
}

/**
 * The objects of a new signature field on page 1 (signature dictionary, widget, appearance);
 * the caller adds `widget` to /Annots and /Fields.
 */
export function signatureField(
  r: PdfReader,
  next: () => number,
  plan: SignatureFieldPlan,
): { objects: UpdateObject[]; widget: PdfRef; sig: PdfRef } {
  const rect = plan.rect ?? [0, 0, 0, 0];
  const sig = next();
  const widget = next();
  const objects: UpdateObject[] = [{ num: sig, value: signatureDictionary(plan.sigExtra) }];
  const dict = WritableDict.of({
    Type: name('Annot'),
    Subtype: name('Widget'),
    FT: name('Sig'),
    T: text(plan.field),
    V: new PdfRef(sig, 0),
    F: plan.paint ? 4 : 132,
    Rect: rect,
    P: r.page(0).ref,
  });
  if (plan.paint) {
    const ap = appearance(next, [0, 0, rect[2]! - rect[0]!, rect[3]! - rect[1]!], plan.paint);
    objects.push(ap.object);
    dict.set('AP', WritableDict.of({ N: ap.ref }));
  }
  objects.push({ num: widget, value: dict });
  return { objects, widget: new PdfRef(widget, 0), sig: new PdfRef(sig, 0) };
}

/** DocMDP permissions of a certification signature (ISO 32000-1 §12.8.2.2). */
export type DocMdpP = 1 | 2 | 3;

/**
 * Certifies `input`: one update adds an invisible signature field whose signature dictionary has
 * a DocMDP /Reference with `/P p`, and the catalog gains /Perms /DocMDP pointing at it.
 */
export async function certify(input: Uint8Array, signer: Signer, p: DocMdpP): Promise<Buffer> {
  return signedUpdate(input, signer, (r, next) => {
    const reference = [
      WritableDict.of({
        Type: name('SigRef'),
        TransformMethod: name('DocMDP'),
        TransformParams: WritableDict.of({ Type: name('TransformParams'), P: p, V: name('1.2') }),
      }),
    ];
    const field = signatureField(r, next, { field: 'ChungThuc', sigExtra: { Reference: reference } });
    return {
      objects: [
        ...field.objects,
        ...pageAnnotsWith(r, 0, [field.widget]),
        ...acroFormWith(r, next, {
          fields: [field.widget],
          acro: (acro) => acro.set('SigFlags', 3),
          catalog: (c) => c.set('Perms', WritableDict.of({ DocMDP: field.sig })),
        }),
      ],
    };
  });
}
