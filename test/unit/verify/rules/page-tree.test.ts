import { describe, expect, it } from 'vitest';
import {
  type Objects,
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';

/** The pages a revision shows, walked from its /Root (page-diff.ts), one rule per test. */

const PAINT = formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET');

/** Revision 2 adds the signed field "KyMoi" (20) shown on page 1 at `rect`, to a document built on `base`. */
function signs(base: Objects, rect = '[100 100 200 120]') {
  return changesOf(
    appendRevision(signedPdf(base), {
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect, ap: '22 0 R' }),
      21: sigDict(),
      22: PAINT,
    }),
  );
}

describe('the page tree', () => {
  it('passes the media box down through a /Pages node that has none', () => {
    const tree = {
      2: '<< /Type /Pages /Kids [30 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
      30: '<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>',
      3: '<< /Type /Page /Parent 30 0 R /Resources 5 0 R /Contents 4 0 R /Annots 7 0 R >>',
    };
    expect(signs(tree).level).toBe('SIGNATURES_AND_FORMS');
    expect(signs(tree, '[0 0 600 800]').findings).toContain(
      'revision 2: page 1: the appearance of signature "KyMoi" covers 100% of the page',
    );
  });

  it('deeper than 64 levels cannot be analysed; 64 can', () => {
    const deep = (levels: number): Objects => {
      const tree: Objects = { 2: '<< /Type /Pages /Kids [100 0 R] /Count 1 /MediaBox [0 0 600 800] >>' };
      for (let i = 0; i < levels - 1; i++)
        tree[100 + i] = `<< /Type /Pages /Kids [${101 + i} 0 R] /Count 1 >>`;
      tree[100 + levels - 1] = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
      return tree;
    };
    expect(signs(deep(63)).level).toBe('SIGNATURES_AND_FORMS');
    expect(signs(deep(64)).findings).toContain(
      'revision 2: changes cannot be analysed (page tree deeper than 64 levels)',
    );
  });

  it('counts a /Pages node without /Kids as no page', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        2: '<< /Type /Pages /Kids [3 0 R 30 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
        30: '<< /Type /Pages /Parent 2 0 R /Count 0 >>',
      }),
    );
    expect(report.findings.join('\n')).not.toContain('page count changed');
  });

  it('compares a page that has neither /Resources nor /Annots', () => {
    const bare = { 3: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>' };
    const report = changesOf(
      appendRevision(signedPdf(bare), { 9: '[10 0 R 20 0 R]', 20: widget({ ft: 'Sig', t: 'KyMoi' }) }),
    );
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });
});
