import { VanthuError } from '@vanthu/shared/errors/index';
import { PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, type PdfReader } from '../reader/index.js';
import { Serializer, WritableDict, type WritableObject, name } from '../writer/serialize.js';

const MAX_OBJECTS = 50_000;
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_DEPTH = 48;

/** Where one stream's (still encoded) data sits in a page document, and which object it came from. */
export interface StreamExtent {
  /** Object number in the original file, for error messages. */
  object: number;
  /** Filter names in decoding order ('?' for an entry that is not a name). */
  filters: string[];
  start: number;
  length: number;
}

export interface PageDocument {
  bytes: Uint8Array;
  /** Every stream the page document holds: what a text extractor would decode. */
  streams: StreamExtent[];
}

/**
 * A small standalone PDF holding one page of `reader` with what its text needs: the content
 * streams, fonts and form XObjects (raw, still encoded). Images are left out, and so are the
 * page's /Parent, /Annots and everything else, so text extraction costs memory in proportion to
 * the page's text, not to the size of the file.
 */
export function pageDocument(reader: PdfReader, pageIndex: number): PageDocument {
  const page = reader.page(pageIndex);
  const numbers = new Map<string, number>();
  const bodies = new Map<number, { value: WritableObject; data?: Uint8Array; origin?: StreamOrigin }>();
  let next = 3;
  let bytes = 0;
  const convert = (obj: PdfObject | undefined, depth: number): WritableObject => {
    if (obj === undefined) return null;
    if (depth > MAX_DEPTH) throw new VanthuError('PDF_MALFORMED', 'page resources nested too deeply');
    if (obj instanceof PdfRef) {
      const known = numbers.get(obj.key);
      if (known !== undefined) return new PdfRef(known, 0);
      if (numbers.size >= MAX_OBJECTS) throw new VanthuError('PDF_MALFORMED', 'page uses too many objects');
      const n = next++;
      numbers.set(obj.key, n);
      const target = reader.resolve(obj);
      if (target instanceof PdfStream) {
        if (target.dict.name('Subtype') === 'Image') {
          bodies.set(n, { value: null });
        } else {
          bytes += target.dataLength;
          if (bytes > MAX_BYTES) throw new VanthuError('PDF_MALFORMED', 'page content too large to read');
          const data = reader.streamRaw(target);
          const dict = convert(target.dict, depth + 1) as WritableDict;
          dict.set('Length', data.length);
          bodies.set(n, {
            value: dict,
            data,
            origin: { object: obj.num, filters: filterNames(reader, target) },
          });
        }
      } else {
        bodies.set(n, { value: convert(target, depth + 1) });
      }
      return new PdfRef(n, 0);
    }
    if (Array.isArray(obj)) return obj.map((o) => convert(o, depth + 1));
    if (obj instanceof PdfDict) {
      const d = new WritableDict();
      for (const [k, v] of obj.entries) d.set(k, convert(v, depth + 1));
      return d;
    }
    if (obj instanceof PdfStream) return null;
    return obj;
  };
  const pageDict = new WritableDict();
  pageDict.set('Type', name('Page'));
  pageDict.set('Parent', new PdfRef(2, 0));
  pageDict.set('MediaBox', page.mediaBox);
  pageDict.set('CropBox', page.cropBox);
  pageDict.set('Rotate', page.rotate);
  pageDict.set('Resources', convert(page.resources, 0) ?? new WritableDict());
  pageDict.set('Contents', convert(page.dict.get('Contents'), 0));
  const pageNum = next++;
  bodies.set(pageNum, { value: pageDict });

  const s = new Serializer(0);
  s.write('%PDF-1.7\n');
  const offsets = new Map<number, number>();
  const streams: StreamExtent[] = [];
  const emit = (n: number, value: WritableObject, data?: Uint8Array, origin?: StreamOrigin): void => {
    offsets.set(n, s.position);
    s.write(`${n} 0 obj\n`);
    s.value(value);
    if (data) {
      s.write('\nstream\n');
      if (origin) streams.push({ ...origin, start: s.position, length: data.length });
      s.write(Buffer.from(data).toString('latin1'));
      s.write('\nendstream');
    }
    s.write('\nendobj\n');
  };
  emit(1, WritableDict.of({ Type: name('Catalog'), Pages: new PdfRef(2, 0) }));
  emit(2, WritableDict.of({ Type: name('Pages'), Kids: [new PdfRef(pageNum, 0)], Count: 1 }));
  for (let n = 3; n < next; n++) {
    const b = bodies.get(n)!;
    emit(n, b.value, b.data, b.origin);
  }
  const xref = s.position;
  s.write(`xref\n0 ${next}\n0000000000 65535 f\r\n`);
  for (let n = 1; n < next; n++) s.write(`${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`);
  s.write(`trailer\n<< /Size ${next} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return { bytes: s.toBuffer(), streams };
}

type StreamOrigin = Pick<StreamExtent, 'object' | 'filters'>;

function filterNames(reader: PdfReader, stream: PdfStream): string[] {
  const f = reader.resolve(stream.dict.get('Filter'));
  const list = Array.isArray(f) ? f : f === undefined || f === null ? [] : [f];
  return list.map((e) => {
    const v = reader.resolve(e);
    return v instanceof PdfName ? v.value : '?';
  });
}
