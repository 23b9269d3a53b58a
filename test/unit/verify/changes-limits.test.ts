import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { analyseChanges } from '../../../daemon/src/verify/changes.js';
import { appendRevision, changesOf, signedPdf } from '../../support/pdf-change-builder.js';

/**
 * changes.ts at its limits: a revision listing more objects than the analysis checks, or a comparison that would walk more than the graph budget allows ends
 * the analysis as OTHER and incomplete, never as an exception nor as "unchanged".
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';

/**
 * Appends a revision whose xref stream (object `self`, one type byte per entry) lists `count` free
 * entries from `first` on, and nothing else: the cheapest way to list many objects.
 */
function freeEntries(input: Buffer, self: number, first: number, count: number): Buffer {
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(input.toString('latin1'))?.[1]);
  const dict = `/Type /XRef /Size ${first + count} /W [1 0 0] /Index [${first} ${count}] /Root 1 0 R /Prev ${prev} /Length ${count}`;
  return Buffer.concat([
    input,
    Buffer.from(`${self} 0 obj\n<< ${dict} >>\nstream\n`, 'latin1'),
    Buffer.alloc(count),
    Buffer.from(`\nendstream\nendobj\nstartxref\n${input.length}\n%%EOF\n`, 'latin1'),
  ]);
}

describe('the object budget', () => {
  // Revision 2 lists one entry, revision 3 exactly 200 000: the budget. Built once, when first used.
  let built: PdfReader | undefined;
  const reader = (): PdfReader => {
    built ??= PdfReader.fromBuffer(freeEntries(freeEntries(signedPdf(), 998, 40, 1), 999, 1000, 200_000));
    return built;
  };

  it('revisions listing 200 000 objects after the signature are analysed', () => {
    expect(analyseChanges(reader(), 2)).toMatchObject({ level: 'NONE', incomplete: false });
  });

  it('one more ends the analysis as OTHER and incomplete', () => {
    expect(analyseChanges(reader(), 1)).toMatchObject({
      level: 'OTHER',
      incomplete: true,
      findings: ['too many changed objects to analyse'],
    });
  });
});

describe('the graph budget', () => {
  /**
   * The signed catalog has `keys` entries [100 0 R 101 0 R]; a new catalog (object 20) has them as
   * [200 0 R 201 0 R]: 100 and 200 are equal arrays of 10 000 numbers, 101 and 201 differ. Each
   * failed comparison forgets the pairs it proved, so every key walks the big array again.
   */
  function replacedCatalog(keys: number): Buffer {
    const entries = (big: number, small: number) =>
      Array.from({ length: keys }, (_, k) => `/K${k} [${big} 0 R ${small} 0 R]`).join(' ');
    const big = `[${'1 '.repeat(10_000)}]`;
    const signed = signedPdf({
      1: `<< ${CATALOG} ${entries(100, 101)} >>`,
      100: big,
      101: '(a)',
    });
    return appendRevision(
      signed,
      { 20: `<< ${CATALOG} ${entries(200, 201)} >>`, 200: big, 201: '(b)' },
      { trailer: '/Root 20 0 R' },
    );
  }

  it('ends the analysis as OTHER and incomplete when a comparison would exceed it', () => {
    expect(changesOf(replacedCatalog(210))).toMatchObject({
      level: 'OTHER',
      incomplete: true,
      findings: ['revision 2: changes cannot be analysed (object graph too large to compare)'],
    });
  });

  it('below it the same comparison is made to the end', () => {
    const report = changesOf(replacedCatalog(150));
    expect(report.incomplete).toBe(false);
    expect(report.findings[0]).toMatch(/^revision 2: the catalog was replaced by object 20: \/K0 \/K1 /);
  });
});
