import { createHash, randomBytes } from 'node:crypto';
import { PdfName, PdfRef, PdfString, type PdfReader, type XrefEntry } from '../reader/index.js';
import { Raw, Serializer, WritableDict, type WritableObject } from './serialize.js';

interface Entry {
  ref: PdfRef;
  value: WritableObject;
  /** Stream data (already encoded per the dictionary's /Filter). */
  data?: Uint8Array;
}

export interface BuiltUpdate {
  /** The appended bytes (everything after the input). */
  bytes: Buffer;
  /** Positions of marked placeholders, absolute in the output file. */
  marks: Map<string, { offset: number; length: number }>;
}

/**
 * One incremental update (ISO 32000-1 §7.5.6): new and replaced objects, then a cross-reference
 * section in the style of the previous one (table → table, stream → stream) with /Prev, the
 * trailer's /Root and /Info kept, /ID[0] kept and /ID[1] new.
 */
export class IncrementalUpdate {
  private next: number;
  private readonly objects = new Map<number, Entry>();
  /** Every object of the input with its real offset, when the input's own xref is wrong. */
  private complete: ReadonlyMap<number, XrefEntry> | undefined;

  constructor(
    private readonly reader: PdfReader,
    private readonly inputTail: Uint8Array,
  ) {
    this.next = reader.nextObjectNumber;
  }

  /** Reserves a new object number. */
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  /** Sets the content of a new object or replaces an existing one (same number and generation). */
  put(ref: PdfRef, value: WritableObject, data?: Uint8Array): void {
    this.objects.set(ref.num, data === undefined ? { ref, value } : { ref, value, data });
  }

  add(value: WritableObject, data?: Uint8Array): PdfRef {
    const ref = this.allocate();
    this.put(ref, value, data);
    return ref;
  }

  has(ref: PdfRef): boolean {
    return this.objects.has(ref.num);
  }

  /**
   * Makes the update's xref list every object of the file, the input's from `table` (its repaired
   * entries), so a reader that follows xref offsets without scanning reads the result correctly.
   */
  listAllObjects(table: ReadonlyMap<number, XrefEntry>): void {
    this.complete = table;
  }

  /** Serialises the update for an input of `inputSize` bytes. */
  build(inputSize: number): BuiltUpdate {
    const shift = this.reader.offsetBase;
    const s = new Serializer(inputSize);
    const last = this.inputTail[this.inputTail.length - 1];
    if (last !== 10 && last !== 13) s.write('\n');
    const offsets = new Map<number, number>();
    const nums = [...this.objects.keys()].sort((a, b) => a - b);
    for (const n of nums) {
      const e = this.objects.get(n)!;
      offsets.set(n, s.position - shift);
      s.write(`${n} ${e.ref.gen} obj\n`);
      s.value(e.value);
      if (e.data) {
        s.write('\nstream\n');
        s.write(Buffer.from(e.data).toString('latin1'));
        s.write('\nendstream');
      }
      s.write('\nendobj\n');
    }
    const prev = this.reader.lastRevision;
    const trailer = this.trailerBase();
    // A file rebuilt by scanning has no usable earlier xref to chain to.
    const prevOffset = prev.xrefOffset >= 0 ? prev.xrefOffset - shift : undefined;
    const complete = this.complete;
    const compressed = complete !== undefined && [...complete.values()].some((e) => e.type === 'compressed');
    if (prev.kind === 'stream' || compressed) {
      const xrefNum = this.next;
      const size = xrefNum + 1;
      const xrefAt = s.position - shift;
      offsets.set(xrefNum, xrefAt);
      const rowOf = (n: number): XrefEntry => {
        const own = offsets.get(n);
        if (own !== undefined) return { type: 'offset', offset: own, gen: this.objects.get(n)?.ref.gen ?? 0 };
        return complete?.get(n) ?? { type: 'free' };
      };
      const all = complete ? Array.from({ length: size }, (_, n) => n) : [...nums, xrefNum];
      let maxField = Math.max(...offsets.values());
      for (const e of complete?.values() ?? [])
        maxField = Math.max(
          maxField,
          e.type === 'offset' ? e.offset : e.type === 'compressed' ? e.stream : 0,
        );
      const w1 = maxField < 2 ** 32 ? 4 : 8;
      const rows: number[] = [];
      for (const n of all) {
        const e = n === 0 ? ({ type: 'free' } as const) : rowOf(n);
        const [type, field, third] =
          e.type === 'offset'
            ? [1, e.offset, n === xrefNum ? 0 : e.gen]
            : e.type === 'compressed'
              ? [2, e.stream, e.index]
              : [0, 0, n === 0 ? 65535 : 0];
        rows.push(type);
        for (let i = w1 - 1; i >= 0; i--) rows.push(Math.floor(field / 256 ** i) & 0xff);
        rows.push((third >> 8) & 0xff, third & 0xff);
      }
      const index: number[] = [];
      for (const [start, count] of ranges(all)) index.push(start, count);
      trailer
        .set('Type', PdfName.of('XRef'))
        .set('Size', size)
        .set('Index', index)
        .set('W', [1, w1, 2])
        .set('Prev', prevOffset)
        .set('Length', rows.length);
      s.write(`${xrefNum} 0 obj\n`);
      s.value(trailer);
      s.write('\nstream\n');
      s.write(Buffer.from(rows).toString('latin1'));
      s.write('\nendstream\nendobj\n');
      s.write(`startxref\n${xrefAt}\n%%EOF\n`);
    } else {
      const size = this.next;
      const xrefAt = s.position - shift;
      const row = (offset: number, gen: number, kind: 'n' | 'f'): string =>
        `${String(offset).padStart(10, '0')} ${String(gen).padStart(5, '0')} ${kind}\r\n`;
      if (complete) {
        s.write(`xref\n0 ${size}\n${row(0, 65535, 'f')}`);
        for (let n = 1; n < size; n++) {
          const own = this.objects.get(n);
          const e = complete.get(n);
          if (own) s.write(row(offsets.get(n)!, own.ref.gen, 'n'));
          else if (e?.type === 'offset') s.write(row(e.offset, e.gen, 'n'));
          else s.write(row(0, 0, 'f'));
        }
      } else {
        s.write(`xref\n0 1\n${row(0, 65535, 'f')}`);
        for (const [start, count] of ranges(nums)) {
          s.write(`${start} ${count}\n`);
          for (let n = start; n < start + count; n++)
            s.write(row(offsets.get(n)!, this.objects.get(n)!.ref.gen, 'n'));
        }
      }
      trailer.set('Size', size).set('Prev', prevOffset);
      s.write('trailer\n');
      s.value(trailer);
      s.write(`\nstartxref\n${xrefAt}\n%%EOF\n`);
    }
    return { bytes: s.toBuffer(), marks: s.marks };
  }

  private trailerBase(): WritableDict {
    const t = this.reader.trailer;
    const d = new WritableDict();
    d.set('Root', t.get('Root'));
    const info = t.get('Info');
    if (info instanceof PdfRef) d.set('Info', info);
    const id = this.reader.resolve(t.get('ID'));
    const fresh = new PdfString(
      createHash('md5').update(randomBytes(16)).update(String(Date.now())).digest(),
      true,
    );
    const first = Array.isArray(id) && id[0] instanceof PdfString ? id[0] : fresh;
    d.set('ID', [new PdfString(first.bytes, true), fresh]);
    return d;
  }
}

/** Consecutive runs of sorted numbers as [start, count]. */
function ranges(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

export { Raw };
