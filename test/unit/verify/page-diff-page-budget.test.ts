import { describe, expect, it } from 'vitest';
import { appendRevision, changesOf, signedPdf } from '../../support/pdf-change-builder.js';

/** The page walk's bound (page-diff.ts); apart, as it walks a hundred thousand pages twice. */

describe('the page budget', () => {
  it('walks 100 001 pages, not one more', () => {
    /** A document of `n` pages (all but the first written in place), and an update that changes nothing. */
    const pages = (n: number) =>
      changesOf(
        appendRevision(
          signedPdf({
            2: `<< /Type /Pages /Kids [3 0 R ${'<< /Type /Page >> '.repeat(n - 1)}] /Count ${n} /MediaBox [0 0 600 800] >>`,
          }),
          { 9: '[10 0 R]' },
        ),
      );
    expect(pages(100_001)).toMatchObject({ level: 'NONE', findings: [] });
    expect(pages(100_002).findings).toEqual([
      'revision 2: changes cannot be analysed (more pages than the analysis allows)',
    ]);
  }, 120_000);
});
