import { type PdfDict, PdfRef, PdfReader, PdfStream } from '../../daemon/src/pdf/reader/index.js';
import {
  Raw,
  Serializer,
  WritableDict,
  type WritableObject,
  name,
  text,
} from '../../daemon/src/pdf/writer/serialize.js';

/**
 * Incremental updates written by hand, the way a forger would append them after a signature:
 * each returns the input with one more update (objects, then a cross-reference section with /Prev).
 */

interface NewObject {
  num: number;
  value: WritableObject;
  data?: Uint8Array;
}

interface Update {
  objects: NewObject[];
  /** Objects placed inside a new object stream (written uncompressed) as number `stream`. */
  packed?: { stream: number; objects: { num: number; value: WritableObject }[] };
  root?: PdfRef;
}

function serialise(v: WritableObject): string {
  const s = new Serializer(0);
  s.value(v);
  return s.toBuffer().toString('latin1');
}

/** An uncompressed object stream body holding `objects` (header of number/offset pairs, then the objects). */
export function objectStreamBody(objects: { num: number; value: WritableObject }[]): {
  dict: WritableDict;
  data: Buffer;
} {
  const bodies: string[] = [];
  const header: string[] = [];
  let at = 0;
  for (const o of objects) {
    const body = `${serialise(o.value)}\n`;
    header.push(`${o.num} ${at}`);
    bodies.push(body);
    at += body.length;
  }
  const head = `${header.join(' ')}\n`;
  const data = Buffer.from(head + bodies.join(''), 'latin1');
  const dict = WritableDict.of({
    Type: name('ObjStm'),
    N: objects.length,
    First: head.length,
    Length: data.length,
  });
  return { dict, data };
}

/** Appends one update: a classic table after a table, an xref stream after a stream or when objects are packed. */
function appendUpdate(input: Uint8Array, build: (r: PdfReader, next: () => number) => Update): Uint8Array {
  const reader = PdfReader.fromBuffer(input);
  let next = reader.nextObjectNumber;
  const update = build(reader, () => next++);
  const prev = reader.lastRevision;
  const chunks: string[] = [];
  let pos = input.length;
  const emit = (s: string): void => {
    chunks.push(s);
    pos += s.length;
  };
  const last = input[input.length - 1];
  if (last !== 10 && last !== 13) emit('\n');
  const rows = new Map<number, [number, number, number]>();
  const objects = [...update.objects];
  if (update.packed) {
    const { dict, data } = objectStreamBody(update.packed.objects);
    objects.push({ num: update.packed.stream, value: dict, data });
    for (const [i, o] of update.packed.objects.entries()) rows.set(o.num, [2, update.packed.stream, i]);
  }
  for (const o of objects) {
    rows.set(o.num, [1, pos, 0]);
    let s = `${o.num} 0 obj\n${serialise(o.value)}`;
    if (o.data) s += `\nstream\n${Buffer.from(o.data).toString('latin1')}\nendstream`;
    emit(`${s}\nendobj\n`);
  }
  const t = reader.trailer;
  const trailer = WritableDict.of({ Root: update.root ?? t.get('Root')!, Prev: prev.xrefOffset });
  if (t.get('Info')) trailer.set('Info', t.get('Info'));
  const id = reader.resolve(t.get('ID'));
  if (Array.isArray(id)) trailer.set('ID', id);
  if (prev.kind === 'stream' || update.packed) {
    const xrefNum = next++;
    rows.set(xrefNum, [1, pos, 0]);
    const nums = [...rows.keys()].sort((a, b) => a - b);
    const bytes: number[] = [];
    for (const n of nums) {
      const [type, f2, f3] = rows.get(n)!;
      bytes.push(
        type,
        (f2 >>> 24) & 255,
        (f2 >>> 16) & 255,
        (f2 >>> 8) & 255,
        f2 & 255,
        (f3 >>> 8) & 255,
        f3 & 255,
      );
    }
    trailer
      .set('Type', name('XRef'))
      .set('Size', next)
      .set('W', [1, 4, 2])
      .set(
        'Index',
        nums.flatMap((n) => [n, 1]),
      )
      .set('Length', bytes.length);
    const at = pos;
    emit(
      `${xrefNum} 0 obj\n${serialise(trailer)}\nstream\n${Buffer.from(bytes).toString('latin1')}\nendstream\nendobj\n`,
    );
    emit(`startxref\n${at}\n%%EOF\n`);
  } else {
    const at = pos;
    let s = 'xref\n0 1\n0000000000 65535 f\r\n';
    for (const n of [...rows.keys()].sort((a, b) => a - b))
      s += `${n} 1\n${String(rows.get(n)![1]).padStart(10, '0')} 00000 n\r\n`;
    trailer.set('Size', next);
    emit(`${s}trailer\n${serialise(trailer)}\nstartxref\n${at}\n%%EOF\n`);
  }
  return Buffer.concat([input, Buffer.from(chunks.join(''), 'latin1')]);
}

const FORGED = Buffer.from(
  'q 1 1 1 rg 60 700 300 60 re f 1 0 0 rg BT /F1 24 Tf 70 720 Td (FORGED) Tj ET Q\n',
  'latin1',
);

function firstPageRef(r: PdfReader): PdfRef {
  const kids = r.resolve(r.dict(r.catalog.get('Pages'))!.get('Kids'));
  if (!Array.isArray(kids) || !(kids[0] instanceof PdfRef)) throw new Error('page 1 is not a direct kid');
  return kids[0];
}

/** Page 1 copied with a forged content stream appended, under `parent`. */
function forgedPageCopy(r: PdfReader, next: () => number, parent: PdfRef): NewObject[] {
  const page = r.page(0);
  const stream = next();
  const old = page.dict.get('Contents');
  const contents = [...(Array.isArray(old) ? old : old ? [old] : []), new PdfRef(stream, 0)];
  const copy = WritableDict.from(page.dict).set('Contents', contents).set('Parent', parent);
  if (!page.dict.has('Resources') && page.resources) copy.set('Resources', page.resources);
  return [
    { num: stream, value: WritableDict.of({ Length: FORGED.length }), data: FORGED },
    { num: next(), value: copy },
  ];
}

/** Attack 1: a new catalog (new object number) with a new page tree whose page 1 draws over the signed page. */
export function replaceCatalog(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const pagesNum = next();
    const pagesRef = new PdfRef(pagesNum, 0);
    const [content, page] = forgedPageCopy(r, next, pagesRef);
    const oldPages = r.dict(r.catalog.get('Pages'))!;
    const kids = r.resolve(oldPages.get('Kids')) as PdfRef[];
    const pages = WritableDict.from(oldPages).set('Kids', [new PdfRef(page!.num, 0), ...kids.slice(1)]);
    const catalog = next();
    return {
      objects: [
        content!,
        page!,
        { num: pagesNum, value: pages },
        { num: catalog, value: WritableDict.from(r.catalog).set('Pages', pagesRef) },
      ],
      root: new PdfRef(catalog, 0),
    };
  });
}

/** The object stream that holds object `num` in the newest revision, if any. */
export function objectStreamOf(input: Uint8Array, num: number): number | undefined {
  const e = PdfReader.fromBuffer(input).entry(num);
  return e?.type === 'compressed' ? e.stream : undefined;
}

/** A harmless-looking update: the page tree root moved, unchanged, into a new object stream. */
export function movePagesIntoObjectStream(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const pagesRef = r.catalog.get('Pages') as PdfRef;
    return {
      objects: [],
      packed: {
        stream: next(),
        objects: [{ num: pagesRef.num, value: WritableDict.from(r.dict(pagesRef)!) }],
      },
    };
  });
}

/**
 * Attack 2: the object stream holding the page tree root rewritten under the same number (only
 * the stream gets a new xref entry); inside, /Kids now lists a forged copy of page 1.
 */
export function rewriteObjectStreamWithPages(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const pagesRef = r.catalog.get('Pages') as PdfRef;
    const e = r.entry(pagesRef.num);
    if (e?.type !== 'compressed') throw new Error('the page tree root is not in an object stream');
    const stream = r.resolve(new PdfRef(e.stream, 0));
    if (!(stream instanceof PdfStream)) throw new Error('object stream missing');
    const [content, page] = forgedPageCopy(r, next, pagesRef);
    const oldPages = r.dict(pagesRef)!;
    const kids = r.resolve(oldPages.get('Kids')) as PdfRef[];
    // Every other member is copied byte for byte; only the page tree root is rewritten.
    const packed = members(r, stream).map(({ num, body }) => {
      if (num !== pagesRef.num) return { num, value: new Raw(body) };
      const value = WritableDict.from(oldPages).set('Kids', [new PdfRef(page!.num, 0), ...kids.slice(1)]);
      return { num, value };
    });
    const { dict, data } = objectStreamBody(packed);
    return { objects: [content!, page!, { num: e.stream, value: dict, data }] };
  });
}

/** The members of an object stream with their source text. */
function members(r: PdfReader, stream: PdfStream): { num: number; body: string }[] {
  const data = Buffer.from(r.streamData(stream)).toString('latin1');
  const first = stream.dict.number('First')!;
  const n = stream.dict.number('N')!;
  const ints = data.slice(0, first).trim().split(/\s+/).map(Number);
  const at = (i: number): number => (i < n ? first + ints[2 * i + 1]! : data.length);
  return Array.from({ length: n }, (_, i) => ({
    num: ints[2 * i]!,
    body: data.slice(at(i), at(i + 1)).trim(),
  }));
}

/** Attack 3: an empty signature field (no /V) on page 1 whose appearance paints a white box and text over the page. */
export function addEmptySignatureField(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const pageRef = firstPageRef(r);
    const page = r.page(0);
    const ap = next();
    const widget = next();
    const paint = Buffer.from('q 1 1 1 rg 0 0 300 60 re f 1 0 0 RG 4 w 2 2 296 56 re S Q\n', 'latin1');
    const objects: NewObject[] = [
      {
        num: ap,
        value: WritableDict.of({
          Type: name('XObject'),
          Subtype: name('Form'),
          BBox: [0, 0, 300, 60],
          Length: paint.length,
        }),
        data: paint,
      },
      {
        num: widget,
        value: WritableDict.of({
          Type: name('Annot'),
          Subtype: name('Widget'),
          FT: name('Sig'),
          T: text('Chữ ký bổ sung'),
          Rect: [60, 700, 360, 760],
          F: 4,
          P: pageRef,
          AP: WritableDict.of({ N: new PdfRef(ap, 0) }),
        }),
      },
    ];
    const w = new PdfRef(widget, 0);
    const annots = r.resolve(page.dict.get('Annots'));
    const list = [...(Array.isArray(annots) ? annots : []), w];
    const annotsRaw = page.dict.get('Annots');
    if (annotsRaw instanceof PdfRef) objects.push({ num: annotsRaw.num, value: list });
    else objects.push({ num: pageRef.num, value: WritableDict.from(page.dict).set('Annots', list) });
    objects.push(
      ...withAcroForm(r, (acro) => {
        const fields = r.resolve(acro.get('Fields'));
        const fl = [...(Array.isArray(fields) ? fields : []), w];
        const raw = acro.get('Fields');
        if (raw instanceof PdfRef) return { extra: [{ num: raw.num, value: fl }] };
        return { acro: WritableDict.from(acro).set('Fields', fl) };
      }),
    );
    return { objects };
  });
}

/** Rewrites the (indirect) AcroForm with `edit`; objects to write. */
function withAcroForm(
  r: PdfReader,
  edit: (acro: PdfDict) => { acro?: WritableDict; extra?: NewObject[] },
): NewObject[] {
  const raw = r.catalog.get('AcroForm');
  const acro = r.dict(raw);
  if (!(raw instanceof PdfRef) || !acro) throw new Error('the signed file has no indirect AcroForm');
  const { acro: changed, extra = [] } = edit(acro);
  return changed ? [{ num: raw.num, value: changed }, ...extra] : extra;
}

/** Attack 4a: /NeedAppearances true, so viewers redraw every field from its value. */
export function setNeedAppearances(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r) => ({
    objects: withAcroForm(r, (acro) => ({ acro: WritableDict.from(acro).set('NeedAppearances', true) })),
  }));
}

/** Attack 4b: a font of the form's default resources (/DR /Font) replaced by another one. */
export function replaceFormFont(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const font = next();
    const objects: NewObject[] = [
      {
        num: font,
        value: WritableDict.of({ Type: name('Font'), Subtype: name('Type1'), BaseFont: name('Courier') }),
      },
    ];
    objects.push(
      ...withAcroForm(r, (acro) => {
        const dr = r.dict(acro.get('DR'));
        const fonts = r.dict(dr?.get('Font'));
        const key = fonts ? [...fonts.entries.keys()][0] : undefined;
        if (!dr || !fonts || !key) throw new Error('the signed file has no /DR fonts');
        const nextFonts = WritableDict.from(fonts).set(key, new PdfRef(font, 0));
        return { acro: WritableDict.from(acro).set('DR', WritableDict.from(dr).set('Font', nextFonts)) };
      }),
    );
    return { objects };
  });
}

/** Attack 5: the first signed widget of page 1 given a new appearance that paints over the page. */
export function replaceSignedAppearance(input: Uint8Array): Uint8Array {
  return appendUpdate(input, (r, next) => {
    const annots = r.resolve(r.page(0).dict.get('Annots'));
    const widget = (Array.isArray(annots) ? annots : []).find(
      (a) => a instanceof PdfRef && r.dict(r.dict(a)?.get('V'))?.has('ByteRange'),
    );
    if (!(widget instanceof PdfRef)) throw new Error('page 1 has no signed widget');
    const ap = next();
    return {
      objects: [
        {
          num: ap,
          value: WritableDict.of({
            Type: name('XObject'),
            Subtype: name('Form'),
            BBox: [0, 0, 600, 800],
            Length: FORGED.length,
          }),
          data: FORGED,
        },
        {
          num: widget.num,
          value: WritableDict.from(r.dict(widget)!)
            .set('AP', WritableDict.of({ N: new PdfRef(ap, 0) }))
            .set('Rect', [0, 0, 600, 800]),
        },
      ],
    };
  });
}

/**
 * Not an attack on its own: an update adding `count` unreferenced null objects, more than the change
 * analysis checks, so its verdict must come from the limit (never "unchanged").
 */
export function addUnreferencedObjects(input: Uint8Array, count: number): Uint8Array {
  return appendUpdate(input, (_r, next) => ({
    objects: Array.from({ length: count }, () => ({ num: next(), value: null })),
  }));
}
