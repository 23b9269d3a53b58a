import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfRef } from '../../../../daemon/src/pdf/reader/index.js';
import { stampShapeProblem } from '../../../../daemon/src/verify/stamp-shape.js';
import {
  appendRevision,
  basePdf,
  changesOf,
  formStream,
  sigDict,
  signedPdf,
  stream,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * stamp-shape.ts: the number and date stamps our seal step writes are one line of text in the
 * header of page 1 (upper half, at most 360 × 40 pt), drawn by an appearance that only sets text
 * with fonts. Anything else named SoVanBan is a form field added after signing.
 */

const MEDIA: [number, number, number, number] = [0, 0, 600, 800];
const TEXT = formStream('BT /F1 12 Tf 1 3 Td (123/QD-UBND) Tj ET');

/** The problem stampShapeProblem finds with widget 20 (appearance 21) on page `index`. */
function problem(
  w: Partial<{ rect: string; ap: string | null }>,
  appearance = TEXT,
  index = 0,
  media: typeof MEDIA | null = MEDIA,
) {
  const ap = w.ap === null ? undefined : (w.ap ?? '21 0 R');
  const r = PdfReader.fromBuffer(
    basePdf({
      20: widget({ ft: 'Tx', t: 'SoVanBan', rect: w.rect ?? '[100 700 300 720]', ap }),
      21: appearance,
    }),
  );
  const d = r.resolveAt(new PdfRef(20, 0), 0);
  if (!(d instanceof PdfDict)) throw new Error('no widget');
  return stampShapeProblem(r, d, 0, index, media ?? undefined);
}

describe('stampShapeProblem', () => {
  it('accepts one line of text in the header of page 1', () => {
    expect(problem({})).toBeUndefined();
    expect(problem({ rect: '[0 400 360 440]' })).toBeUndefined();
    expect(problem({ rect: '[360 440 0 400]' })).toBeUndefined();
    // Without a page box the header is not checked.
    expect(problem({ rect: '[100 100 300 120]' }, TEXT, 0, null)).toBeUndefined();
  });

  it('refuses it on another page', () => {
    expect(problem({}, TEXT, 1)).toBe('it is not on the first page');
  });

  it('refuses a rectangle that is not four numbers', () => {
    expect(problem({ rect: '[100 700 300]' })).toBe('its /Rect is not four numbers');
    expect(problem({ rect: '[100 700 300 (x)]' })).toBe('its /Rect is not four numbers');
    expect(problem({ rect: '7' })).toBe('its /Rect is not four numbers');
    // A number too large for a double reads as Infinity.
    expect(problem({ rect: `[100 700 ${'9'.repeat(400)} 720]` })).toBe('its /Rect is not four numbers');
  });

  it('refuses more than 40 pt high or 360 pt wide', () => {
    expect(problem({ rect: '[100 700 300 741]' })).toBe('it is 200 × 41 pt, larger than one line of text');
    expect(problem({ rect: '[100 741 300 700]' })).toBe('it is 200 × 41 pt, larger than one line of text');
    expect(problem({ rect: '[0 700 361 720]' })).toBe('it is 361 × 20 pt, larger than one line of text');
    expect(problem({ rect: '[361 700 0 720]' })).toBe('it is 361 × 20 pt, larger than one line of text');
  });

  it('refuses the lower half of the page', () => {
    expect(problem({ rect: '[100 399 300 420]' })).toBe('it is not in the header of the page');
    expect(problem({ rect: '[100 420 300 399]' })).toBe('it is not in the header of the page');
    expect(problem({ rect: '[100 1099 300 1120]' }, TEXT, 0, [0, 700, 600, 1500])).toBe(
      'it is not in the header of the page',
    );
    expect(problem({ rect: '[100 1100 300 1120]' }, TEXT, 0, [0, 700, 600, 1500])).toBeUndefined();
  });

  it('refuses down and rollover appearances, and an appearance that is not one stream', () => {
    expect(problem({ ap: '21 0 R >> /AP << /N 21 0 R /D 21 0 R' })).toBe(
      'it has a down or rollover appearance',
    );
    expect(problem({ ap: '21 0 R /R 21 0 R' })).toBe('it has a down or rollover appearance');
    expect(problem({ ap: '21 0 R /D 21 0 R' })).toBe('it has a down or rollover appearance');
    expect(problem({ ap: '<< /On 21 0 R >>' })).toBe('its appearance is not one stream');
    expect(problem({ ap: null })).toBe('its appearance is not one stream');
  });

  it('refuses resources other than fonts', () => {
    const withRes = (res: string) => formStream('BT /F1 12 Tf (1) Tj ET', '[0 0 100 20]', res);
    expect(problem({}, withRes('<< /Font << /F1 8 0 R >> /ProcSet [/PDF /Text] >>'))).toBeUndefined();
    expect(
      problem({}, stream('/Type /XObject /Subtype /Form /BBox [0 0 100 20]', 'BT (1) Tj ET')),
    ).toBeUndefined();
    expect(problem({}, withRes('<< /Font << /F1 8 0 R >> /XObject << >> >>'))).toBe(
      'its appearance uses /XObject resources',
    );
    expect(problem({}, withRes('<< /ExtGState << >> >>'))).toBe('its appearance uses /ExtGState resources');
  });

  it('refuses drawing operators and unreadable appearances', () => {
    const ops = (s: string) => problem({}, formStream(s));
    expect(ops('q 1 0 0 rg BT /F1 12 Tf 0 0 Td [(a) 5 (b)] TJ ET Q /Tx BMC EMC')).toBeUndefined();
    expect(ops('0 0 100 20 re f')).toBe('its appearance draws with "re"');
    expect(ops('BT (a) Tj ET /Im1 Do')).toBe('its appearance draws with "Do"');
    expect(ops('BT (a Tj ET')).toBe('its appearance cannot be read');
    const broken = stream(
      '/Type /XObject /Subtype /Form /BBox [0 0 100 20] /Filter /FlateDecode',
      'not flate',
    );
    expect(problem({}, broken)).toBe('its appearance cannot be decoded');
  });
});

describe('stamps added with a seal, through the change analysis', () => {
  const sealWith = (stamp: string, appearance = TEXT) =>
    appendRevision(signedPdf(), {
      7: '[10 0 R 20 0 R 23 0 R]',
      9: '[10 0 R 20 0 R 23 0 R]',
      20: stamp,
      21: appearance,
      23: widget({ ft: 'Sig', t: 'CoQuan', v: '24 0 R' }),
      24: sigDict(),
    });
  const stamp = (rect: string, ff = 1) =>
    widget({ ft: 'Tx', t: 'SoVanBan', rect, ap: '21 0 R', extra: `/Ff ${ff} /V (123/QD-UBND)` });

  it('one in the header of page 1 is allowed', () => {
    expect(changesOf(sealWith(stamp('[100 700 300 720]')))).toMatchObject({
      level: 'SIGNATURES_AND_FORMS',
      findings: [],
    });
  });

  it('one in the lower half is OTHER, on page 1', () => {
    const report = changesOf(sealWith(stamp('[100 100 300 120]')));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: stamp field "SoVanBan" added, but it is not in the header of the page',
    );
  });

  it('one without the read-only flag is a form field', () => {
    const report = changesOf(sealWith(stamp('[100 700 300 720]', 0)));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain('revision 2: page 1: form field "SoVanBan" (Tx) added');
  });

  it('one without a seal in the same revision is OTHER, on page 1', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: stamp('[100 700 300 720]'),
        21: TEXT,
      }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1: stamp field "SoVanBan" added without a seal signature',
    );
  });
});
