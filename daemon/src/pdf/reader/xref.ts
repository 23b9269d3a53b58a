import { decodeStream } from './filters.js';
import { type Lexer, SyntaxFault } from './lexer.js';
import { PdfDict, type PdfStream } from './objects.js';

/** Highest object number a conforming file may use (ISO 32000-1 Annex C). */
export const MAX_OBJECTS = 8_388_607;

/**
 * Bytes a classic table entry occupies: 20 by the spec (§7.5.4); 19 is accepted because some
 * writers end entries with a single-byte EOL. A subsection cannot declare more entries than that.
 */
const MIN_TABLE_ENTRY_BYTES = 19;

/**
 * Entries (all sections of all revisions together) a file of `size` bytes may declare: one per
 * byte, and at least MIN_ENTRY_BUDGET for small files.
 *
 * Why one per byte is safe for real files: every entry describes an object or a free number the
 * writer had to spell out. A table row costs 19–20 bytes. An in-use object costs its own bytes too:
 * `n g obj … endobj` is at least ~15 bytes uncompressed, and an object inside an object stream at
 * least its header pair plus a token (≥ 4 decoded bytes; distinct, increasing numbers and offsets
 * compress to no less than ~2 bytes each). Xref stream rows of distinct offsets likewise stay ≥ 1
 * byte after compression. The densest real files we know carry one object per ~10 bytes, so a
 * whole-table rewrite in every revision still fits several times over, while the Maps a hostile
 * file can make us build stay proportional to its size (a few hundred bytes of heap per file byte,
 * at most), instead of MAX_OBJECTS entries per section declared by a handful of bytes
 * (`/W [1 0 0]` rows of zeros deflate a thousandfold).
 */
const ENTRIES_PER_FILE_BYTE = 1;
const MIN_ENTRY_BUDGET = 65_536;

/** The number of xref entries a file may still declare; shared by all sections of one file. */
export class EntryBudget {
  private left: number;
  constructor(readonly fileSize: number) {
    this.left = Math.max(MIN_ENTRY_BUDGET, Math.floor(fileSize * ENTRIES_PER_FILE_BYTE));
  }
  /** Spends `count` entries, or refuses the section before anything is allocated for it. */
  take(count: number): void {
    if (count > this.left)
      throw new SyntaxFault(
        `cross-reference sections declare more entries than a ${this.fileSize}-byte file can hold`,
      );
    this.left -= count;
  }
  /** A copy to spend on one parse attempt (a section re-parsed over a larger window spends once). */
  trial(): EntryBudget {
    const copy = new EntryBudget(this.fileSize);
    copy.left = this.left;
    return copy;
  }
  /** Keeps what a successful attempt spent. */
  settle(trial: EntryBudget): void {
    this.left = trial.left;
  }
}

export type XrefEntry =
  | { type: 'free' }
  | { type: 'offset'; offset: number; gen: number }
  | { type: 'compressed'; stream: number; index: number };

/** Free entries carry nothing: one shared object instead of one per entry. */
const FREE: XrefEntry = Object.freeze({ type: 'free' });

export interface XrefSection {
  kind: 'table' | 'stream';
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
}

/**
 * Parses a classic `xref` table plus its `trailer` dictionary from a lexer positioned at `xref`.
 * Each subsection's count is checked against the bytes left in the file and the budget first.
 */
export function parseXrefTable(lx: Lexer, budget: EntryBudget): XrefSection {
  lx.expectKeyword('xref');
  const entries = new Map<number, XrefEntry>();
  for (;;) {
    if (lx.tryKeyword('trailer')) break;
    const start = lx.tryInteger();
    const count = lx.tryInteger();
    if (start === undefined || count === undefined)
      throw new SyntaxFault(`bad xref subsection at ${lx.absolute}`);
    if (start < 0 || count < 0 || start + count > MAX_OBJECTS + 1)
      throw new SyntaxFault('xref subsection beyond the object limit');
    if (count * MIN_TABLE_ENTRY_BYTES > budget.fileSize - lx.absolute)
      throw new SyntaxFault(
        `xref subsection at ${lx.absolute} declares ${count} entries past the end of the file`,
      );
    budget.take(count);
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
      if (!entries.has(num)) entries.set(num, kind === 'n' ? { type: 'offset', offset, gen } : FREE);
    }
  }
  const trailer = lx.parseObject();
  if (!(trailer instanceof PdfDict)) throw new SyntaxFault('trailer is not a dictionary');
  return { kind: 'table', entries, trailer };
}

/**
 * Decodes the entries of a cross-reference stream (ISO 32000-1 §7.5.8). The declared entry count is
 * checked against the budget before decoding, and decoding stops at what those entries need.
 */
export function parseXrefStream(stream: PdfStream, raw: Uint8Array, budget: EntryBudget): XrefSection {
  const dict = stream.dict;
  if (dict.name('Type') !== 'XRef') throw new SyntaxFault('cross-reference stream without /Type /XRef');
  const size = dict.number('Size');
  const w = dict.get('W');
  if (size === undefined || size < 0 || size > MAX_OBJECTS + 1) throw new SyntaxFault('bad /Size');
  if (
    !Array.isArray(w) ||
    w.length !== 3 ||
    !w.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 8)
  ) {
    throw new SyntaxFault('bad /W');
  }
  const [w0, w1, w2] = w as [number, number, number];
  const rowLen = w0 + w1 + w2;
  if (rowLen === 0) throw new SyntaxFault('empty /W');
  const index = dict.get('Index') ?? [0, size];
  if (!Array.isArray(index) || index.length % 2 !== 0 || !index.every((v) => typeof v === 'number')) {
    throw new SyntaxFault('bad /Index');
  }
  let total = 0;
  for (let k = 0; k < index.length; k += 2) {
    const start = index[k] as number;
    const count = index[k + 1] as number;
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0)
      throw new SyntaxFault('bad /Index range');
    if (start + count > MAX_OBJECTS + 1) throw new SyntaxFault('bad /Index range');
    total += count;
  }
  budget.take(total);
  const need = rowLen * total;
  // A PNG predictor adds at most one tag byte per row of /Columns ≥ 1 bytes: twice the rows' size.
  const data = decodeStream(dict, raw, 2 * need + 1024);
  if (data.length < need) throw new SyntaxFault('cross-reference stream shorter than /Index says');
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
    for (let i = 0; i < count; i++) {
      const t = field(w0, 1);
      const a = field(w1, 0);
      const b = field(w2, 0);
      const num = start + i;
      if (entries.has(num)) continue;
      if (t === 1) entries.set(num, { type: 'offset', offset: a, gen: b });
      else if (t === 2) entries.set(num, { type: 'compressed', stream: a, index: b });
      else entries.set(num, FREE);
    }
  }
  return { kind: 'stream', entries, trailer: dict };
}
