import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { analyseChanges } from '../../../daemon/src/verify/changes.js';
import {
  appendRevision,
  basePdf,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../support/pdf-change-builder.js';

/**
 * changes.ts and the cross-reference entries themselves: objects written under a generation other
 * than 0 are compared as such, and a file opened with relocation (viewers rebuild the xref) whose
 * later revision points at wrong objects cannot be called unchanged.
 */

const NOTE = '<< /Note (unused) >>';

/** Where the last xref section of `b` starts. */
const lastXref = (b: Buffer): number => b.toString('latin1').lastIndexOf('\nxref\n') + 1;

/** The byte offset of the xref row of `num` in the section starting at `xref`. */
function rowOf(s: string, xref: number, num: number): number {
  const sub = /\n(\d+) (\d+)\r?\n/g;
  sub.lastIndex = xref;
  for (let m = sub.exec(s); m; m = sub.exec(s)) {
    const first = Number(m[1]);
    if (num >= first && num < first + Number(m[2])) return m.index + m[0].length + (num - first) * 20;
  }
  throw new Error(`object ${num} is not in the section at ${xref}`);
}

/** Rewrites the newest `num 0 obj` header, and its row in the last xref section, as generation 1. */
function asGeneration1(input: Buffer, num: number): Buffer {
  const s = input.toString('latin1');
  const out = Buffer.from(input);
  out.write(`${num} 1 obj`, s.lastIndexOf(`\n${num} 0 obj`) + 1, 'latin1');
  out.write('00001', rowOf(s, lastXref(input), num) + 11, 'latin1');
  return out;
}

/** Moves the xref offset of `num` in the section starting at `xref` one byte past its header. */
function misplace(input: Buffer, xref: number, num: number): Buffer {
  const s = input.toString('latin1');
  const at = rowOf(s, xref, num);
  const out = Buffer.from(input);
  out.write(String(Number(s.slice(at, at + 10)) + 1).padStart(10, '0'), at, 'latin1');
  return out;
}

const relocated = (bytes: Buffer, signed = 1) =>
  analyseChanges(PdfReader.fromBuffer(bytes, { relocate: true }), signed);

describe('generation numbers', () => {
  // The empty signature field ChuKy2 is object 12 generation 1, listed as 12 1 R.
  const empty = (() => {
    const base = asGeneration1(
      basePdf({ 7: '[12 1 R]', 9: '[12 1 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) }),
      12,
    );
    return appendRevision(base, {
      7: '[12 1 R 10 0 R]',
      9: '[12 1 R 10 0 R]',
      10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }),
      11: sigDict(),
    });
  })();
  const fill = (v?: string) =>
    changesOf(
      asGeneration1(
        appendRevision(empty, {
          12: widget({ ft: 'Sig', t: 'ChuKy2', v, rect: '[100 100 200 120]', ap: '22 0 R' }),
          21: sigDict(),
          22: formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET'),
        }),
        12,
      ),
    );

  it('an empty field of generation 1, signed in a later revision, is signed by it', () => {
    expect(fill('21 0 R')).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('given an appearance without a signature it is still refused', () => {
    expect(fill().findings).toContain(
      'revision 2: object 12 (/Annot): empty signature field "ChuKy2" changed without being signed',
    );
  });
});

describe('a file whose xref entries were relocated', () => {
  /** The catalog's entry in the original section is one byte off: every analysis reads it. */
  const damagedBase = (): Buffer => {
    const base = basePdf({ 12: NOTE });
    return misplace(base, lastXref(base), 1);
  };

  it('is still analysed when the wrong entries are all older than the signature', () => {
    const signed = appendRevision(damagedBase(), {
      7: '[10 0 R]',
      9: '[10 0 R]',
      10: widget({ ft: 'Sig', t: 'CaNhan', v: '11 0 R' }),
      11: sigDict(),
    });
    const reader = PdfReader.fromBuffer(appendRevision(signed, { 30: '<< /Unused true >>' }), {
      relocate: true,
    });
    const report = analyseChanges(reader, 1);
    expect(reader.repaired).toBe(true);
    expect(report).toMatchObject({ level: 'NONE', findings: [], incomplete: false });
  });

  it('stops at the first later revision whose own entries point at wrong objects', () => {
    const signed = signedPdf({ 12: NOTE, 13: NOTE });
    const rewritten = appendRevision(signed, { 12: NOTE, 13: NOTE });
    const damaged = misplace(rewritten, lastXref(rewritten), 12);
    const again = appendRevision(damaged, { 13: NOTE, 14: NOTE });
    const twice = misplace(again, lastXref(again), 13);
    expect(relocated(twice)).toMatchObject({
      level: 'OTHER',
      incomplete: true,
      findings: ['revision 2: its cross-reference entries point at wrong objects (12)'],
    });
  });

  it('names at most five of them', () => {
    const nums = [12, 13, 14, 15, 16, 17];
    const objects = Object.fromEntries(nums.map((n) => [n, `<< /Note (${n}) >>`]));
    const rewritten = appendRevision(signedPdf(objects), objects);
    const damaged = nums.reduce((b, n) => misplace(b, lastXref(rewritten), n), rewritten);
    expect(relocated(damaged).findings).toEqual([
      'revision 2: its cross-reference entries point at wrong objects (12, 13, 14, 15, 16)',
    ]);
  });
});
