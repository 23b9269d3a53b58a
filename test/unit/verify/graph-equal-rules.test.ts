import { describe, expect, it } from 'vitest';
import {
  PdfDict,
  PdfName,
  type PdfObject,
  PdfReader,
  PdfRef,
  PdfStream,
  PdfString,
} from '../../../daemon/src/pdf/reader/index.js';
import { WritableDict, name } from '../../../daemon/src/pdf/writer/serialize.js';
import { GraphBudgetExceeded, GraphComparer } from '../../../daemon/src/verify/graph-equal.js';
import { objectStreamBody } from '../../support/pdf-attacks.js';
import { appendRevision, basePdf, stream } from '../../support/pdf-change-builder.js';
import { appendUpdate } from '../../support/pdf-update-writer.js';

/** The number 7 inside `levels` arrays, as PDF source. */
const nestedSource = (levels: number) => `${'['.repeat(levels)}7${']'.repeat(levels)}`;
const ref = (num: number) => new PdfRef(num, 0);
const dict = (entries: Record<string, PdfObject>) => new PdfDict(new Map(Object.entries(entries)));

/**
 * Revision 0: the base document plus 20 and 21 (the same dictionary under two numbers), 22 (another),
 * 23 and 24 (dictionaries that name themselves), 25 and 26 (the same content stream), 27 and 28
 * (other streams), 40 and 41 (the number 7 inside 63 arrays), 42 and 43 (inside 64).
 * Revision 1 rewrites 8 (Helvetica → Courier) and 21 with its own content; revision 2 rewrites 20.
 */
const bytes = appendRevision(
  appendRevision(
    basePdf({
      20: '<< /Kind /Stamp /V 1 /Arr [1 (a) /N] >>',
      21: '<< /Kind /Stamp /V 1 /Arr [1 (a) /N] >>',
      22: '<< /Kind /Stamp /V 2 /Arr [1 (a) /N] >>',
      23: '<< /Self 23 0 R /V 1 >>',
      24: '<< /Self 24 0 R /V 1 >>',
      25: stream('', 'BT (Hello) Tj ET'),
      26: stream('', 'BT (Hello) Tj ET'),
      27: stream('', 'BT (Hallo) Tj ET'),
      28: stream('/Filter /FlateDecode', 'BT (Hello) Tj ET'),
      40: nestedSource(63),
      41: nestedSource(63),
      42: nestedSource(64),
      43: nestedSource(64),
    }),
    {
      8: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>',
      21: '<< /Kind /Stamp /V 1 /Arr [1 (a) /N] >>',
    },
  ),
  { 20: '<< /Kind /Stamp /V 1 /Arr [1 (a) /N] >>' },
);
const view = PdfReader.fromBuffer(bytes);
const cmp = (budget = 10_000) => new GraphComparer(view, budget);
const eq = (a: PdfObject | undefined, b: PdfObject | undefined, revA = 0, revB = 0) =>
  cmp().equal(a, revA, b, revB);

describe('graph-equal: direct values', () => {
  it('calls null equal to null, and a missing value different from anything', () => {
    expect(eq(null, null)).toBe(true);
    expect(eq(undefined, null)).toBe(false);
    expect(eq(null, undefined)).toBe(false);
    expect(eq(0, undefined)).toBe(false);
  });

  it('compares numbers, booleans and names by value', () => {
    expect(eq(1, 1)).toBe(true);
    expect(eq(1, 2)).toBe(false);
    expect(eq(0, false)).toBe(false);
    expect(eq(PdfName.of('A'), PdfName.of('A'))).toBe(true);
    expect(eq(PdfName.of('A'), PdfName.of('B'))).toBe(false);
    expect(eq(PdfName.of('A'), new PdfString(Buffer.from('A'), false))).toBe(false);
    expect(eq(new PdfString(Buffer.from('A'), false), PdfName.of('A'))).toBe(false);
  });

  it('compares strings by bytes', () => {
    const s = (t: string, hex = false) => new PdfString(Buffer.from(t, 'latin1'), hex);
    expect(eq(s('1.000', false), s('1.000', true))).toBe(true);
    expect(eq(s('1.000'), s('9.000'))).toBe(false);
    expect(eq(s('1.000'), [1])).toBe(false);
  });

  it('compares arrays by length and element', () => {
    expect(eq([1, 2], [1, 2])).toBe(true);
    expect(eq([1, 2], [2, 1])).toBe(false);
    expect(eq([1, 2], [1, 3])).toBe(false);
    expect(eq([1, 2], [1, 2, 3])).toBe(false);
    expect(eq([1], dict({}))).toBe(false);
  });

  it('compares dictionaries by every key of either', () => {
    expect(eq(dict({ A: 1, B: 2 }), dict({ B: 2, A: 1 }))).toBe(true);
    expect(eq(dict({ A: 1 }), dict({ A: 1, B: 2 }))).toBe(false);
    expect(eq(dict({ A: 1, B: 2 }), dict({ A: 1 }))).toBe(false);
    expect(eq(dict({ A: 1 }), [1])).toBe(false);
  });

  it('ignores the keys it is told to, at the top level only', () => {
    const c = cmp();
    expect(c.equal(dict({ A: 1, V: 1 }), 0, dict({ A: 1, V: 2 }), 0, ['V'])).toBe(true);
    expect(c.equal(dict({ A: 1, V: 1 }), 0, dict({ A: 2, V: 2 }), 0, ['V'])).toBe(false);
    expect(c.equal(dict({ K: dict({ V: 1 }) }), 0, dict({ K: dict({ V: 2 }) }), 0, ['V'])).toBe(false);
    expect(c.equal([dict({ V: 1 })], 0, [dict({ V: 2 })], 0, ['V'])).toBe(false);
  });

  it('refuses to call objects nested deeper than 64 levels equal', () => {
    const nested = (levels: number): PdfObject => {
      let v: PdfObject = 7;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    expect(eq(nested(64), nested(64))).toBe(true);
    expect(eq(nested(65), nested(65))).toBe(false);
    const deepDict = (levels: number): PdfObject => {
      let v: PdfObject = 7;
      for (let i = 0; i < levels; i++) v = dict({ K: v });
      return v;
    };
    // A dictionary's values sit one level below it.
    expect(eq(deepDict(64), deepDict(64))).toBe(true);
    expect(eq(deepDict(65), deepDict(65))).toBe(false);
  });

  it('counts following a reference as one level', () => {
    expect(eq(ref(40), ref(41))).toBe(true);
    expect(eq(ref(42), ref(43))).toBe(false);
  });

  it('calls an object of no PDF type equal to nothing', () => {
    const foreign = new Date(0) as unknown as PdfObject;
    expect(eq(foreign, dict({}))).toBe(false);
    expect(eq(foreign, new Date(0) as unknown as PdfObject)).toBe(false);
  });
});

describe('graph-equal: streams', () => {
  const s = (num: number) => view.resolveAt(ref(num), 0) as PdfStream;

  it('compares dictionary and raw data', () => {
    expect(eq(s(25), s(26))).toBe(true);
    expect(eq(s(25), s(27))).toBe(false);
    expect(eq(s(25), s(28))).toBe(false);
    expect(eq(s(25), s(25).dict)).toBe(false);
    expect(eq(s(25).dict, s(25))).toBe(false);
  });

  it('ignores /Length but not the data length', () => {
    const a = s(25);
    const relength = new PdfStream(dict({ Length: 99 }), a.dataOffset, a.dataLength);
    expect(eq(a, relength)).toBe(true);
    expect(eq(a, new PdfStream(a.dict, a.dataOffset, a.dataLength - 1))).toBe(false);
    expect(eq(a, new PdfStream(dict({ Length: 99, X: 1 }), a.dataOffset, a.dataLength))).toBe(false);
  });

  it('tells data lengths apart even where the file ends before the longer one', () => {
    const tail = new PdfStream(dict({}), bytes.length - 3, 3);
    expect(eq(tail, new PdfStream(dict({}), bytes.length - 3, 10))).toBe(false);
  });
});

describe('graph-equal: references', () => {
  it('follows references: a renumbered object with the same content is equal', () => {
    expect(eq(ref(20), ref(21))).toBe(true);
    expect(eq(ref(20), ref(22))).toBe(false);
  });

  it('compares a reference with a direct object by what it points to', () => {
    const direct = dict({
      Kind: PdfName.of('Stamp'),
      V: 1,
      Arr: [1, new PdfString(Buffer.from('a'), false), PdfName.of('N')],
    });
    expect(eq(ref(20), direct)).toBe(true);
    expect(eq(direct, ref(20))).toBe(true);
    expect(eq(ref(22), direct)).toBe(false);
  });

  it('resolves each reference in its own revision', () => {
    expect(eq(ref(8), ref(8), 0, 1)).toBe(false);
    expect(eq(ref(8), ref(8), 1, 0)).toBe(false);
    expect(eq(ref(8), ref(8), 1, 2)).toBe(true);
    // Rewritten with the same content: still equal.
    expect(eq(ref(21), ref(21), 0, 1)).toBe(true);
  });

  it('takes an object no revision rewrote as equal without reading it', () => {
    // One step: the pair is not followed.
    expect(cmp(1).equal(ref(22), 0, ref(22), 2)).toBe(true);
    expect(() => cmp(1).equal(ref(22), 0, ref(21), 2)).toThrow(GraphBudgetExceeded);
  });

  it('remembers only pairs of references, never a reference against a direct object', () => {
    const c = cmp();
    const same = view.resolveAt(ref(21), 0);
    const other = view.resolveAt(ref(22), 0);
    expect(c.equal(ref(20), 0, same, 0)).toBe(true);
    expect(c.equal(ref(20), 0, other, 0)).toBe(false);
    expect(c.equal(same, 0, ref(20), 0)).toBe(true);
    expect(c.equal(other, 0, ref(20), 0)).toBe(false);
  });

  it('takes a missing object as untouched, and two missing objects as equal', () => {
    expect(cmp().untouched(999, 0, 1)).toBe(true);
    expect(eq(ref(999), ref(999), 0, 1)).toBe(true);
  });

  it('ends a cycle by assuming the pair under comparison equal', () => {
    expect(eq(ref(23), ref(24))).toBe(true);
  });

  it('remembers a pair as equal only under the same ignored keys', () => {
    const c = cmp();
    expect(c.equal(ref(20), 0, ref(22), 0, ['V'])).toBe(true);
    expect(c.equal(ref(20), 0, ref(22), 0)).toBe(false);
    // Lists of ignored keys are told apart by their items, not their letters.
    expect(c.equal(ref(20), 0, ref(22), 0, ['V', 'X'])).toBe(true);
    expect(c.equal(ref(20), 0, ref(22), 0, ['VX'])).toBe(false);
  });

  it('forgets what it assumed once a comparison fails', () => {
    const c = cmp();
    expect(c.equal(ref(20), 0, ref(22), 0)).toBe(false);
    expect(c.equal(ref(20), 0, ref(22), 0)).toBe(false);
    expect(c.equal([ref(20)], 0, [ref(22)], 0)).toBe(false);
  });

  it('keeps pairs it proved equal', () => {
    const c = cmp(9);
    // Resolving 20/21 takes eight steps; the second time the pair is remembered: one step.
    expect(c.equal(ref(20), 0, ref(21), 0)).toBe(true);
    expect(c.equal(ref(20), 0, ref(21), 0)).toBe(true);
  });
});

describe('graph-equal: budget', () => {
  it('throws once a comparison takes more steps than allowed', () => {
    expect(cmp(1).equal(1, 0, 1, 0)).toBe(true);
    expect(() => cmp(2).equal([1], 0, [1], 0)).not.toThrow();
    expect(() => cmp(1).equal([1], 0, [1], 0)).toThrow(GraphBudgetExceeded);
    expect(() => cmp(1).equal([1], 0, [1], 0)).toThrow('object graph too large to compare');
  });

  it('counts steps across comparisons', () => {
    const c = cmp(2);
    c.equal(1, 0, 1, 0);
    c.equal(1, 0, 1, 0);
    expect(() => c.equal(1, 0, 1, 0)).toThrow(GraphBudgetExceeded);
  });
});

describe('graph-equal: changed keys', () => {
  it('names the keys added, removed or changed by content, except those ignored', () => {
    const a = dict({ A: ref(20), B: 2, C: 3 });
    const b = dict({ A: ref(21), B: 5, D: 4 });
    expect(cmp().changedKeys(a, 0, b, 0).sort()).toEqual(['B', 'C', 'D']);
    expect(cmp().changedKeys(a, 0, b, 0, ['B', 'C'])).toEqual(['D']);
    expect(cmp().changedKeys(dict({ F: ref(8) }), 0, dict({ F: ref(8) }), 1)).toEqual(['F']);
  });
});

describe('graph-equal: untouched', () => {
  it('holds when no later revision wrote the object, in either order of revisions', () => {
    const c = cmp();
    expect(c.untouched(8, 0, 0)).toBe(true);
    expect(c.untouched(8, 1, 1)).toBe(true);
    expect(c.untouched(8, 0, 1)).toBe(false);
    expect(c.untouched(8, 1, 0)).toBe(false);
    expect(c.untouched(8, 0, 2)).toBe(false);
    expect(c.untouched(8, 1, 2)).toBe(true);
    expect(c.untouched(20, 0, 2)).toBe(false);
    expect(c.untouched(20, 2, 1)).toBe(false);
    expect(c.untouched(22, 0, 2)).toBe(true);
  });

  /** Revision 1 packs 30 into object stream 31; revision 2 rewrites 31 alone (or 32, elsewhere). */
  const packed = (() => {
    const base = appendUpdate(basePdf(), () => ({
      objects: [],
      packed: { stream: 31, objects: [{ num: 30, value: WritableDict.of({ Kind: name('Stamp'), V: 1 }) }] },
    }));
    const rewrite = (num: number, v: number) => {
      const { dict: d, data } = objectStreamBody([
        { num: 30, value: WritableDict.of({ Kind: name('Stamp'), V: v }) },
      ]);
      return PdfReader.fromBuffer(appendUpdate(base, () => ({ objects: [{ num, value: d, data }] })));
    };
    return { changed: rewrite(31, 2), elsewhere: rewrite(32, 2) };
  })();

  it('fails when a later revision rewrote the object stream holding it', () => {
    const c = new GraphComparer(packed.changed, 1000);
    expect(packed.changed.entry(30, 2)?.type).toBe('compressed');
    expect(c.untouched(30, 1, 2)).toBe(false);
    expect(c.untouched(30, 2, 1)).toBe(false);
    expect(c.equal(ref(30), 1, ref(30), 2)).toBe(false);
    expect(new GraphComparer(packed.elsewhere, 1000).untouched(30, 1, 2)).toBe(true);
  });
});
