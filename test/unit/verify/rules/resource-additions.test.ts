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
} from '../../../support/pdf-change-builder.js';

/**
 * resource-additions.ts, one rule per test: a page's resources may gain names (issue 18 §1b), but
 * not a name that something the page drew when signed already mentions — its content, the forms,
 * patterns and glyph procedures its resources reach, and the appearances of its annotations.
 * page-content.test.ts covers the page's own content streams and the changed or removed names.
 */

const COURIER = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>';
/** What draws with /F2, which the signed page's resources do not have. */
const USES_F2 = 'BT /F2 12 Tf (b) Tj ET';
const USED = 'revision 2: page 1 /Resources /F2 (added, and used by the page content) changed';
const UNREADABLE =
  'revision 2: page 1 /Resources (gained names, and the page content cannot be read to check them) changed';

/**
 * Revision 1 signs the page with the resources `<< /Font << /F1 8 0 R fonts >> extra >>` and
 * writes `objects`; revision 2 adds the font /F2 to those resources and writes `rev2`.
 */
function addF2(extra = '', objects: Objects = {}, rev2: Objects = {}, fonts = '') {
  const signed = signedPdf(
    { 12: COURIER },
    { 5: `<< /Font << /F1 8 0 R ${fonts} >> ${extra} >>`, ...objects },
  );
  return changesOf(
    appendRevision(signed, { 5: `<< /Font << /F1 8 0 R ${fonts} /F2 12 0 R >> ${extra} >>`, ...rev2 }),
  );
}

describe('what the page drew when signed', () => {
  it("a form's own resources are followed to the forms it draws", () => {
    const outer = formStream('q /In Do Q', '[0 0 10 10]', '<< /XObject << /In 14 0 R >> >>');
    const report = addF2('/XObject << /Out 13 0 R >>', { 13: outer, 14: formStream(USES_F2) });
    expect(report.findings).toContain(USED);
  });

  it('a tiling pattern is drawn, though it is no form', () => {
    const tiling = (type: number) =>
      stream(
        `/Type /Pattern /PatternType ${type} /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10`,
        USES_F2,
      );
    expect(addF2('/Pattern << /P1 13 0 R >>', { 13: tiling(1) }).findings).toContain(USED);
    // A stream of any other pattern type is not content.
    expect(addF2('/Pattern << /P1 13 0 R >>', { 13: tiling(2) }).level).toBe('SIGNATURES_AND_FORMS');
  });

  it('the glyph procedures of a Type3 font are drawn, though they are no forms', () => {
    const type3 = (key: string) =>
      `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 10 10] /FontMatrix [0.1 0 0 0.1 0 0] /${key} << /g 13 0 R >> /Encoding << /Differences [0 /g] >> /FirstChar 0 /LastChar 0 >>`;
    const glyph = stream('', `10 0 d0 ${USES_F2}`);
    expect(addF2('', { 13: glyph, 14: type3('CharProcs') }, {}, '/T3 14 0 R').findings).toContain(USED);
    expect(addF2('', { 13: glyph, 14: type3('Other') }, {}, '/T3 14 0 R').level).toBe('SIGNATURES_AND_FORMS');
  });

  it('forms reached through dictionaries and arrays count (a soft mask, an array of forms)', () => {
    const form = { 13: formStream(USES_F2) };
    expect(addF2('/ExtGState << /GS1 << /SMask << /S /Alpha /G 13 0 R >> >> >>', form).findings).toContain(
      USED,
    );
    expect(addF2('/Properties << /MC0 << /Forms [1 13 0 R] >> >>', form).findings).toContain(USED);
  });

  it.each(['Parent', 'P', 'FontDescriptor', 'Widths'])(
    'what hangs under /%s is not drawn with the page: a name it uses stays unused',
    (key) => {
      const form = { 13: formStream(USES_F2) };
      expect(addF2(`/Properties << /MC0 << /${key} 13 0 R >> >>`, form).level).toBe('SIGNATURES_AND_FORMS');
      expect(addF2(`/Properties << /MC0 << /${key}x 13 0 R >> >>`, form).findings).toContain(USED);
    },
  );

  it('an array of names in the resources is no obstacle (/ProcSet)', () => {
    expect(addF2('/ProcSet [/PDF /Text]')).toMatchObject({
      level: 'SIGNATURES_AND_FORMS',
      findings: [],
    });
  });

  it('a form that draws itself is read once', () => {
    const self = formStream('q /Me Do Q', '[0 0 10 10]', '<< /XObject << /Me 13 0 R >> >>');
    expect(addF2('/XObject << /Me 13 0 R >>', { 13: self })).toMatchObject({
      level: 'SIGNATURES_AND_FORMS',
      findings: [],
    });
  });
});

describe('resources nested too deep to read', () => {
  /** `levels` dictionaries nested below the resource entry /GS1. */
  const nestedDicts = (levels: number) => `${'<< /A '.repeat(levels)}1${' >>'.repeat(levels)}`;
  const nestedArrays = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

  it('sixteen levels are read; seventeen are not, and then no name may be added', () => {
    // The resource entry is the second level below the page's resource dictionary.
    expect(addF2(`/ExtGState << /GS1 ${nestedDicts(14)} >>`).level).toBe('SIGNATURES_AND_FORMS');
    expect(addF2(`/ExtGState << /GS1 ${nestedDicts(15)} >>`).findings).toContain(UNREADABLE);
    expect(addF2(`/ExtGState << /GS1 ${nestedArrays(15)} >>`).findings).toContain(UNREADABLE);
  });

  it('one unreadable entry among readable ones is enough', () => {
    expect(addF2(`/ExtGState << /GS1 [1 ${nestedArrays(14)} 2] >>`).findings).toContain(UNREADABLE);
    expect(addF2(`/ExtGState << /GS1 << /A 1 /B ${nestedDicts(14)} /C 2 >> >>`).findings).toContain(
      UNREADABLE,
    );
  });

  it('each form drawn is a level deeper: five nested forms are read, six are not', () => {
    /** Forms 13, 14, … each drawing the next; the last draws nothing. */
    const chain = (count: number): Objects => {
      const out: Objects = {};
      for (let i = 0; i < count; i++) {
        const last = i === count - 1;
        out[13 + i] = formStream(
          last ? '' : 'q /N Do Q',
          '[0 0 10 10]',
          last ? '<< >>' : `<< /XObject << /N ${14 + i} 0 R >> >>`,
        );
      }
      return out;
    };
    expect(addF2('/XObject << /N 13 0 R >>', chain(5)).level).toBe('SIGNATURES_AND_FORMS');
    expect(addF2('/XObject << /N 13 0 R >>', chain(6)).findings).toContain(UNREADABLE);
  });
});

describe('more content streams than are read', () => {
  it('a page drawn by more than 1000 streams may not gain names, even with no other resources', () => {
    const pageWith = (streams: number) =>
      `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents [${'4 0 R '.repeat(streams)}] /Annots 7 0 R >>`;
    // The signed page has no resources and no annotations (the signature's widget is elsewhere):
    // every name it has after is added, and nothing but its content is read.
    const gain = (streams: number) =>
      changesOf(
        appendRevision(signedPdf({ 3: pageWith(streams), 5: '<< >>', 12: COURIER }, { 7: '[]' }), {
          5: '<< /Font << /F9 12 0 R >> >>',
        }),
      );
    expect(gain(1000).level).toBe('SIGNATURES_AND_FORMS');
    expect(gain(1001).findings).toContain(UNREADABLE);
  });

  it('past 1000 streams the walk stops: what its resources hold beyond is not read', () => {
    const page = `<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents [${'4 0 R '.repeat(1001)}] /Annots 7 0 R >>`;
    // Object 13 cannot be parsed: reading it would end the whole analysis as damaged.
    const res = (fonts: string) => `<< /Font << /F1 8 0 R ${fonts} >> /ExtGState << /Bad 13 0 R >> >>`;
    const signed = signedPdf({ 3: page, 5: res(''), 12: COURIER, 13: '<< /A ] >>' });
    expect(changesOf(appendRevision(signed, { 5: res('/F9 12 0 R') }))).toMatchObject({
      level: 'OTHER',
      findings: [UNREADABLE],
      incomplete: false,
    });
  });
});

describe('the appearances of annotations', () => {
  const NOTE = (ap: string) =>
    `<< /Type /Annot /Subtype /Square /Rect [10 10 50 50] /P 3 0 R /F 4 /AP ${ap} >>`;

  it.each(['N', 'D', 'R'])(
    'of one the page had when signed count, also a /%s state that is no form',
    (state) => {
      const plain = stream('/BBox [0 0 10 10]', USES_F2);
      const ap = state === 'N' ? '<< /N 22 0 R >>' : `<< /N 23 0 R /${state} 22 0 R >>`;
      const report = addF2('', {
        7: '[10 0 R 20 0 R]',
        20: NOTE(ap),
        22: plain,
        23: formStream(''),
      });
      expect(report.findings).toContain(USED);
    },
  );

  it('of one the page had when signed count through a dictionary of states', () => {
    const report = addF2('', {
      7: '[10 0 R 20 0 R]',
      20: NOTE('<< /N << /On 22 0 R /Off 23 0 R >> >>'),
      22: stream('/BBox [0 0 10 10]', USES_F2),
      23: formStream(''),
    });
    expect(report.findings).toContain(USED);
  });

  it('of a widget added with the new name do not count: what it draws is judged as a new signature', () => {
    const report = addF2(
      '',
      {},
      {
        7: '[10 0 R 20 0 R]',
        9: '[10 0 R 20 0 R]',
        20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', rect: '[0 0 50 20]', ap: '22 0 R' }),
        21: sigDict(),
        22: formStream(USES_F2),
      },
    );
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('of an annotation written directly in /Annots when signed count', () => {
    const report = addF2('', {
      7: `[10 0 R ${NOTE('<< /N 22 0 R >>')}]`,
      22: formStream(USES_F2),
    });
    expect(report.findings).toContain(USED);
  });
});
