import { describe, expect, it } from 'vitest';
import { appendRevision, basePdf, changesOf, signedPdf, widget } from '../../support/pdf-change-builder.js';

/**
 * changes.ts, the report: pages in ascending order whatever the order of the findings, and a
 * replaced catalog named by the keys that differ, validation data, metadata and /Version aside.
 */

const CATALOG = '/Type /Catalog /Pages 2 0 R /AcroForm 6 0 R';

describe('pages', () => {
  it('are listed in ascending order', () => {
    // Two pages; ChuKy2 (12) is listed in /Fields only, its /P is page 2 (13).
    const twoPages = signedPdf(
      {
        2: '<< /Type /Pages /Kids [3 0 R 13 0 R] /Count 2 /MediaBox [0 0 600 800] >>',
        9: '[12 0 R]',
        12: widget({ ft: 'Sig', t: 'ChuKy2', page: '13 0 R' }),
        13: '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R >>',
      },
      { 9: '[12 0 R 10 0 R]' },
    );
    // The field's change is found (page 2) before page 1's new content.
    const report = changesOf(
      appendRevision(twoPages, {
        3: '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 14 0 R /Annots 7 0 R >>',
        12: widget({ ft: 'Sig', t: 'ChuKy2', page: '13 0 R', extra: '/TU (Ky)' }),
        14: '<< /Length 5 >>\nstream\nBT ET\nendstream',
      }),
    );
    expect(report.findings).toContain('revision 2: object 12 (/Annot): signature field "ChuKy2" /TU changed');
    expect(report.pages).toEqual([1, 2]);
  });
});

describe('a replaced catalog', () => {
  it('does not name a changed /Metadata', () => {
    const replaced = appendRevision(
      signedPdf(),
      { 20: `<< ${CATALOG} /Metadata 21 0 R /AA << >> >>`, 21: '<< /Type /Metadata >>' },
      { trailer: '/Root 20 0 R' },
    );
    expect(changesOf(replaced).findings).toEqual([
      'revision 2: the catalog was replaced by object 20: /AA differ',
    ]);
  });
});

describe('a wrong xref entry', () => {
  it('of an object nothing reads does not stop an analysis that relocated nothing', () => {
    const added = appendRevision(basePdf(), { 30: '<< /Unused true >>' });
    const s = added.toString('latin1');
    const row = s.indexOf('30 1\n', s.lastIndexOf('\nxref\n')) + '30 1\n'.length;
    const wrong = Buffer.from(added);
    wrong.write(String(Number(s.slice(row, row + 10)) + 1).padStart(10, '0'), row, 'latin1');
    expect(changesOf(wrong, 0)).toMatchObject({ level: 'NONE', findings: [], incomplete: false });
  });
});
