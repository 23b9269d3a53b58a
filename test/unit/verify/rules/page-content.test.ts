import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appendRevision, changesOf, signedPdf, stream } from '../../../support/pdf-change-builder.js';

/**
 * page-diff.ts and resource-additions.ts: the page count, content, boxes and resources of each page
 * (own or inherited from the page tree) compared by content; resources may only gain names the
 * page's content does not use.
 */

const COURIER = '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>';
const PAGE = '/Type /Page /Parent 2 0 R /Contents 4 0 R /Annots 7 0 R';

describe('page count', () => {
  it('a page added is OTHER, with the counts', () => {
    const report = changesOf(
      appendRevision(signedPdf(), {
        2: '<< /Type /Pages /Kids [3 0 R 20 0 R] /Count 2 /MediaBox [0 0 600 800] >>',
        20: '<< /Type /Page /Parent 2 0 R /Resources 5 0 R /Contents 4 0 R >>',
      }),
    );
    expect(report.level).toBe('OTHER');
    expect(report.findings).toContain('revision 2: page count changed from 1 to 2');
  });
});

describe('page content and boxes', () => {
  it('new content on the page is OTHER on that page', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 4: stream('', 'BT /F1 12 Tf 72 700 Td (Forged) Tj ET') }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain('revision 2: page 1 /Contents changed');
  });

  it('a /MediaBox changed at the /Pages node is OTHER on the page that inherits it', () => {
    const report = changesOf(
      appendRevision(signedPdf(), { 2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 400] >>' }),
    );
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain('revision 2: page 1 /MediaBox changed');
  });
});

describe('resources inherited from /Pages', () => {
  // The page has no /Resources of its own: it takes them (object 5) from the /Pages node.
  const inherited = signedPdf({
    2: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 600 800] /Resources 5 0 R >>',
    3: `<< ${PAGE} >>`,
    12: COURIER,
  });

  it('a font swapped at the /Pages node is OTHER on the page', () => {
    const report = changesOf(appendRevision(inherited, { 5: '<< /Font << /F1 12 0 R >> >>' }));
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain('revision 2: page 1 /Resources /Font /F1 changed');
  });

  it('a name the content does not use may be added there', () => {
    const report = changesOf(appendRevision(inherited, { 5: '<< /Font << /F1 8 0 R /F9 12 0 R >> >>' }));
    expect(report).toMatchObject({ level: 'SIGNATURES_AND_FORMS', findings: [] });
  });

  it('resources of two levels: the nearer one wins', () => {
    const twoLevels = signedPdf({
      2: '<< /Type /Pages /Kids [13 0 R] /Count 1 /MediaBox [0 0 600 800] /Resources 14 0 R >>',
      13: '<< /Type /Pages /Parent 2 0 R /Kids [3 0 R] /Count 1 /Resources 5 0 R >>',
      3: `<< /Type /Page /Parent 13 0 R /Contents 4 0 R /Annots 7 0 R >>`,
      12: COURIER,
      14: '<< /Font << /F1 12 0 R >> >>',
    });
    // The outer (unused) resources may change; the nearer ones, which the page draws with, not.
    expect(changesOf(appendRevision(twoLevels, { 14: '<< /Font << /F1 8 0 R >> >>' })).level).toBe(
      'SIGNATURES_AND_FORMS',
    );
    expect(changesOf(appendRevision(twoLevels, { 5: '<< /Font << /F1 12 0 R >> >>' })).level).toBe('OTHER');
  });
});

describe('page resources gaining names', () => {
  // The content also draws with /F2, which the signed page does not have: it drew nothing.
  const signed = signedPdf({
    4: stream('', 'BT /F1 12 Tf 72 700 Td (Hello) Tj /F2 12 Tf (hidden) Tj ET'),
    12: COURIER,
  });
  const withResources = (res: string) => changesOf(appendRevision(signed, { 5: res }));

  it('a name the content uses is OTHER', () => {
    const report = withResources('<< /Font << /F1 8 0 R /F2 12 0 R >> >>');
    expect(report).toMatchObject({ level: 'OTHER', pages: [1] });
    expect(report.findings).toContain(
      'revision 2: page 1 /Resources /F2 (added, and used by the page content) changed',
    );
  });

  it('an unused name is allowed, also in a new category', () => {
    expect(withResources('<< /Font << /F1 8 0 R /F9 12 0 R >> >>').level).toBe('SIGNATURES_AND_FORMS');
    expect(withResources('<< /Font << /F1 8 0 R >> /ExtGState << /GS9 << /CA 1 >> >> >>').level).toBe(
      'SIGNATURES_AND_FORMS',
    );
  });

  it('a used name in a new category is OTHER', () => {
    expect(withResources('<< /Font << /F1 8 0 R >> /XObject << /F2 12 0 R >> >>').findings).toContain(
      'revision 2: page 1 /Resources /F2 (added, and used by the page content) changed',
    );
  });

  it('an existing name changed or removed is OTHER', () => {
    expect(withResources('<< /Font << /F1 12 0 R >> >>').findings).toContain(
      'revision 2: page 1 /Resources /Font /F1 changed',
    );
    expect(withResources('<< /Font << >> >>').findings).toContain(
      'revision 2: page 1 /Resources /Font /F1 changed',
    );
    expect(withResources('<< /Font 7 >>').findings).toContain('revision 2: page 1 /Resources /Font changed');
    expect(withResources('<< /Font << /F1 8 0 R >> /XObject 7 >>').findings).toContain(
      'revision 2: page 1 /Resources /XObject changed',
    );
  });

  it('the page losing its resources is OTHER', () => {
    const report = changesOf(appendRevision(signed, { 3: `<< ${PAGE} >>` }));
    expect(report.findings).toContain('revision 2: page 1 /Resources (removed) changed');
  });

  it('names used by a form the page draws with its own resources count as used', () => {
    const viaForm = signedPdf({
      4: stream('', 'q /Fm1 Do Q'),
      5: '<< /Font << /F1 8 0 R >> /XObject << /Fm1 13 0 R >> >>',
      12: COURIER,
      13: stream('/Type /XObject /Subtype /Form /BBox [0 0 100 100]', 'BT /F2 12 Tf (hidden) Tj ET'),
    });
    const add = (font: string) =>
      changesOf(
        appendRevision(viaForm, { 5: `<< /Font << /F1 8 0 R ${font} >> /XObject << /Fm1 13 0 R >> >>` }),
      );
    expect(add('/F2 12 0 R').level).toBe('OTHER');
    expect(add('/F9 12 0 R').level).toBe('SIGNATURES_AND_FORMS');
  });

  it('content that cannot be read does not let names be added', () => {
    const unreadable = signedPdf({ 4: stream('', 'BT /F1 12 Tf (unbalanced Tj ET'), 12: COURIER });
    const report = changesOf(appendRevision(unreadable, { 5: '<< /Font << /F1 8 0 R /F9 12 0 R >> >>' }));
    expect(report.findings).toContain(
      'revision 2: page 1 /Resources (gained names, and the page content cannot be read to check them) changed',
    );
  });
});

describe('which names the page content uses', () => {
  const page = (contents: string, resources = '5 0 R') =>
    `<< /Type /Page /Parent 2 0 R /Resources ${resources} ${contents} /Annots 7 0 R >>`;
  /** The signed page drawn by `contents` with `objects`; revision 2 gives its resources `res`. */
  const gain = (contents: string, res: string, objects: Record<number, string> = {}) =>
    changesOf(appendRevision(signedPdf({ 3: page(contents), 12: COURIER, ...objects }), { 5: res }));
  const F2 = '<< /Font << /F1 8 0 R /F2 12 0 R >> >>';
  const F9 = '<< /Font << /F1 8 0 R /F9 12 0 R >> >>';
  const usesF2 = stream('', 'BT /F2 12 Tf (b) Tj ET');

  it('every stream of a /Contents array is read', () => {
    expect(gain('/Contents [4 0 R 13 0 R]', F2, { 13: usesF2 }).level).toBe('OTHER');
    expect(gain('/Contents [4 0 R 13 0 R]', F9, { 13: usesF2 }).level).toBe('SIGNATURES_AND_FORMS');
  });

  it('a page without content may gain names', () => {
    expect(gain('', F9).level).toBe('SIGNATURES_AND_FORMS');
  });

  it('a category dictionary changed in place is compared by content', () => {
    const signed = signedPdf({
      5: '<< /Font 16 0 R /ProcSet 17 0 R >>',
      12: COURIER,
      16: '<< /F1 8 0 R >>',
      17: '[/PDF /Text]',
    });
    expect(changesOf(appendRevision(signed, { 16: '<< /F1 12 0 R >>' })).findings).toContain(
      'revision 2: page 1 /Resources /Font /F1 changed',
    );
    expect(changesOf(appendRevision(signed, { 16: '<< /F1 8 0 R /F9 12 0 R >>' })).level).toBe(
      'SIGNATURES_AND_FORMS',
    );
    expect(changesOf(appendRevision(signed, { 17: '[/PDF]' })).findings).toContain(
      'revision 2: page 1 /Resources /ProcSet changed',
    );
  });

  it('an empty category added gains no name, even when the content cannot be read', () => {
    const unreadable = stream('', 'BT (unbalanced Tj ET');
    expect(
      gain('/Contents 13 0 R', '<< /Font << /F1 8 0 R >> /XObject << >> >>', { 13: unreadable }).level,
    ).toBe('SIGNATURES_AND_FORMS');
  });

  it('every form the page can draw counts, with its own resources or not (poppler looks missing names up in the page); images are not read', () => {
    const form = (resources: string) =>
      stream(`/Type /XObject /Subtype /Form /BBox [0 0 10 10] ${resources}`, 'BT /F2 12 Tf (b) Tj ET');
    const xo = (n: number) => `<< /Font << /F1 8 0 R /F2 12 0 R >> /XObject << /X ${n} 0 R >> >>`;
    const signedRes = (n: number) => `<< /Font << /F1 8 0 R >> /XObject << /X ${n} 0 R >> >>`;
    const run = (n: number, objects: Record<number, string>) =>
      changesOf(
        appendRevision(signedPdf({ 3: page('/Contents 4 0 R'), 5: signedRes(n), 12: COURIER, ...objects }), {
          5: xo(n),
        }),
      );
    // Its /Resources is the page's own resource dictionary (object 5): the names it uses are the page's.
    expect(run(13, { 13: form('/Resources 5 0 R') }).level).toBe('OTHER');
    expect(run(13, { 13: form('/Resources << /Font << /F2 8 0 R >> >>') }).level).toBe('OTHER');
    expect(run(13, { 13: form('/Resources 14 0 R'), 14: '<< /Font << /F2 8 0 R >> >>' }).level).toBe('OTHER');
    // A form that does not mention the added name leaves it unused.
    expect(
      run(13, { 13: stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10]', 'BT /F1 12 Tf (b) Tj ET') })
        .level,
    ).toBe('SIGNATURES_AND_FORMS');
    expect(
      run(13, { 13: stream('/Type /XObject /Subtype /Image /Width 1 /Height 1', '((( /F2') }).level,
    ).toBe('SIGNATURES_AND_FORMS');
  });

  it('content that cannot be decoded, too many streams or too many bytes do not let names be added', () => {
    const bad = stream('/Filter /FlateDecode', 'not flate');
    expect(gain('/Contents 13 0 R', F9, { 13: bad }).findings).toContain(
      'revision 2: page 1 /Resources (gained names, and the page content cannot be read to check them) changed',
    );
    const refs = (n: number) => `/Contents [${'4 0 R '.repeat(n)}]`;
    expect(gain(refs(1000), F9).level).toBe('SIGNATURES_AND_FORMS');
    expect(gain(refs(1001), F9).level).toBe('OTHER');
    expect(gain('/Contents [4 0 R 5]', F9).level).toBe('OTHER');
    // 65 streams of 1 MiB each decode to more than the 64 MiB the scan reads.
    const mib = deflateSync(Buffer.alloc(1024 * 1024, 0x20)).toString('latin1');
    const big = { 13: stream('/Filter /FlateDecode', mib) };
    expect(gain(`/Contents [${'13 0 R '.repeat(63)}]`, F9, big).level).toBe('SIGNATURES_AND_FORMS');
    expect(gain(`/Contents [${'13 0 R '.repeat(65)}]`, F9, big).level).toBe('OTHER');
  });
});
