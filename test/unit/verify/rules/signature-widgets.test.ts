import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../../daemon/src/pdf/reader/index.js';
import { revisionSignatures } from '../../../../daemon/src/verify/signature-map.js';
import {
  BR_FINAL,
  BR_SHORT,
  appendRevision,
  changesOf,
  finish,
  formStream,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * A new appearance is justified only by a signature made in that revision: the /V of exactly one
 * field reachable from /Fields, a dictionary that did not exist before, whose /ByteRange ends at
 * the revision's end, shown by that field's own widgets on at most a quarter of the page
 * (changes.ts, annotation-changes.ts, signature-map.ts).
 */

const PAINT = formStream('BT /F1 12 Tf 2 5 Td (Ky) Tj ET');

/** Revision 2 adds the signature field 20 (widget on page 1, value 21) with `sig` and `rect`. */
function signs(opts: { sig?: string; rect?: string; f?: number; v?: string } = {}) {
  return appendRevision(signedPdf(), {
    7: '[10 0 R 20 0 R]',
    9: '[10 0 R 20 0 R]',
    20: widget({
      ft: 'Sig',
      t: 'ChuKy2',
      v: opts.v ?? '21 0 R',
      rect: opts.rect ?? '[100 100 200 120]',
      ap: '22 0 R',
      f: opts.f,
    }),
    21: opts.sig ?? sigDict(),
    22: PAINT,
  });
}

describe('a new signature field with an appearance', () => {
  it('is allowed when its signature covers the revision', () => {
    expect(changesOf(signs())).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [], pages: [] });
  });

  it('is OTHER on its page when the signature does not reach the revision end', () => {
    const report = changesOf(signs({ sig: sigDict('', BR_SHORT) }));
    expect(report.level).toBe('OTHER');
    expect(report.pages).toEqual([1]);
    expect(report.findings).toContain(
      "revision 2: page 1: a new widget shows a signature that is not a field of this revision's signature",
    );
  });

  it('up to two end-of-line bytes after the signed bytes still cover the revision', () => {
    const r = PdfReader.fromBuffer(signs());
    const end = r.revisions[2]!.endOffset;
    for (const [back, ok] of [
      [1, true],
      [2, false],
    ] as const) {
      // "%%EOF\n": one byte back leaves "\n", two leave "F\n".
      const bytes = Buffer.from(signs());
      const at = bytes.lastIndexOf(`[0 1 2 ${String(end - 2).padStart(10, '0')}]`);
      bytes.write(String(end - 2 - back).padStart(10, '0'), at + 7, 'latin1');
      expect(revisionSignatures(PdfReader.fromBuffer(bytes), 2).made.length).toBe(ok ? 1 : 0);
    }
    const crlf = Buffer.from(signs());
    const eof = crlf.lastIndexOf('%%EOF\n');
    const padded = Buffer.concat([crlf.subarray(0, eof), Buffer.from('%%EOF\r\n')]);
    // The ByteRange still ends at the old end, one short of the \r\n revision end: two bytes "\r\n".
    const at = padded.lastIndexOf(`[0 1 2 ${String(end - 2).padStart(10, '0')}]`);
    padded.write(String(end - 3).padStart(10, '0'), at + 7, 'latin1');
    expect(revisionSignatures(PdfReader.fromBuffer(padded), 2).made.length).toBe(1);
    // A last revision without %%EOF ends at the end of the file: six blanks are more than two.
    const blank = Buffer.from(signs());
    blank.write('      ', blank.length - 6, 'latin1');
    blank.write(
      String(end - 8).padStart(10, '0'),
      blank.lastIndexOf(`[0 1 2 ${String(end - 2).padStart(10, '0')}]`) + 7,
      'latin1',
    );
    const unterminated = PdfReader.fromBuffer(blank);
    expect(unterminated.revisions[2]!.endOffset).toBe(end);
    expect(revisionSignatures(unterminated, 2).made.length).toBe(0);
  });

  it('is OTHER when its value is a signature dictionary that existed before, even covering the revision', () => {
    // Object 13 is written in revision 1 but its ByteRange ends where revision 2 ends.
    const planted = signedPdf({}, { 13: sigDict('', BR_FINAL) });
    const bytes = finish(
      appendRevision(planted, {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'ChuKy2', v: '13 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        22: PAINT,
      }),
    );
    const report = changesOf(bytes);
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain(
      'revision 2: page 1: a new widget shows the existing signature of "ChuKy2"',
    );
    expect(revisionSignatures(PdfReader.fromBuffer(bytes), 2).made).toEqual([]);
  });

  it("is OTHER when it shows an earlier field's signature", () => {
    const report = changesOf(signs({ v: '11 0 R' }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain('revision 2: one signature is the value of "CaNhan" and "ChuKy2"');
  });

  it('covering exactly a tenth of the page is allowed, more is OTHER', () => {
    // The page is 600 × 800 pt: a tenth is 48 000 pt².
    expect(changesOf(signs({ rect: '[0 0 240 200]' })).level).toBe('SIGNATURES_AND_FORMS');
    expect(changesOf(signs({ rect: '[240 200 0 0]' })).level).toBe('SIGNATURES_AND_FORMS');
    const big = changesOf(signs({ rect: '[0 0 240 201]' }));
    expect(big).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(big.findings).toContain(
      'revision 2: page 1: the appearance of signature "ChuKy2" covers 10% of the page',
    );
    expect(changesOf(signs({ rect: '[0 0 600 800]' })).findings).toContain(
      'revision 2: page 1: the appearance of signature "ChuKy2" covers 100% of the page',
    );
  });

  it('only the part on the page counts, and a hidden widget covers nothing', () => {
    expect(changesOf(signs({ rect: '[-1000 -1000 240 200]' })).level).toBe('SIGNATURES_AND_FORMS');
    expect(changesOf(signs({ rect: '[360 600 1000 1000]' })).level).toBe('SIGNATURES_AND_FORMS');
    expect(changesOf(signs({ rect: '[361 599 1000 1000]' })).level).toBe('OTHER');
    expect(changesOf(signs({ rect: '[0 0 600 800]', f: 2 })).level).toBe('SIGNATURES_AND_FORMS');
  });
});

describe('re-signing', () => {
  it('a signed field given a new signature is OTHER on its page', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        10: widget({ ft: 'Sig', t: 'CaNhan', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: PAINT,
      }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: object 10 (/Annot): signed field "CaNhan" changed after signing',
    );
    expect(report.findings).toContain(
      'revision 2: page 1: the appearance of the widget of "CaNhan" changed after signing',
    );
  });

  it('a signed field-widget without /Rect is no widget of its signature', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: '<< /Type /Annot /Subtype /Widget /FT /Sig /T (ChuKy2) /V 21 0 R /P 3 0 R /AP << /N 22 0 R >> >>',
        21: sigDict(),
        22: PAINT,
      }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
  });
});

describe('one signature, two fields', () => {
  it('is OTHER, and is no signature made in that revision', () => {
    const bytes = appendRevision(signedPdf(), {
      7: '[10 0 R 20 0 R 23 0 R]',
      9: '[10 0 R 20 0 R 23 0 R]',
      20: widget({ ft: 'Sig', t: 'A', v: '21 0 R' }),
      23: widget({ ft: 'Sig', t: 'B', v: '21 0 R' }),
      21: sigDict(),
    });
    const report = changesOf(bytes);
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: one signature is the value of "A" and "B"');
    const sigs = revisionSignatures(PdfReader.fromBuffer(bytes), 2);
    expect(sigs.now.owners.get('21 0')?.map((f) => f.name)).toEqual(['A', 'B']);
    expect(sigs.made).toEqual([]);
  });
});

describe('widgets of signed fields', () => {
  it('a new kid widget whose /Parent is a field signed earlier is OTHER on its page', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        20: widget({ parent: '10 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        22: PAINT,
      }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: a new widget shows the existing signature of "CaNhan"',
    );
  });

  it('a kid widget of a field signed in this revision is allowed', () => {
    const bytes = appendRevision(signedPdf(), {
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 23 0 R]',
      23: '<< /FT /Sig /T (ChuKy2) /V 21 0 R /Kids [20 0 R] >>',
      20: widget({ parent: '23 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
      21: sigDict(),
      22: PAINT,
    });
    expect(changesOf(bytes)).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
    const [made] = revisionSignatures(PdfReader.fromBuffer(bytes), 2).made;
    expect([...(made?.widgets ?? [])]).toEqual(['20 0']);
  });

  it('a new field not reachable from /Fields justifies nothing', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
        21: sigDict(),
        22: PAINT,
      }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
  });
});

describe('empty signature fields', () => {
  const add = (w: string) =>
    appendRevision(signedPdf(), { 7: '[10 0 R 20 0 R]', 9: '[10 0 R 20 0 R]', 20: w, 22: PAINT });

  it.each([
    ['zero-area', { rect: '[100 100 100 120]', ap: '22 0 R' }],
    ['zero-height', { rect: '[100 100 200 100]', ap: '22 0 R' }],
    ['hidden', { rect: '[0 0 600 800]', ap: '22 0 R', f: 2 }],
    ['no-view', { rect: '[0 0 600 800]', ap: '22 0 R', f: 32 }],
  ])('an invisible (%s) one may be added', (_, plan) => {
    expect(changesOf(add(widget({ ft: 'Sig', t: 'ChuKy2', ...plan }))).level).toBe('SIGNATURES_AND_FORMS');
  });

  it.each([
    ['a 1 × 1 pt', '[100 100 101 101]'],
    ['a page-sized', '[0 0 600 800]'],
  ])('%s visible one is OTHER on its page', (_, rect) => {
    const report = changesOf(add(widget({ ft: 'Sig', t: 'ChuKy2', rect, ap: '22 0 R' })));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: unsigned signature field "ChuKy2" added with a visible appearance',
    );
  });

  it('a /V that is a dictionary but no signature makes no signed field: visible, it is an unsigned one', () => {
    const v = '<< /Type /Sig /Contents <00> >>';
    const visible = changesOf(add(widget({ ft: 'Sig', t: 'ChuKy2', v, rect: '[0 0 100 20]', ap: '22 0 R' })));
    expect(visible.findings).toContain(
      'revision 2: page 1: unsigned signature field "ChuKy2" added with a visible appearance',
    );
  });

  it('any value this revision did not sign is OTHER, even hidden', () => {
    const v = '<< /Type /Sig /Contents <00> >>';
    const hidden = changesOf(add(widget({ ft: 'Sig', t: 'ChuKy2', v, ap: '22 0 R' })));
    expect(hidden.level).toBe('OTHER');
    expect(hidden.findings).toContain(
      'revision 2: object 9 (array): signature field object 20 added with a value this revision did not sign',
    );
  });
});

describe('an empty signature field that existed at signing', () => {
  // ChuKy2 (12) is empty and invisible in the signed revision, on page 1 and in /Fields.
  const empty = signedPdf(
    { 7: '[12 0 R]', 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
    { 7: '[12 0 R 10 0 R]', 9: '[12 0 R 10 0 R]' },
  );
  const fill = (w: string, more: Record<number, string> = {}) =>
    changesOf(appendRevision(empty, { 12: w, 22: PAINT, ...more }));

  it('given an appearance without being signed in that revision is OTHER, on its page', () => {
    const report = fill(widget({ ft: 'Sig', t: 'ChuKy2', rect: '[100 100 200 120]', ap: '22 0 R' }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: object 12 (/Annot): empty signature field "ChuKy2" changed without being signed',
    );
    expect(report.findings).toContain(
      'revision 2: page 1: the appearance of the widget of "ChuKy2" changed after signing',
    );
  });

  it('also when no page shows it', () => {
    const offPage = signedPdf(
      { 9: '[12 0 R]', 12: widget({ ft: 'Sig', t: 'ChuKy2' }) },
      { 9: '[12 0 R 10 0 R]' },
    );
    const report = changesOf(
      appendRevision(offPage, {
        12: widget({ ft: 'Sig', t: 'ChuKy2', rect: '[100 100 200 120]', ap: '22 0 R' }),
        22: PAINT,
      }),
    );
    expect(report.findings).toContain(
      'revision 2: object 12 (/Annot): empty signature field "ChuKy2" changed without being signed',
    );
  });

  it('signed in that revision (value, appearance, rectangle) is allowed', () => {
    const report = fill(
      widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', rect: '[100 100 200 120]', ap: '22 0 R' }),
      {
        21: sigDict(),
      },
    );
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('signing may set each of /V /AP /AS /F /Rect /P /MK /DA, and nothing else', () => {
    // The empty field of this test has no /P: the signing update sets it.
    const noPage = (w: string) => w.replace(' /P 3 0 R', '');
    const unplaced = signedPdf(
      { 7: '[12 0 R]', 9: '[12 0 R]', 12: noPage(widget({ ft: 'Sig', t: 'ChuKy2' })) },
      { 7: '[12 0 R 10 0 R]', 9: '[12 0 R 10 0 R]' },
    );
    const filled = widget({
      ft: 'Sig',
      t: 'ChuKy2',
      v: '21 0 R',
      rect: '[100 100 200 120]',
      ap: '22 0 R',
      extra: '/AS /N /MK << /BG [1] >> /DA (/Helv 0 Tf 0 g)',
    });
    const report = changesOf(appendRevision(unplaced, { 12: filled, 21: sigDict(), 22: PAINT }));
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('signed, but with another key changed, is OTHER', () => {
    const report = fill(widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', extra: '/Ff 1' }), { 21: sigDict() });
    expect(report.findings).toContain('revision 2: object 12 (/Annot): signature field "ChuKy2" /Ff changed');
  });

  it('once signed, any change to it is OTHER', () => {
    const signedTwice = appendRevision(empty, {
      12: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R' }),
      21: sigDict(),
    });
    const report = changesOf(
      appendRevision(signedTwice, { 12: widget({ ft: 'Sig', t: 'ChuKy2', v: '21 0 R', f: 4 }) }),
      2,
    );
    expect(report.findings).toContain(
      'revision 3: object 12 (/Annot): signed field "ChuKy2" changed after signing',
    );
    expect(report.pages).toEqual([1]);
  });
});

describe('existing annotations', () => {
  it('one that draws differently is OTHER on its page', () => {
    const square = (c: string) =>
      `<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /C [${c}] /P 3 0 R >>`;
    const signed = signedPdf({ 7: '[12 0 R]', 12: square('1 0 0') }, { 7: '[12 0 R 10 0 R]' });
    const report = changesOf(appendRevision(signed, { 12: square('0 0 1') }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: the appearance of the /Square annotation changed after signing',
    );
  });
});
