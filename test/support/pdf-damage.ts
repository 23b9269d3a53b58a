/**
 * Damaged cross-reference data as real-world writers leave it: the file's objects are intact, the
 * offsets that point at them are not. Inputs must end with a classic xref table.
 */

/** Byte position of the last classic xref table's row for object `num`. */
function rowAt(text: string, num: number): number {
  const table = text.lastIndexOf('\nxref');
  const sub = /\n(\d+) (\d+)\r?\n/y;
  let pos = table + 5;
  for (;;) {
    sub.lastIndex = pos;
    const m = sub.exec(text);
    if (!m) throw new Error(`object ${num} is not in the last xref table`);
    const start = Number(m[1]);
    const count = Number(m[2]);
    const rows = sub.lastIndex;
    if (num >= start && num < start + count) return rows + (num - start) * 20;
    pos = rows + count * 20 - 1;
  }
}

/** Swaps the xref offsets of objects `a` and `b` ("expected object a, found b"); same file length. */
export function swapXrefOffsets(input: Uint8Array, a: number, b: number): Buffer {
  const out = Buffer.from(input);
  const text = out.toString('latin1');
  const ra = rowAt(text, a);
  const rb = rowAt(text, b);
  const offA = text.slice(ra, ra + 10);
  const offB = text.slice(rb, rb + 10);
  out.write(offB, ra, 'latin1');
  out.write(offA, rb, 'latin1');
  return out;
}

/**
 * Inserts `n` blank bytes after the header lines, so every object, the xref table and `startxref`
 * are off by the same constant (the header itself stays at 0).
 */
export function shiftBody(input: Uint8Array, n: number): Buffer {
  const text = Buffer.from(input).toString('latin1');
  const afterHeader = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
  return Buffer.concat([
    Buffer.from(input.subarray(0, afterHeader)),
    Buffer.alloc(n, 0x20),
    Buffer.from(input.subarray(afterHeader)),
  ]);
}
