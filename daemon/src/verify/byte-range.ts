import type { ByteSource } from '../pdf/reader/index.js';

export interface ByteRangeCheck {
  /** Every rule holds: [0 a b c], a < b, the gap is exactly the /Contents hex string, inside the file. */
  ok: boolean;
  problems: string[];
  /** The ranges clipped to the file, as hashed. */
  ranges: [number, number][];
  /** The excluded gap [start, end) of a well-shaped ByteRange. */
  gap: [number, number] | undefined;
  /** Offset just past the last covered byte. */
  end: number;
}

const MAX_GAP = 16 * 1024 * 1024;
const HEX = /^[0-9A-Fa-f]*$/;

/**
 * ByteRange sanity (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1): exactly two ranges, the first
 * starting at 0, both inside the file, and the bytes between them exactly the `<…>` hex string of
 * this signature's /Contents (so nothing else escapes the signature).
 */
export function checkByteRange(
  byteRange: number[] | undefined,
  contents: Uint8Array | undefined,
  source: ByteSource,
): ByteRangeCheck {
  const problems: string[] = [];
  const size = source.size;
  if (!byteRange || byteRange.length === 0 || byteRange.length % 2 !== 0) {
    return { ok: false, problems: ['/ByteRange missing or malformed'], ranges: [], gap: undefined, end: 0 };
  }
  const ranges: [number, number][] = [];
  for (let i = 0; i < byteRange.length; i += 2) {
    const s = byteRange[i]!;
    const l = byteRange[i + 1]!;
    if (!Number.isSafeInteger(s) || !Number.isSafeInteger(l) || s < 0 || l < 0) {
      problems.push(`range ${i / 2 + 1} has a negative or non-integer bound`);
      continue;
    }
    if (s + l > size) problems.push(`range ${i / 2 + 1} ends beyond the file (${s + l} > ${size})`);
    const cs = Math.min(s, size);
    ranges.push([cs, Math.min(size, s + l) - cs]);
  }
  for (let i = 1; i < ranges.length; i++) {
    const [ps, pl] = ranges[i - 1]!;
    if (ranges[i]![0] < ps + pl) problems.push('the ranges overlap or are out of order');
  }
  const end = ranges.reduce((m, [s, l]) => Math.max(m, s + l), 0);
  if (byteRange.length !== 4) {
    problems.push(`${byteRange.length / 2} ranges, expected exactly 2`);
    return { ok: false, problems, ranges, gap: undefined, end };
  }
  const [a0, a1, b0] = byteRange as [number, number, number, number];
  if (a0 !== 0) problems.push('the first range does not start at 0');
  let gap: [number, number] | undefined;
  if (problems.length === 0) {
    gap = [a1, b0];
    problems.push(...checkGap(gap, contents, source));
  }
  return { ok: problems.length === 0, problems, ranges, gap, end };
}

function checkGap(gap: [number, number], contents: Uint8Array | undefined, source: ByteSource): string[] {
  const [s, e] = gap;
  const len = e - s;
  if (len < 2) return ['the gap between the ranges is empty'];
  if (len > MAX_GAP) return [`the gap between the ranges is ${len} bytes, larger than any signature`];
  const bytes = Buffer.from(source.read(s, len));
  if (bytes[0] !== 0x3c || bytes[len - 1] !== 0x3e)
    return ['the gap is not exactly the /Contents hex string (angle brackets expected at both ends)'];
  const hex = bytes.subarray(1, len - 1).toString('latin1');
  if (!HEX.test(hex) || hex.length % 2 !== 0) return ['the gap holds more than one hex string'];
  const before = Buffer.from(source.read(Math.max(0, s - 32), Math.min(32, s))).toString('latin1');
  if (!/\/Contents\s*$/.test(before)) return ['the gap is not the value of /Contents'];
  if (!contents || !Buffer.from(hex, 'hex').equals(Buffer.from(contents)))
    return ['the gap is not the /Contents of this signature dictionary'];
  return [];
}
