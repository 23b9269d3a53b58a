import { describe, expect, it } from 'vitest';
import {
  appendRevision,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  stream,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * changes.ts, the report itself: findings are bounded and not repeated, and an analysis that
 * stops at damaged structure is OTHER but "incomplete" only when nothing disallowed was found first.
 */

const SQUARE = '<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /P 3 0 R >>';

describe('findings', () => {
  it('stop at 50 lines', () => {
    const many: Record<number, string> = {};
    const freed: Record<number, null> = {};
    for (let n = 20; n < 80; n++) {
      many[n] = '<< /Note (unused) >>';
      freed[n] = null;
    }
    const report = changesOf(appendRevision(signedPdf(many), freed));
    expect(report.findings).toHaveLength(50);
    expect(report.findings[49]).toBe('revision 2: object 69 deleted');
  });

  it('name each change once', () => {
    const report = changesOf(appendRevision(signedPdf(), { 7: '[10 0 R 20 0 R 20 0 R]', 20: SQUARE }));
    expect(report.findings).toEqual([
      'revision 2: object 7 (array): /Square annotation object 20 added',
      'revision 2: page 1: /Square annotation added',
    ]);
  });
});

describe('pages', () => {
  it('are named for disallowed changes only, and only when a change is about a page', () => {
    const deleted = changesOf(appendRevision(signedPdf({ 12: '<< /Note (unused) >>' }), { 12: null }));
    expect(deleted).toMatchObject({ level: 'OTHER', pages: [] });
    const signature = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET'),
      }),
    );
    expect(signature).toMatchObject({ level: 'SIGNATURES_AND_FORMS', pages: [] });
  });

  it('stop at 1000', () => {
    const kids: string[] = [];
    const objects: Record<number, string> = {};
    for (let n = 100; n < 1102; n++) {
      kids.push(`${n} 0 R`);
      objects[n] = '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R >>';
    }
    objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} /MediaBox [0 0 600 800] >>`;
    const report = changesOf(appendRevision(signedPdf(objects), { 4: stream('', 'BT ET') }));
    expect(report.pages).toHaveLength(1000);
    expect(report.pages[999]).toBe(1000);
  });
});

describe('an analysis stopped by damaged structure', () => {
  // The page tree lists page 3 twice from the signed revision on: no revision after it can be compared.
  const looping = signedPdf({ 2: '<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 /MediaBox [0 0 600 800] >>' });
  const stopped = 'revision 2: changes cannot be analysed (a page appears twice or the page tree loops)';

  it('is OTHER and incomplete when nothing disallowed was found before', () => {
    const report = changesOf(appendRevision(looping, { 30: '<< /Unused true >>' }));
    expect(report).toMatchObject({ level: 'OTHER', incomplete: true, findings: [stopped] });
  });

  it('is complete when a disallowed change was found before it stopped', () => {
    const report = changesOf(appendRevision(looping, { 4: '<< /Length 0 >>\nstream\n\nendstream' }));
    expect(report).toMatchObject({ level: 'OTHER', incomplete: false });
    expect(report.findings).toContain(stopped);
  });

  it('so is one stopped by an object that cannot be read', () => {
    const report = changesOf(appendRevision(signedPdf({ 12: '<< /Note (unused) >>' }), { 12: '<< /Note' }));
    expect(report).toMatchObject({ level: 'OTHER', incomplete: true });
    expect(report.findings[0]).toMatch(/^revision 2: changes cannot be analysed \(/);
  });

  it('a complete analysis is not incomplete', () => {
    expect(changesOf(appendRevision(signedPdf(), { 30: '<< /Unused true >>' }))).toMatchObject({
      level: 'NONE',
      incomplete: false,
    });
  });
});

describe('page tree depth', () => {
  it('a page 64 levels down keeps its /Annots array as a page list', () => {
    const objects: Record<number, string> = {
      2: '<< /Type /Pages /Kids [100 0 R] /Count 1 /MediaBox [0 0 600 800] >>',
      3: '<< /Type /Page /Parent 162 0 R /Resources 5 0 R /Contents 4 0 R /Annots 7 0 R >>',
    };
    for (let n = 100; n <= 162; n++) {
      const kid = n === 162 ? '3 0 R' : `${n + 1} 0 R`;
      objects[n] = `<< /Type /Pages /Parent ${n === 100 ? 2 : n - 1} 0 R /Kids [${kid}] /Count 1 >>`;
    }
    const report = changesOf(appendRevision(signedPdf(objects), { 7: '[10 0 R 20 0 R]', 20: SQUARE }));
    expect(report).toMatchObject({ level: 'ANNOTATIONS', pages: [1] });
  });
});
