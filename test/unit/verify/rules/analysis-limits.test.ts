import { describe, expect, it } from 'vitest';
import { appendRevision, changesOf, signedPdf } from '../../../support/pdf-change-builder.js';

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

  it('a complete analysis is not incomplete', () => {
    expect(changesOf(appendRevision(signedPdf(), { 30: '<< /Unused true >>' }))).toMatchObject({
      level: 'NONE',
      incomplete: false,
    });
  });
});
