import { describe, expect, it } from 'vitest';
import { scanContent } from '../../../daemon/src/verify/content-ops.js';

/** The content-stream scanner (content-ops.ts, ISO 32000-1 §7.8.2), one rule per test. */

const scan = (source: string) => {
  const s = scanContent(Buffer.from(source, 'latin1'));
  return { operators: [...s.operators].sort(), names: [...s.names].sort(), unreadable: s.unreadable };
};
const ops = (source: string): string[] => scan(source).operators;

describe('tokens', () => {
  it.each([
    ['space', ' '],
    ['line feed', '\n'],
    ['carriage return', '\r'],
    ['tab', '\t'],
    ['form feed', '\f'],
    ['NUL', '\0'],
  ])('%s separates operators (§7.2.3)', (_, white) => {
    expect(ops(`q${white}Q`)).toEqual(['Q', 'q']);
  });

  it.each([
    ['(', 'q(a)Q'],
    [')', 'q)Q'],
    ['<', 'q<00>Q'],
    ['>', 'q>Q'],
    ['[', 'q[Q'],
    [']', 'q]Q'],
    ['{', 'q{Q'],
    ['}', 'q}Q'],
    ['/', 'q/N Q'],
    ['%', 'q%c\nQ'],
  ])('the delimiter %s ends an operator', (_, source) => {
    expect(ops(source)).toEqual(['Q', 'q']);
  });

  it('numbers, booleans and null are operands, not operators', () => {
    expect(ops('1 -2 +3 4. 4.25 12.5 .5 -.5 -.25 +.5 10 true false null')).toEqual([]);
  });

  it('a token that only looks partly like a number is an operator', () => {
    expect(ops('x1 1x 1.2.3 + - . 1e5 truex')).toEqual(['+', '-', '.', '1.2.3', '1e5', '1x', 'truex', 'x1']);
  });

  it('a comment runs to the end of its line, either line end', () => {
    expect(ops('% BT\nq % ET\rQ %cm')).toEqual(['Q', 'q']);
  });

  it('reads an empty stream as nothing, readable', () => {
    expect(scan('')).toEqual({ operators: [], names: [], unreadable: false });
  });
});

describe('names', () => {
  it('every name is collected, ended by a delimiter or white space', () => {
    expect(scan('/F1 12 Tf /Im0 Do /A/B[/C]')).toMatchObject({
      operators: ['Do', 'Tf'],
      names: ['A', 'B', 'C', 'F1', 'Im0'],
    });
  });

  it('#hh escapes in a name are decoded, in either case; a short one is kept as written', () => {
    expect(scan('/A#20B /x#2fy /C#2').names).toEqual(['A B', 'C#2', 'x/y']);
  });
});

describe('strings', () => {
  it('a literal string may hold balanced and escaped parentheses, and delimiters', () => {
    expect(scan('(a (b) c) Tj (d\\) /N e) Tj (f\\\\) Tj')).toEqual({
      operators: ['Tj'],
      names: [],
      unreadable: false,
    });
  });

  it('an unbalanced literal string is unreadable', () => {
    expect(scan('(a (b) Tj').unreadable).toBe(true);
    expect(scan('q (a\\) Tj').unreadable).toBe(true);
  });

  it('a hex string is skipped to its >', () => {
    expect(scan('<41 /42> Tj')).toEqual({ operators: ['Tj'], names: [], unreadable: false });
  });

  it('a hex string ending in letters leaves none of them behind', () => {
    expect(scan('<4a6F>Tj')).toEqual({ operators: ['Tj'], names: [], unreadable: false });
  });

  it('a hex string without its > is unreadable', () => {
    expect(scan('q <4142 Tj').unreadable).toBe(true);
  });

  it('<< and >> of an inline dictionary are skipped, its names kept', () => {
    expect(scan('/Span <</MCID 0>>BDC EMC')).toEqual({
      operators: ['BDC', 'EMC'],
      names: ['MCID', 'Span'],
      unreadable: false,
    });
  });
});

describe('inline images', () => {
  it('the data runs to the first EI between white space, and is not scanned', () => {
    expect(scan('BI /W 1 ID \x01(/X EI Q')).toEqual({
      operators: ['BI', 'EI', 'ID', 'Q'],
      names: ['W'],
      unreadable: false,
    });
  });

  it('EI at the very end of the stream ends the data', () => {
    expect(scan('BI ID \x01 EI')).toMatchObject({ operators: ['BI', 'EI', 'ID'], unreadable: false });
  });

  it('EI glued to the data before or after it is data', () => {
    expect(scan('BI ID \x01 EIZ EI Q')).toMatchObject({
      operators: ['BI', 'EI', 'ID', 'Q'],
      unreadable: false,
    });
    expect(scan('BI ID xEI ( EI Q')).toMatchObject({ operators: ['BI', 'EI', 'ID', 'Q'], unreadable: false });
  });

  it('only E then I ends the data, not another pair of letters', () => {
    expect(scan('BI ID \x01 XI ( EI Q')).toMatchObject({
      operators: ['BI', 'EI', 'ID', 'Q'],
      unreadable: false,
    });
    expect(scan('BI ID \x01 EX ( EI Q')).toMatchObject({
      operators: ['BI', 'EI', 'ID', 'Q'],
      unreadable: false,
    });
  });

  it('the white space after ID belongs to it: data starting with EI is data', () => {
    expect(scan('BI ID EI ( EI Q')).toMatchObject({ operators: ['BI', 'EI', 'ID', 'Q'], unreadable: false });
  });

  it('data without EI is unreadable', () => {
    expect(scan('BI ID \x01\x02 EIQ').unreadable).toBe(true);
  });
});
