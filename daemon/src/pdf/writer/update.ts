import { createHash, randomBytes } from 'node:crypto';
import { PdfName, PdfRef, PdfString, type PdfReader } from '../reader/index.js';
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
    const prevOffset = prev.xrefOffset - shift;
    if (prev.kind === 'stream') {
      const xrefNum = this.next;
      const size = xrefNum + 1;
      const xrefAt = s.position - shift;
      offsets.set(xrefNum, xrefAt);
      const all = [...nums, xrefNum];
      const maxOff = Math.max(...offsets.values());
      const w1 = maxOff < 2 ** 32 ? 4 : 8;
      const rows: number[] = [];
      for (const n of all) {
        const off = offsets.get(n)!;
        rows.push(1);
        for (let i = w1 - 1; i >= 0; i--) rows.push(Math.floor(off / 256 ** i) & 0xff);
        rows.push(0, 0);
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
      s.write('xref\n0 1\n0000000000 65535 f\r\n');
      for (const [start, count] of ranges(nums)) {
        s.write(`${start} ${count}\n`);
        for (let n = start; n < start + count; n++) {
          const e = this.objects.get(n)!;
          s.write(`${String(offsets.get(n)).padStart(10, '0')} ${String(e.ref.gen).padStart(5, '0')} n\r\n`);
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
