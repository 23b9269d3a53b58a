import { describe, expect, it } from 'vitest';
import { Lexer } from '../../../daemon/src/pdf/reader/lexer.js';
import { PdfString } from '../../../daemon/src/pdf/reader/objects.js';

// Hex strings (ISO 32000-1 §7.3.4.3): a plain even run of digits decodes in one call, anything
// else digit by digit; both must give the same bytes and the same position after ">".
function parse(text: string): { bytes: number[]; after: number } {
  const lexer = new Lexer(Buffer.from(text, 'latin1'), 0, 0, true);
  const value = lexer.parseObject(0);
  expect(value).toBeInstanceOf(PdfString);
  expect((value as PdfString).hex).toBe(true);
  return { bytes: [...(value as PdfString).bytes], after: lexer.pos };
}

describe('hex strings', () => {
  it('an even run of digits, upper and lower case, ends just after ">"', () => {
    const long = 'a1B2'.repeat(20_000);
    const r = parse(`<${long}> 0`);
    expect(r.bytes.length).toBe(40_000);
    expect(r.bytes.slice(0, 4)).toEqual([0xa1, 0xb2, 0xa1, 0xb2]);
    expect(r.after).toBe(long.length + 2);
  });

  it('whitespace between digits is skipped and an odd last digit is followed by 0', () => {
    expect(parse('<90 1F\n A>').bytes).toEqual([0x90, 0x1f, 0xa0]);
    expect(parse('<901FA>').bytes).toEqual([0x90, 0x1f, 0xa0]);
    expect(parse('<>').bytes).toEqual([]);
  });

  it('a byte that is no hex digit is a syntax error, also inside a long even run', () => {
    expect(() => parse('<0g>')).toThrow(/bad hex digit at 2/);
    expect(() => parse(`<${'00'.repeat(1000)}zz${'00'.repeat(1000)}>`)).toThrow(/bad hex digit at 2001/);
  });
});
