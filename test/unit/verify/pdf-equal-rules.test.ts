import { describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  type PdfObject,
  PdfRef,
  PdfStream,
  PdfString,
} from '../../../daemon/src/pdf/reader/index.js';
import { changedKeys, dictEqual, pdfEqual } from '../../../daemon/src/verify/pdf-equal.js';

/** Stream data by offset: a stream's raw bytes are whatever its offset names here. */
const data = new Map<number, string>([
  [100, 'BT (Hello) Tj ET'],
  [200, 'BT (Hello) Tj ET'],
  [300, 'BT (Hallo) Tj ET'],
  [400, 'BT (Hello) Tj ET '],
]);
const source = { streamRaw: (s: PdfStream) => Buffer.from(data.get(s.dataOffset) ?? '', 'latin1') };
const eq = (a: PdfObject | undefined, b: PdfObject | undefined) => pdfEqual(source, a, b);

const dict = (entries: Record<string, PdfObject>) => new PdfDict(new Map(Object.entries(entries)));
const str = (s: string, hex = false) => new PdfString(Buffer.from(s, 'latin1'), hex);
const stream = (at: number, entries: Record<string, PdfObject> = {}) =>
  new PdfStream(dict({ Length: data.get(at)?.length ?? 0, ...entries }), at, data.get(at)?.length ?? 0);
/** `levels` arrays nested in one another around the number 7, built afresh each call. */
const nested = (levels: number): PdfObject => {
  let v: PdfObject = 7;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

describe('pdf-equal: values', () => {
  it('calls null equal to null, and a missing value different from null', () => {
    expect(eq(null, null)).toBe(true);
    expect(eq(undefined, null)).toBe(false);
    expect(eq(null, undefined)).toBe(false);
    expect(eq(undefined, 0)).toBe(false);
  });

  it('compares numbers and booleans by value', () => {
    expect(eq(1, 1)).toBe(true);
    expect(eq(1, 2)).toBe(false);
    expect(eq(true, false)).toBe(false);
    expect(eq(0, false)).toBe(false);
  });

  it('compares names by value', () => {
    expect(eq(PdfName.of('Helv'), PdfName.of('Helv'))).toBe(true);
    expect(eq(PdfName.of('Helv'), PdfName.of('Cour'))).toBe(false);
    expect(eq(PdfName.of('Helv'), str('Helv'))).toBe(false);
    expect(eq(str('Helv'), PdfName.of('Helv'))).toBe(false);
  });

  it('compares strings by their bytes, whatever their notation', () => {
    expect(eq(str('Nguyễn', false), str('Nguyễn', true))).toBe(true);
    expect(eq(str('1.000.000'), str('9.000.000'))).toBe(false);
    expect(eq(str('ab'), str('abc'))).toBe(false);
    expect(eq(str('ab'), dict({}))).toBe(false);
  });

  it('compares references by number and generation, not by what they point to', () => {
    expect(eq(new PdfRef(5, 0), new PdfRef(5, 0))).toBe(true);
    expect(eq(new PdfRef(5, 0), new PdfRef(6, 0))).toBe(false);
    expect(eq(new PdfRef(5, 0), new PdfRef(5, 1))).toBe(false);
    expect(eq(new PdfRef(5, 0), 5)).toBe(false);
    expect(eq(new PdfRef(5, 0), [5, 0])).toBe(false);
  });

  it('compares arrays element by element, in order and length', () => {
    expect(eq([0, 0, 600, 800], [0, 0, 600, 800])).toBe(true);
    expect(eq([0, 0, 600, 800], [0, 0, 600, 801])).toBe(false);
    expect(eq([0, 0, 600], [0, 0, 600, 800])).toBe(false);
    expect(eq([1, 2], [2, 1])).toBe(false);
    expect(eq([], dict({}))).toBe(false);
  });

  it('compares dictionaries key by key, an added or removed key included', () => {
    expect(eq(dict({ A: 1, B: str('x') }), dict({ B: str('x'), A: 1 }))).toBe(true);
    expect(eq(dict({ A: 1 }), dict({ A: 2 }))).toBe(false);
    expect(eq(dict({ A: 1 }), dict({ A: 1, B: 2 }))).toBe(false);
    expect(eq(dict({ A: 1, B: 2 }), dict({ A: 1 }))).toBe(false);
    expect(eq(dict({}), [])).toBe(false);
  });

  it('compares streams by dictionary and raw data, their /Length aside', () => {
    expect(eq(stream(100), stream(200))).toBe(true);
    expect(eq(stream(100), stream(300))).toBe(false);
    expect(eq(stream(100, { Filter: PdfName.of('FlateDecode') }), stream(200))).toBe(false);
    expect(eq(stream(100), dict({ Length: 16 }))).toBe(false);
    expect(eq(dict({ Length: 16 }), stream(100))).toBe(false);
  });

  it('ignores only /Length in a stream dictionary: the data length still counts', () => {
    const a = new PdfStream(dict({ Length: 16 }), 100, 16);
    const b = new PdfStream(dict({ Length: 99 }), 200, 16);
    expect(eq(a, b)).toBe(true);
    // Same bytes read, but the file says the data is longer: not the same stream.
    const longer = new PdfStream(dict({ Length: 16 }), 200, 17);
    expect(eq(a, longer)).toBe(false);
  });

  it('tells streams with different data of the same length apart by reading it', () => {
    const a = new PdfStream(dict({}), 100, 16);
    const b = new PdfStream(dict({}), 300, 16);
    expect(eq(a, b)).toBe(false);
  });

  it('counts a stream dictionary one level down', () => {
    const deep = (at: number, levels: number) => stream(at, { K: nested(levels) });
    // Stream at 0, its dictionary at 1, /K at 2: the number inside 62 arrays sits at 64.
    expect(eq(deep(100, 62), deep(200, 62))).toBe(true);
    expect(eq(deep(100, 63), deep(200, 63))).toBe(false);
  });

  it('calls an object of no PDF type equal to nothing', () => {
    const foreign = new Date(0) as unknown as PdfObject;
    expect(eq(foreign, dict({}))).toBe(false);
    expect(eq(foreign, new Date(0) as unknown as PdfObject)).toBe(false);
  });

  it('follows nesting 64 levels deep and refuses to call deeper objects equal', () => {
    expect(eq(nested(64), nested(64))).toBe(true);
    expect(eq(nested(65), nested(65))).toBe(false);
    const deepDict = (levels: number): PdfObject => {
      let v: PdfObject = 7;
      for (let i = 0; i < levels; i++) v = dict({ K: v });
      return v;
    };
    // A dictionary and its key each take one level.
    expect(eq(deepDict(32), deepDict(32))).toBe(true);
    expect(eq(deepDict(33), deepDict(33))).toBe(false);
  });
});

describe('pdf-equal: changed keys', () => {
  it('names the keys added, removed or changed, and only those', () => {
    const a = dict({ A: 1, B: 2, C: 3 });
    const b = dict({ A: 1, B: 5, D: 4 });
    expect(changedKeys(source, a, b).sort()).toEqual(['B', 'C', 'D']);
    expect(changedKeys(source, a, b, 0, ['B', 'C'])).toEqual(['D']);
    expect(dictEqual(source, a, b, 0, ['B', 'C', 'D'])).toBe(true);
    expect(dictEqual(source, a, b)).toBe(false);
    expect(dictEqual(source, a, dict({ A: 1, B: 2, C: 3 }))).toBe(true);
  });

  it('counts the depth it starts from (the value one level down, its items two)', () => {
    expect(changedKeys(source, dict({ K: [1] }), dict({ K: [1] }), 62)).toEqual([]);
    expect(changedKeys(source, dict({ K: [1] }), dict({ K: [1] }), 63)).toEqual(['K']);
  });
});
