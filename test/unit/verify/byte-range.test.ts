import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../daemon/src/pdf/reader/source.js';
import { type ByteRangeCheck, checkByteRange } from '../../../daemon/src/verify/byte-range.js';

/**
 * One test per ByteRange rule. Each hostile layout is otherwise well formed, so that it fails only
 * because of the rule under test: without that rule the check would pass it (or report another
 * problem), and the exact problem list says which rule caught it.
 */

const SIG = Uint8Array.from([0x30, 0x82, 0x01, 0xab, 0xcd, 0xef]);
const SIG_HEX = Buffer.from(SIG).toString('hex').toUpperCase();
const MAX_GAP = 16 * 1024 * 1024;

interface Layout {
  source: BufferSource;
  /** Offset of the gap's first byte (its `<`). */
  gapStart: number;
  /** Offset just past the gap (past its `>`). */
  gapEnd: number;
  size: number;
  /** The ByteRange a signer would write: everything but the gap. */
  byteRange: [number, number, number, number];
}

/** A signature dictionary in miniature: `before`, the gap, `after`. */
function layout(
  gap: string,
  before = '%PDF-1.7\n1 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/Contents ',
  after = '/ByteRange[0 0 0 0]>>\nendobj\n%%EOF\n',
): Layout {
  const bytes = Buffer.from(before + gap + after, 'latin1');
  const gapStart = before.length;
  const gapEnd = gapStart + gap.length;
  return {
    source: new BufferSource(bytes),
    gapStart,
    gapEnd,
    size: bytes.length,
    byteRange: [0, gapStart, gapEnd, bytes.length - gapEnd],
  };
}

const signed = () => layout(`<${SIG_HEX}>`);

function expectRefused(check: ByteRangeCheck, problem: string | RegExp): void {
  expect(check.ok).toBe(false);
  expect(check.problems).toHaveLength(1);
  expect(check.problems[0]).toMatch(problem);
}

describe('checkByteRange: a well-formed signature', () => {
  it('passes with the ranges, the gap and the end as hashed', () => {
    const l = signed();
    const check = checkByteRange(l.byteRange, SIG, l.source);
    expect(check).toEqual({
      ok: true,
      problems: [],
      ranges: [
        [0, l.gapStart],
        [l.gapEnd, l.size - l.gapEnd],
      ],
      gap: [l.gapStart, l.gapEnd],
      end: l.size,
    });
  });

  it('finds /Contents before a gap that starts within the first 32 bytes of the file', () => {
    const l = layout(`<${SIG_HEX}>`, '<</Contents ');
    expect(l.gapStart).toBeLessThan(32);
    expect(checkByteRange(l.byteRange, SIG, l.source).problems).toEqual([]);
  });

  it('accepts whitespace or nothing between /Contents and the hex string', () => {
    for (const before of ['<</Type/Sig/Contents', '<</Type/Sig/Contents\r\n\t']) {
      const l = layout(`<${SIG_HEX}>`, before);
      expect(checkByteRange(l.byteRange, SIG, l.source).problems).toEqual([]);
    }
  });

  it('leaves an empty hex string <> to the CMS check (the ranges themselves are sound)', () => {
    const l = layout('<>');
    expect(checkByteRange(l.byteRange, new Uint8Array(), l.source).problems).toEqual([]);
  });

  it('accepts an empty second range (the gap runs to the end of the file): zero is a valid bound', () => {
    const l = layout(`<${SIG_HEX}>`, '<</Type/Sig/Contents ', '');
    expect(l.byteRange[3]).toBe(0);
    expect(checkByteRange(l.byteRange, SIG, l.source).problems).toEqual([]);
  });

  it('accepts a gap of exactly the largest allowed size', () => {
    const hexLength = MAX_GAP - 2;
    const l = layout(`<${'0'.repeat(hexLength)}>`);
    const check = checkByteRange(l.byteRange, new Uint8Array(hexLength / 2), l.source);
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
  });
});

describe('checkByteRange: one rule each', () => {
  it('refuses a missing, empty or odd-length /ByteRange', () => {
    const l = signed();
    for (const br of [undefined, [], [0, l.gapStart, l.gapEnd]]) {
      expect(checkByteRange(br, SIG, l.source)).toEqual({
        ok: false,
        problems: ['/ByteRange missing or malformed'],
        ranges: [],
        gap: undefined,
        end: 0,
      });
    }
  });

  it('refuses a first range that does not start at 0', () => {
    // Range 1 covers [1, gapStart + 1): it leaves byte 0 unsigned; the gap itself is intact.
    const l = signed();
    const check = checkByteRange([1, l.gapStart, l.gapEnd, l.size - l.gapEnd], SIG, l.source);
    expectRefused(check, 'the first range does not start at 0');
  });

  it('refuses a range that ends beyond the file', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, l.gapEnd, l.size - l.gapEnd + 1], SIG, l.source);
    expectRefused(check, `range 2 ends beyond the file (${l.size + 1} > ${l.size})`);
    // Clipped to the file, as hashed.
    expect(check.ranges[1]).toEqual([l.gapEnd, l.size - l.gapEnd]);
  });

  it.each([
    ['a negative length', -1],
    ['a fractional length', 1.5],
    ['a NaN length', Number.NaN],
  ])('refuses %s', (_name, length) => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, l.gapEnd, length], SIG, l.source);
    expectRefused(check, 'range 2 has a negative or non-integer bound');
  });

  it('refuses a negative start', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, -1, l.size], SIG, l.source);
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('range 2 has a negative or non-integer bound');
  });

  it('refuses a fractional start', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, l.gapEnd + 0.5, l.size - l.gapEnd - 1], SIG, l.source);
    expect(check.ok).toBe(false);
    expect(check.problems).toContain('range 2 has a negative or non-integer bound');
  });

  it('refuses ranges out of order', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapEnd, l.gapStart, l.size - l.gapStart], SIG, l.source);
    expectRefused(check, 'the ranges overlap or are out of order');
  });

  it('refuses overlapping ranges', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart + 1, l.gapStart, l.size - l.gapStart], SIG, l.source);
    expectRefused(check, 'the ranges overlap or are out of order');
  });

  it('refuses three ranges even when each is in order and the gap is sound', () => {
    const l = signed();
    const tail = l.size - l.gapEnd;
    const br = [0, l.gapStart, l.gapEnd, tail - 2, l.size - 1, 1];
    expectRefused(checkByteRange(br, SIG, l.source), '3 ranges, expected exactly 2');
  });

  it('refuses a single range over the whole file', () => {
    const l = signed();
    expectRefused(checkByteRange([0, l.size], SIG, l.source), '1 ranges, expected exactly 2');
  });

  it('refuses adjacent ranges (an empty gap)', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, l.gapStart, l.size - l.gapStart], SIG, l.source);
    expectRefused(check, 'the gap between the ranges is empty');
  });

  it('refuses a one-byte gap', () => {
    const l = signed();
    const check = checkByteRange([0, l.gapStart, l.gapStart + 1, l.size - l.gapStart - 1], SIG, l.source);
    expectRefused(check, 'the gap between the ranges is empty');
  });

  it('refuses a gap larger than any signature', () => {
    const hexLength = MAX_GAP;
    const l = layout(`<${'0'.repeat(hexLength)}>`);
    const check = checkByteRange(l.byteRange, new Uint8Array(hexLength / 2), l.source);
    expectRefused(check, `the gap between the ranges is ${MAX_GAP + 2} bytes, larger than any signature`);
  });

  it('refuses a gap that does not open with <', () => {
    const l = layout(`(${SIG_HEX}>`);
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), /angle brackets expected at both ends/);
  });

  it('refuses a gap that does not close with >', () => {
    const l = layout(`<${SIG_HEX})`);
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), /angle brackets expected at both ends/);
  });

  it('refuses a gap holding two hex strings (bytes after the first would escape the signature)', () => {
    // Decoding stops at the first non-hex character, so `<SIG><…>` would decode to SIG alone.
    const l = layout(`<${SIG_HEX}><ABCD>`);
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), 'the gap holds more than one hex string');
  });

  it('refuses an odd number of hex digits', () => {
    // The last digit would be dropped when decoding.
    const l = layout(`<${SIG_HEX}A>`);
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), 'the gap holds more than one hex string');
  });

  it('refuses a gap that is not the value of /Contents', () => {
    const l = layout(`<${SIG_HEX}>`, '%PDF-1.7\n1 0 obj\n<</Type/Sig/Filter/Adobe.PPKLite/Cert ');
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), 'the gap is not the value of /Contents');
  });

  it('refuses a gap after another key even when /Contents appears shortly before it', () => {
    const l = layout(`<${SIG_HEX}>`, '<</Type/Sig/Contents 5 0 R/Cert ');
    expectRefused(checkByteRange(l.byteRange, SIG, l.source), 'the gap is not the value of /Contents');
  });

  it("refuses a gap holding another signature's /Contents (signature wrapping)", () => {
    // Two signature dictionaries; this one's ByteRange excludes the other's /Contents instead.
    const other = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x07]);
    const otherHex = Buffer.from(other).toString('hex');
    const ours = `<</Type/Sig/Contents <${SIG_HEX}>>>\n`;
    const l = layout(`<${otherHex}>`, `%PDF-1.7\n${ours}<</Type/Sig/Contents `);
    const check = checkByteRange(l.byteRange, SIG, l.source);
    expectRefused(check, 'the gap is not the /Contents of this signature dictionary');
    // The other signature's own check passes: the gap really is its /Contents.
    expect(checkByteRange(l.byteRange, other, l.source).ok).toBe(true);
  });

  it('refuses a signature without /Contents', () => {
    const l = signed();
    expectRefused(
      checkByteRange(l.byteRange, undefined, l.source),
      'the gap is not the /Contents of this signature dictionary',
    );
  });
});
