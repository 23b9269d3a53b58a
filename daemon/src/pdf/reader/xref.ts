import { decodeStream } from './filters.js';
import { type Lexer, SyntaxFault } from './lexer.js';
import { PdfDict, type PdfStream } from './objects.js';

/** Highest object number a conforming file may use (ISO 32000-1 Annex C). */
export const MAX_OBJECTS = 8_388_607;

export type XrefEntry =
  | { type: 'free' }
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number };

export interface XrefSection {
  kind: 'table' | 'stream';
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

/** Parses a classic `xref` table plus its `trailer` dictionary from a lexer positioned at `xref`. */
export function parseXrefTable(lx: Lexer): XrefSection {
  lx.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    if (lx.tryKeyword('trailer')) break;
    const start = lx.tryInteger();
    const count = lx.tryInteger();
    if (start === undefined || count === undefined)
      throw new SyntaxFault(`bad xref subsection at ${lx.absolute}`);
    if (start + count > MAX_OBJECTS + 1) throw new SyntaxFault('xref subsection beyond the object limit');
    for (let i = 0; i < count; i++) {
      const offset = lx.tryInteger();
      const gen = lx.tryInteger();
      lx.skipWhitespace();
      const kind = lx.regularToken();
      if (offset === undefined || gen === undefined || (kind !== 'n' && kind !== 'f')) {
        throw new SyntaxFault(`bad xref entry at ${lx.absolute}`);
      }
      const num = start + i;
      // Within one section the first entry for a number wins.
      if (!entries.has(num))
        entries.set(num, kind === 'n' ? { type: 'offset', offset, gen } : { type: 'free' });
    }
  }
  const trailer = lx.parseObject();
  if (!(trailer instanceof PdfDict)) throw new SyntaxFault('trailer is not a dictionary');
  return { kind: 'table', entries, trailer };
}

/** Decodes the entries of a cross-reference stream (ISO 32000-1 §7.5.8). */
export function parseXrefStream(stream: PdfStream, raw: Uint8Array): XrefSection {
  const dict = stream.dict;
  if (dict.name('Type') !== 'XRef') throw new SyntaxFault('cross-reference stream without /Type /XRef');
  const size = dict.number('Size');
  const w = dict.get('W');
  if (size === undefined || size < 0 || size > MAX_OBJECTS + 1) throw new SyntaxFault('bad /Size');
  if (!Array.isArray(w) || w.length !== 3 || !w.every((v) => typeof v === 'number' && v >= 0 && v <= 8)) {
    throw new SyntaxFault('bad /W');
  }
  const [w0, w1, w2] = w as [number, number, number];
  const rowLen = w0 + w1 + w2;
  if (rowLen === 0) throw new SyntaxFault('empty /W');
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((v) => typeof v === 'number')) {
    throw new SyntaxFault('bad /Index');
  }
  const data = decodeStream(dict, raw);
  const entries = new Map<number, XrefEntry>();
  let p = 0;
  const field = (width: number, dflt: number): number => {
    if (width === 0) return dflt;
    let v = 0;
    for (let i = 0; i < width; i++) v = v * 256 + data[p++]!;
    return v;
  };
  for (let k = 0; k < index.length; k += 2) {
    const start = index[k] as number;
    const count = index[k + 1] as number;
    if (start < 0 || count < 0 || start + count > MAX_OBJECTS + 1) throw new SyntaxFault('bad /Index range');
    for (let i = 0; i < count; i++) {
      if (p + rowLen > data.length) throw new SyntaxFault('cross-reference stream shorter than /Index says');
      const t = field(w0, 1);
      const a = field(w1, 0);
      const b = field(w2, 0);
      const num = start + i;
      if (entries.has(num)) continue;
      if (t === 1) entries.set(num, { type: 'offset', offset: a, gen: b });
      else if (t === 2) entries.set(num, { type: 'compressed', stream: a, index: b });
      else entries.set(num, { type: 'free' });
    }
  }
  return { kind: 'stream', entries, trailer: dict };
}
