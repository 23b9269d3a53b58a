import type { ByteSource } from './source.js';
import type { XrefEntry } from './xref.js';

/** Object numbers above this are not taken from a scan (the reader's own limit is lower still). */
const MAX_SCANNED_NUMBER = 9_999_999;
const CHUNK = 4 * 1024 * 1024;
/** Room for a header split across two chunks (`9999999 99999 obj` and its lead-in). */
const OVERLAP = 64;

/** Where each object header `N G obj` stands in the file, every occurrence in file order. */
export type ObjectScan = Map<number, { offset: number; gen: number }[]>;

/**
 * One linear pass over the file for object headers, as qpdf, poppler and pdf.js do for a file
 * whose cross-reference offsets are wrong. A later occurrence is a later revision of the object.
 */
export function scanObjects(source: ByteSource): ObjectScan {
  const found: ObjectScan = new Map();
  const re = /(?:^|[\r\n\t\f \0])(\d{1,7})[\r\n\t\f \0]+(\d{1,5})[\r\n\t\f \0]+obj(?=[\s<[(/%]|$)/g;
  let lastAt = -1;
  for (let pos = 0; pos < source.size; pos += CHUNK - OVERLAP) {
    const text = Buffer.from(source.read(pos, CHUNK)).toString('latin1');
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const at = pos + m.index + (m[0].length - m[0].trimStart().length);
      // The overlap is read twice; a header is taken once.
      if (at <= lastAt) continue;
      lastAt = at;
      const num = Number(m[1]);
      if (num <= 0 || num > MAX_SCANNED_NUMBER) continue;
      const list = found.get(num) ?? [];
      list.push({ offset: at, gen: Number(m[2]) });
      found.set(num, list);
    }
    if (text.length < CHUNK) break;
  }
  return found;
}

/** The newest header of object `num` that starts before `end` (a revision's end), if any. */
export function scannedBefore(scan: ObjectScan, num: number, end: number): number | undefined {
  const list = scan.get(num);
  if (!list) return undefined;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.offset < end) return list[i]!.offset;
  return undefined;
}

/**
 * Object numbers whose in-file entry does not point at their own `num gen obj` header. The entries
 * are visited in offset order and read in shared windows, so a dense file costs a few reads.
 */
export function misplacedEntries(
  source: ByteSource,
  entries: Iterable<[number, XrefEntry]>,
  shift: number,
): number[] {
  const offsets: { num: number; gen: number; at: number }[] = [];
  for (const [num, e] of entries)
    if (e.type === 'offset') offsets.push({ num, gen: e.gen, at: e.offset + shift });
  offsets.sort((a, b) => a.at - b.at);
  const bad: number[] = [];
  const window = 64 * 1024;
  let start = -1;
  let bytes: Uint8Array = new Uint8Array(0);
  for (const o of offsets) {
    if (o.at < 0 || o.at >= source.size) {
      bad.push(o.num);
      continue;
    }
    if (start < 0 || o.at + HEADER_MAX > start + bytes.length) {
      start = o.at;
      bytes = source.read(start, window);
    }
    if (!headerIs(bytes, o.at - start, o.num, o.gen)) bad.push(o.num);
  }
  return bad;
}

/** Longest `num gen obj` header looked at, leading whitespace included. */
const HEADER_MAX = 40;

/** True when `bytes` at `pos` hold `num gen obj` (leading whitespace allowed, as parsers skip it). */
function headerIs(bytes: Uint8Array, pos: number, num: number, gen: number): boolean {
  const end = Math.min(bytes.length, pos + HEADER_MAX);
  const space = (c: number | undefined): boolean =>
    c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
  let i = pos;
  const integer = (): number | undefined => {
    while (i < end && space(bytes[i])) i++;
    let v = 0;
    const from = i;
    while (i < end && bytes[i]! >= 48 && bytes[i]! <= 57 && i - from < 10) v = v * 10 + bytes[i++]! - 48;
    return i > from ? v : undefined;
  };
  if (integer() !== num || integer() !== gen) return false;
  while (i < end && space(bytes[i])) i++;
  return bytes[i] === 0x6f && bytes[i + 1] === 0x62 && bytes[i + 2] === 0x6a;
}
