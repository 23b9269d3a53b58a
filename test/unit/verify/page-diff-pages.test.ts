import { describe, expect, it } from 'vitest';
import {
  type Objects,
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  stream,
  widget,
} from '../../support/pdf-change-builder.js';

/**
 * page-diff.ts, one rule per test: pages are compared one by one in order, with the attributes
 * they inherit from /Pages, and a new signature's share is measured on the page's media box.
 */

const PAGE = '/Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R';
/** A second page (20) drawn by its own content (21). */
const TWO_PAGES: Objects = {
  2: '<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 /MediaBox [0 0 600 800] >>',
  20: `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 21 0 R >>`,
  21: stream('', 'BT /F1 12 Tf 72 700 Td (Trang 2) Tj ET'),
};
const FORGED = stream('', 'BT /F1 12 Tf 72 700 Td (Forged) Tj ET');

describe('pages compared in order', () => {
  it('a change on page 2 is named with page 2', () => {
    const report = changesOf(appendRevision(signedPdf(TWO_PAGES), { 21: FORGED }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [2] });
    expect(report.findings).toContain('revision 2: page 2 /Contents changed');
  });

  it('a page removed is counted, and the pages left are still compared', () => {
    const report = changesOf(
      appendRevision(signedPdf(TWO_PAGES), {
        2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
        4: FORGED,
      }),
    );
    expect(report.findings).toContain('revision 2: page count changed from 2 to 1');
    expect(report.findings).toContain('revision 2: page 1 /Contents changed');
  });

  it('a page the tree named but lacked, written later, is OTHER by the page count alone', () => {
    const named = signedPdf({
      2: '<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 /MediaBox [0 0 600 800] >>',
    });
    const report = changesOf(appendRevision(named, { 20: `<< ${PAGE} >>` }));
    expect(report).toMatchObject({
      level: 'OTHER',
      findings: ['revision 2: page count changed from 1 to 2'],
    });
  });

  it('every changed key of a page is named in one finding', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 3: `<< ${PAGE} /Annots 7 0 R /Rotate 90 >>`, 4: FORGED }),
    );
    expect(report.findings).toContain('revision 2: page 1 /Contents /Rotate changed');
  });
});

describe('attributes inherited from /Pages', () => {
  it.each([
    ['/Rotate', '/Rotate 0', '/Rotate 90'],
    ['/CropBox', '/CropBox [0 0 600 800]', '/CropBox [0 0 300 400]'],
  ])('%s changed at the /Pages node is OTHER on the page', (key, before, after) => {
    const pages = (attrs: string) =>
      `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] ${attrs} >>`;
    const report = changesOf(appendRevision(signedPdf({ 2: pages(before) }), { 2: pages(after) }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(`revision 2: page 1 ${key} changed`);
  });

  it('a page that moves under a new /Pages node, showing the same, has not changed', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        2: '<< /Type /Pages /Kids [30 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
        30: '<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 >>',
        3: `<< /Type /Page /Parent 30 0 R /Resources 5 0 R /Contents 4 0 R /Annots 7 0 R >>`,
      }),
    );
    expect(report.findings.filter((f) => f.includes('page 1'))).toEqual([]);
  });
});

describe("a new signature's share of the page", () => {
  /** Revision 2 signs a new field shown at `rect` on a page whose /Pages node has the media box `box`. */
  function signsOn(box: string, rect: string, objects: Objects = {}) {
    const base = signedPdf({ 2: `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox ${box} >>`, ...objects });
    return changesOf(
      appendRevision(base, {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect, ap: '22 0 R' }),
        21: sigDict(),
        22: formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET'),
      }),
    );
  }

  it('is measured on a media box written corner to corner the other way', () => {
    expect(signsOn('[600 800 0 0]', '[0 0 600 800]').findings).toContain(
      'revision 2: page 1: the appearance of signature "KyMoi" covers 100% of the page',
    );
    expect(signsOn('[600 800 0 0]', '[100 100 200 120]').level).toBe('SIGNATURES_AND_FORMS');
  });

  it('is measured on a media box given by references', () => {
    expect(signsOn('[0 0 30 0 R 800]', '[0 0 600 800]', { 30: '600' }).findings).toContain(
      'revision 2: page 1: the appearance of signature "KyMoi" covers 100% of the page',
    );
  });

  it.each([
    ['three numbers', '[0 0 600]'],
    ['five numbers', '[0 0 600 800 1]'],
    ['a name in it', '[0 0 /W 800]'],
    ['null in it', '[null 0 600 800]'],
    ['no array', '600'],
  ])('is not measured on a media box of %s', (_, box) => {
    expect(signsOn(box, '[0 0 600 800]').findings.join('\n')).not.toContain('of the page');
  });
});
