import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfRef } from '../../../../daemon/src/pdf/reader/index.js';
import type { Revision } from '../../../../daemon/src/pdf/reader/reader.js';
import { mergeSectionsOfOneRevision } from '../../../../daemon/src/pdf/reader/revision-merge.js';
import type { XrefEntry } from '../../../../daemon/src/pdf/reader/xref.js';
import { revisionSignatures } from '../../../../daemon/src/verify/signature-map.js';
import { basePdf, changesOf, sigDict, signedPdf, widget } from '../../../support/pdf-change-builder.js';
import { qpdf, tempDir } from '../../../support/pdf-inputs.js';

/**
 * revision-merge.ts: xref sections that do not end before the newer one (a linearized file's two
 * sections, an update written as two sections before one %%EOF) are one revision, so a signature
 * made in such an update covers its end and its objects are new in it.
 */

const entry = (offset: number): XrefEntry => ({ type: 'offset', offset, gen: 0 }) as XrefEntry;
function section(
  end: number,
  entries: [number, number][],
  trailer: Record<string, PdfRef | number>,
): Revision {
  return {
    index: 0,
    xrefOffset: end - 30,
    kind: 'table',
    trailer: new PdfDict(new Map(Object.entries(trailer))),
    entries: new Map(entries.map(([n, o]) => [n, entry(o)])),
    endOffset: end,
  };
}

/** The section a reader of the file cut at each end starts from (the startxref before that end). */
const starts =
  (table: Record<number, number>) =>
  (end: number): number | undefined =>
    table[end];

describe('mergeSectionsOfOneRevision', () => {
  it('keeps a plain chain: each older section ends before the newer one', () => {
    const newer = section(300, [[5, 250]], { Root: new PdfRef(1, 0), Prev: 70 });
    const older = section(100, [[1, 10]], { Root: new PdfRef(1, 0) });
    expect(mergeSectionsOfOneRevision([newer, older], starts({ 300: 0, 100: 1 }))).toEqual([newer, older]);
  });

  it('folds a section ending with the newer one into it: newer entries win, trailer keys fill in', () => {
    const newer = section(
      300,
      [
        [5, 250],
        [6, 260],
      ],
      { Size: 7, Prev: 200 },
    );
    const older = section(
      300,
      [
        [5, 210],
        [1, 220],
      ],
      { Root: new PdfRef(1, 0), Size: 6, Prev: 70 },
    );
    const oldest = section(100, [[1, 10]], { Root: new PdfRef(1, 0) });
    const [merged, first, ...rest] = mergeSectionsOfOneRevision(
      [newer, older, oldest],
      starts({ 300: 0, 100: 2 }),
    );
    expect(rest).toEqual([]);
    expect(first).toEqual(oldest);
    expect(merged?.endOffset).toBe(300);
    expect(merged?.xrefOffset).toBe(newer.xrefOffset);
    expect([...merged!.entries].map(([n, e]) => [n, (e as { offset: number }).offset])).toEqual([
      [5, 250],
      [1, 220],
      [6, 260],
    ]);
    expect(merged?.trailer.get('Size')).toBe(7);
    expect(merged?.trailer.get('Root')).toEqual(new PdfRef(1, 0));
    expect(merged?.trailer.get('Prev')).toBe(200);
    // The sections themselves are left as they were read.
    expect(newer.trailer.has('Root')).toBe(false);
    expect(newer.entries.size).toBe(2);
  });

  it('a linearized file: the first-page section ends before the main one, which is folded in', () => {
    const firstPage = section(120, [[9, 40]], { Root: new PdfRef(9, 0), Prev: 900 });
    const main = section(1000, [[1, 500]], { Size: 10 });
    // The first page's own %%EOF is preceded by "startxref 0", which names no section.
    const [one, ...rest] = mergeSectionsOfOneRevision([firstPage, main], starts({ 1000: 0 }));
    expect(rest).toEqual([]);
    expect(one?.endOffset).toBe(1000);
    expect(one?.trailer.get('Root')).toEqual(new PdfRef(9, 0));
    expect(one?.trailer.get('Size')).toBe(10);
  });
});

describe('sections reached only from a later startxref', () => {
  it('belong to the later revision, never to the signed one that ends where they do', () => {
    // U → D → S → O along /Prev; D was left unreferenced before S's %%EOF (inside the signed range)
    // and only U's startxref chains it in: a reader of the file cut at S's end never sees it.
    const u = section(500, [[20, 450]], { Root: new PdfRef(1, 0), Prev: 270 });
    const d = section(300, [[7, 180]], { Root: new PdfRef(1, 0), Prev: 280 });
    const sig = section(300, [[9, 290]], { Root: new PdfRef(1, 0), Prev: 70 });
    const o = section(100, [[7, 10]], { Root: new PdfRef(1, 0) });
    const revisions = mergeSectionsOfOneRevision([u, d, sig, o], starts({ 100: 3, 300: 2, 500: 0 }));
    expect(revisions.map((r) => r.endOffset)).toEqual([500, 300, 100]);
    expect([...revisions[1]!.entries.keys()]).toEqual([9]);
    expect((revisions[0]!.entries.get(7) as { offset: number }).offset).toBe(180);
  });
});

describe('files read through the merge', () => {
  it('qpdf --linearize output is one revision', () => {
    const tmp = tempDir('vanthu-merge-');
    try {
      const linearized = qpdf(basePdf(), ['--linearize'], tmp.dir);
      const r = PdfReader.fromBuffer(linearized);
      expect(r.revisions).toHaveLength(1);
      expect(r.revisions[0]!.endOffset).toBe(linearized.length);
      expect(r.pageCount).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });

  it('an update written as two xref sections before one %%EOF is one revision whose signature it made', () => {
    const signed = signedPdf();
    const s = signed.toString('latin1');
    const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(s)?.[1]);
    // Section A lists the signature and its field, section B (newest, /Prev A) the arrays.
    const objs = (list: [number, string][], from: number) => {
      let out = '';
      const rows: string[] = [];
      for (const [n, src] of list) {
        rows.push(`${n} 1\n${String(from + out.length).padStart(10, '0')} 00000 n\r\n`);
        out += `${n} 0 obj\n${src}\nendobj\n`;
      }
      return { out, rows };
    };
    const a = objs(
      [
        [20, widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R' })],
        [21, sigDict()],
      ],
      signed.length,
    );
    const aXref = signed.length + a.out.length;
    const aSection = `xref\n0 1\n0000000000 65535 f\r\n${a.rows.join('')}trailer\n<< /Size 22 /Root 1 0 R /Prev ${prev} >>\n`;
    const bStart = aXref + aSection.length;
    const b = objs(
      [
        [7, '[10 0 R 20 0 R]'],
        [9, '[10 0 R 20 0 R]'],
      ],
      bStart,
    );
    const bXref = bStart + b.out.length;
    const bSection = `xref\n0 1\n0000000000 65535 f\r\n${b.rows.join('')}trailer\n<< /Size 22 /Root 1 0 R /Prev ${aXref} >>\nstartxref\n${bXref}\n%%EOF\n`;
    const bytes = Buffer.concat([signed, Buffer.from(a.out + aSection + b.out + bSection, 'latin1')]);
    bytes.write(String(bytes.length - 2).padStart(10, '0'), bytes.indexOf('@@@@@@@@@@'), 'latin1');
    const r = PdfReader.fromBuffer(bytes);
    expect(r.revisions).toHaveLength(3);
    expect(r.revisions[2]!.endOffset).toBe(bytes.length);
    expect(revisionSignatures(r, 2).made.map((f) => f.name)).toEqual(['ChuKy2']);
    expect(changesOf(bytes)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});
