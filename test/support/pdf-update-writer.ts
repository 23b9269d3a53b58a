import { type PdfRef, PdfReader } from '../../daemon/src/pdf/reader/index.js';
import {
  Serializer,
  WritableDict,
  type WritableObject,
  name,
} from '../../daemon/src/pdf/writer/serialize.js';
import { objectStreamBody } from './pdf-attacks.js';

/**
 * Incremental updates written by hand with the cross-reference habits of other tools, keeping the
 * positions of marked placeholders (Raw values with a mark) so a signature can be filled in later.
 */

export interface UpdateObject {
  num: number;
  value: WritableObject;
  /** Stream data, written as is (no filter). */
  data?: Uint8Array;
}

/**
 * `auto`: a table after a table, a stream after a stream or when objects are packed.
 * `hybrid`: a classic table for the plain objects whose trailer's /XRefStm names an xref stream for
 *   the packed ones (ISO 32000-1 §7.5.8.4; Acrobat, MS Word).
 * `stream-then-table`: two sections for one update: an xref stream for the object stream and its
 *   members, then a classic table for the plain objects whose /Prev is that stream (one startxref,
 *   one %%EOF).
 */
export type XrefStyle = 'auto' | 'hybrid' | 'stream-then-table';

export interface UpdatePlan {
  objects: UpdateObject[];
  /** Objects placed inside a new (uncompressed) object stream numbered `stream`. */
  packed?: { stream: number; objects: { num: number; value: WritableObject }[] };
  root?: PdfRef;
  xref?: XrefStyle;
}

export interface WrittenUpdate {
  /** The input followed by the update. */
  bytes: Buffer;
  /** Absolute positions of the marked Raw values. */
  marks: Map<string, { offset: number; length: number }>;
}

type Row = [type: number, field2: number, field3: number];

/** Appends one update planned by `build` (given the reader and an allocator of object numbers). */
export function writeUpdate(
  input: Uint8Array,
  build: (r: PdfReader, next: () => number) => UpdatePlan,
): WrittenUpdate {
  const reader = PdfReader.fromBuffer(input);
  let nextNum = reader.nextObjectNumber;
  const plan = build(reader, () => nextNum++);
  const style = plan.xref ?? 'auto';
  if (style !== 'auto' && !plan.packed) throw new Error(`xref style ${style} needs packed objects`);
  const prev = reader.lastRevision;
  const s = new Serializer(input.length);
  const last = input[input.length - 1];
  if (last !== 10 && last !== 13) s.write('\n');

  const plain = new Map<number, Row>();
  const packed = new Map<number, Row>();
  const objects = [...plan.objects];
  if (plan.packed) {
    const { dict, data } = objectStreamBody(plan.packed.objects);
    objects.push({ num: plan.packed.stream, value: dict, data });
    for (const [i, o] of plan.packed.objects.entries()) packed.set(o.num, [2, plan.packed.stream, i]);
  }
  for (const o of objects) {
    plain.set(o.num, [1, s.position, 0]);
    s.write(`${o.num} 0 obj\n`);
    s.value(o.value);
    if (o.data) s.write(`\nstream\n${Buffer.from(o.data).toString('latin1')}\nendstream`);
    s.write('\nendobj\n');
  }

  const trailer = trailerBase(reader, plan.root);
  const useStream = style === 'auto' && (prev.kind === 'stream' || plan.packed !== undefined);
  if (useStream) {
    const all = new Map([...plain, ...packed]);
    const at = writeXrefStream(s, nextNum++, all, trailer.set('Prev', prev.xrefOffset), () => nextNum);
    s.write(`startxref\n${at}\n%%EOF\n`);
  } else if (style === 'auto') {
    const at = writeTable(s, plain, trailer.set('Prev', prev.xrefOffset).set('Size', nextNum));
    s.write(`startxref\n${at}\n%%EOF\n`);
  } else if (style === 'hybrid') {
    const streamNum = nextNum++;
    const stm = WritableDict.of({});
    const stmAt = writeXrefStream(s, streamNum, packed, stm, () => nextNum);
    plain.set(streamNum, [1, stmAt, 0]);
    trailer.set('Prev', prev.xrefOffset).set('Size', nextNum).set('XRefStm', stmAt);
    const at = writeTable(s, plain, trailer);
    s.write(`startxref\n${at}\n%%EOF\n`);
  } else {
    // The first section lists the object stream and its members, the table everything else.
    const objStm = plan.packed!.stream;
    packed.set(objStm, plain.get(objStm)!);
    plain.delete(objStm);
    const streamNum = nextNum++;
    const stm = trailerBase(reader, plan.root).set('Prev', prev.xrefOffset);
    const stmAt = writeXrefStream(s, streamNum, packed, stm, () => nextNum);
    const at = writeTable(s, plain, trailer.set('Prev', stmAt).set('Size', nextNum));
    s.write(`startxref\n${at}\n%%EOF\n`);
  }
  return { bytes: Buffer.concat([input, s.toBuffer()]), marks: s.marks };
}

/** Appends one update and returns the new file. */
export function appendUpdate(
  input: Uint8Array,
  build: (r: PdfReader, next: () => number) => UpdatePlan,
): Buffer {
  return writeUpdate(input, build).bytes;
}

function trailerBase(reader: PdfReader, root: PdfRef | undefined): WritableDict {
  const t = reader.trailer;
  const d = WritableDict.of({ Root: root ?? t.get('Root')! });
  if (t.get('Info')) d.set('Info', t.get('Info'));
  const id = reader.resolve(t.get('ID'));
  if (Array.isArray(id)) d.set('ID', id);
  return d;
}

/** A classic table of `rows` with `trailer`; returns the table's offset. */
function writeTable(s: Serializer, rows: Map<number, Row>, trailer: WritableDict): number {
  const at = s.position;
  s.write('xref\n0 1\n0000000000 65535 f\r\n');
  for (const n of [...rows.keys()].sort((a, b) => a - b))
    s.write(`${n} 1\n${String(rows.get(n)![1]).padStart(10, '0')} 00000 n\r\n`);
  s.write('trailer\n');
  s.value(trailer);
  s.write('\n');
  return at;
}

/** An xref stream object numbered `num` for `rows` (and itself); returns its offset. */
function writeXrefStream(
  s: Serializer,
  num: number,
  rows: Map<number, Row>,
  dict: WritableDict,
  size: () => number,
): number {
  const at = s.position;
  const all = new Map(rows).set(num, [1, at, 0]);
  const nums = [...all.keys()].sort((a, b) => a - b);
  const bytes: number[] = [];
  for (const n of nums) {
    const [type, f2, f3] = all.get(n)!;
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
  dict
    .set('Type', name('XRef'))
    .set('Size', size())
    .set('W', [1, 4, 2])
    .set(
      'Index',
      nums.flatMap((n) => [n, 1]),
    )
    .set('Length', bytes.length);
  s.write(`${num} 0 obj\n`);
  s.value(dict);
  s.write(`\nstream\n${Buffer.from(bytes).toString('latin1')}\nendstream\nendobj\n`);
  return at;
}
