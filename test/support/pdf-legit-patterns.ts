import { type PdfObject, PdfRef, type PdfReader } from '../../daemon/src/pdf/reader/index.js';
import { WritableDict, name, text } from '../../daemon/src/pdf/writer/serialize.js';
import type { Signer } from '../../daemon/src/token/signer.js';
import { acroFormWith, appearance, formXObject } from './pdf-form-edits.js';
import { signatureDictionary, signedUpdate } from './pdf-hand-signing.js';
import { type UpdateObject, appendUpdate } from './pdf-update-writer.js';

/**
 * Later revisions that other signing tools write after a signature and that must not invalidate
 * it: another tool's xref habits, LTV data with the Adobe extension level, new form resources and
 * new page resources brought by a second signature's widget.
 */

/** Where the second signature's widget sits on page 1 (bottom left, clear of the approver's). */
const SECOND_RECT = [60, 60, 260, 130];
const INK = Buffer.from('0 0 1 RG 2 w 10 20 m 60 50 l 110 15 l 180 45 l S\n', 'latin1');
/** Appearances drawing the ink through the new form resource, or through the new page resources. */
const USES_FRM = Buffer.from('q /FRM Do Q\n', 'latin1');
const USES_PAGE_NAMES = Buffer.from(
  'q /FRM0 Do Q BT /SigF0 9 Tf 0 0 1 rg 10 5 Td (Le Thi Binh) Tj ET\n',
  'latin1',
);

interface SecondSignature {
  objects: UpdateObject[];
  /** The widget (merged with its field), in /Annots and /Fields. */
  widget: PdfRef;
  widgetDict: WritableDict;
}

/**
 * A visible signature field on page 1 painting `paint` (default: ink strokes) with `resources`
 * (default: its own, empty; `null`: none, so the page's resources are used).
 */
function secondSignature(
  r: PdfReader,
  next: () => number,
  field: string,
  look: { resources?: WritableDict | null; paint?: Uint8Array } = {},
) {
  const sig = next();
  const [w, h] = [SECOND_RECT[2]! - SECOND_RECT[0]!, SECOND_RECT[3]! - SECOND_RECT[1]!];
  const resources = look.resources === undefined ? WritableDict.of({}) : look.resources;
  const ap = appearance(next, [0, 0, w, h], look.paint ?? INK, resources);
  const widget = next();
  const widgetDict = WritableDict.of({
    Type: name('Annot'),
    Subtype: name('Widget'),
    FT: name('Sig'),
    T: text(field),
    V: new PdfRef(sig, 0),
    F: 132,
    Rect: SECOND_RECT,
    P: r.page(0).ref,
    AP: WritableDict.of({ N: ap.ref }),
  });
  return {
    objects: [{ num: sig, value: signatureDictionary() }, ap.object],
    widget: new PdfRef(widget, 0),
    widgetDict,
  } satisfies SecondSignature;
}

/** Page 1 rewritten under its own number with the widget appended to a direct /Annots array. */
function pageWithAnnot(r: PdfReader, widget: PdfRef, edit?: (page: WritableDict) => void): UpdateObject {
  const page = r.page(0);
  const old = r.resolve(page.dict.get('Annots'));
  const copy = WritableDict.from(page.dict).set('Annots', [...(Array.isArray(old) ? old : []), widget]);
  edit?.(copy);
  return { num: page.ref.num, value: copy };
}

/**
 * (a) A second signature with another tool's cross-reference habits: the widget inside a new
 * object stream, the rest in a classic table, either as a hybrid section (/XRefStm) or as an xref
 * stream followed by a classic table for the same update; the page object is rewritten with only
 * its /Annots changed.
 */
export async function secondSignatureTwoXrefSections(
  input: Uint8Array,
  signer: Signer,
  xref: 'hybrid' | 'stream-then-table',
): Promise<Buffer> {
  return signedUpdate(input, signer, (r, next) => {
    const s = secondSignature(r, next, 'ChuKyCongCuKhac');
    return {
      objects: [...s.objects, pageWithAnnot(r, s.widget), ...acroFormWith(r, next, { fields: [s.widget] })],
      packed: { stream: next(), objects: [{ num: s.widget.num, value: s.widgetDict }] },
      xref,
    };
  });
}

/**
 * (b) LTV data added later, as Acrobat does: a /DSS with the signers' certificates and
 * `/Extensions /ADBE` (BaseVersion 1.7, ExtensionLevel 8) in the catalog, no new signature.
 */
export function addDssWithExtensions(input: Uint8Array, certificates: Uint8Array[]): Buffer {
  return appendUpdate(input, (r, next) => {
    const certs: UpdateObject[] = certificates.map((der) => ({
      num: next(),
      value: WritableDict.of({ Length: der.length }),
      data: der,
    }));
    const dss = next();
    const catalog = WritableDict.from(r.catalog)
      .set('DSS', new PdfRef(dss, 0))
      .set(
        'Extensions',
        WritableDict.of({ ADBE: WritableDict.of({ BaseVersion: name('1.7'), ExtensionLevel: 8 }) }),
      );
    return {
      objects: [
        ...certs,
        { num: dss, value: WritableDict.of({ Certs: certs.map((c) => new PdfRef(c.num, 0)) }) },
        { num: r.catalogRef.num, value: catalog },
      ],
    };
  });
}

/**
 * (c) A second signature whose update adds new names to /AcroForm /DR (an /XObject /FRM used by
 * its appearance, a new /Font) and sets the form's default appearance /DA.
 */
export async function secondSignatureWithFormResources(input: Uint8Array, signer: Signer): Promise<Buffer> {
  return signedUpdate(input, signer, (r, next) => {
    const frm = next();
    const font = next();
    const frmRef = new PdfRef(frm, 0);
    const s = secondSignature(r, next, 'ChuKyDR', {
      resources: WritableDict.of({ XObject: WritableDict.of({ FRM: frmRef }) }),
      paint: USES_FRM,
    });
    return {
      objects: [
        { num: frm, value: formXObject([0, 0, 200, 70], INK, WritableDict.of({})), data: INK },
        {
          num: font,
          value: WritableDict.of({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica') }),
        },
        ...s.objects,
        { num: s.widget.num, value: s.widgetDict },
        pageWithAnnot(r, s.widget),
        ...acroFormWith(r, next, {
          fields: [s.widget],
          acro: (acro, old) => {
            const dr = r.dict(old?.get('DR'));
            const fonts = r.dict(dr?.get('Font'));
            const xobjects = r.dict(dr?.get('XObject'));
            const nextDr = dr ? WritableDict.from(dr) : WritableDict.of({});
            nextDr
              .set(
                'Font',
                (fonts ? WritableDict.from(fonts) : WritableDict.of({})).set('Helv', new PdfRef(font, 0)),
              )
              .set(
                'XObject',
                (xobjects ? WritableDict.from(xobjects) : WritableDict.of({})).set('FRM', frmRef),
              );
            acro.set('DR', nextDr).set('DA', text('/Helv 0 Tf 0 g'));
          },
        }),
      ],
    };
  });
}

/**
 * (d) A second signature whose widget brings new page resources: page 1's /Resources gains an
 * /XObject and a /Font name that only the new widget uses (another tool's page-level change).
 */
export async function secondSignatureWithPageResources(input: Uint8Array, signer: Signer): Promise<Buffer> {
  return signedUpdate(input, signer, (r, next) => {
    const frm = next();
    const font = next();
    const s = secondSignature(r, next, 'ChuKyTaiNguyen', { resources: null, paint: USES_PAGE_NAMES });
    const page = r.page(0);
    const addNames = (res: WritableDict): WritableDict => {
      const group = (key: string): WritableDict => {
        const d = r.dict(res.entries.get(key) as PdfObject | undefined);
        return d ? WritableDict.from(d) : WritableDict.of({});
      };
      return res
        .set('XObject', group('XObject').set('FRM0', new PdfRef(frm, 0)))
        .set('Font', group('Font').set('SigF0', new PdfRef(font, 0)));
    };
    const objects: UpdateObject[] = [
      { num: frm, value: formXObject([0, 0, 200, 70], INK, WritableDict.of({})), data: INK },
      {
        num: font,
        value: WritableDict.of({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Helvetica') }),
      },
      ...s.objects,
      { num: s.widget.num, value: s.widgetDict },
    ];
    const resRaw = page.dict.get('Resources') ?? page.resources;
    const res = r.dict(resRaw);
    if (!res) throw new Error('page 1 has no /Resources');
    if (resRaw instanceof PdfRef) {
      objects.push(pageWithAnnot(r, s.widget));
      objects.push({ num: resRaw.num, value: addNames(WritableDict.from(res)) });
    } else {
      objects.push(pageWithAnnot(r, s.widget, (p) => p.set('Resources', addNames(WritableDict.from(res)))));
    }
    objects.push(...acroFormWith(r, next, { fields: [s.widget] }));
    return { objects };
  });
}
