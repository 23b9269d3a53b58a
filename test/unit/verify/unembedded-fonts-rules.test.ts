import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { unembeddedFontWarnings, unembeddedFonts } from '../../../daemon/src/verify/unembedded-fonts.js';
import { type Objects, basePdf, stream } from '../../support/pdf-change-builder.js';

/** One page whose /Resources /Font (object 5) is `fonts`; 20 on are free for fonts and descriptors. */
const page = (fonts: string, objects: Objects = {}) =>
  PdfReader.fromBuffer(basePdf({ 5: `<< /Font ${fonts} >>`, ...objects }));
const names = (fonts: string, objects: Objects = {}) => unembeddedFonts(page(fonts, objects), 0);

const embedded = stream('', 'glyphs');

describe('unembedded fonts', () => {
  it('names a font without a descriptor by its base name', () => {
    expect(unembeddedFonts(PdfReader.fromBuffer(basePdf()), 0)).toEqual(['Helvetica']);
  });

  it('finds nothing on a page without fonts', () => {
    expect(unembeddedFonts(PdfReader.fromBuffer(basePdf({ 5: '<< >>' })), 0)).toEqual([]);
    expect(unembeddedFonts(PdfReader.fromBuffer(basePdf({ 5: '<< /Font 20 0 R >>', 20: '[]' })), 0)).toEqual(
      [],
    );
  });

  it('finds nothing on a page without resources', () => {
    const bare = basePdf({ 3: '<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>' });
    expect(unembeddedFonts(PdfReader.fromBuffer(bare), 0)).toEqual([]);
  });

  it('counts a font file of any kind as embedded', () => {
    for (const file of ['FontFile', 'FontFile2', 'FontFile3']) {
      const objects = { 21: `<< /Type /FontDescriptor /FontName /Arial /${file} 22 0 R >>`, 22: embedded };
      expect(
        names('<< /F1 20 0 R >>', {
          20: '<< /Subtype /TrueType /BaseFont /Arial /FontDescriptor 21 0 R >>',
          ...objects,
        }),
      ).toEqual([]);
    }
  });

  it('names a font whose descriptor carries no font file', () => {
    const objects = {
      20: '<< /Subtype /TrueType /BaseFont /Arial /FontDescriptor 21 0 R >>',
      21: '<< /Type /FontDescriptor /FontName /Arial /FontFile4 22 0 R >>',
      22: embedded,
    };
    expect(names('<< /F1 20 0 R >>', objects)).toEqual(['Arial']);
  });

  it('reads a Type0 font through its first descendant', () => {
    const desc = (file: string) => `<< /Type /FontDescriptor /FontName /TimesVN ${file} >>`;
    const type0 = '<< /Subtype /Type0 /BaseFont /TimesVN /DescendantFonts [21 0 R 24 0 R] >>';
    const objects = {
      20: type0,
      21: '<< /Subtype /CIDFontType2 /FontDescriptor 22 0 R >>',
      22: desc('/FontFile2 23 0 R'),
      23: embedded,
      24: '<< /Subtype /CIDFontType2 /FontDescriptor 25 0 R >>',
      25: desc(''),
    };
    expect(names('<< /F1 20 0 R >>', objects)).toEqual([]);
    expect(names('<< /F1 20 0 R >>', { ...objects, 21: objects[24], 24: objects[21] })).toEqual(['TimesVN']);
    // Descendants given by reference, as an array object of their own.
    expect(
      names('<< /F1 20 0 R >>', {
        ...objects,
        20: '<< /Subtype /Type0 /BaseFont /TimesVN /DescendantFonts 26 0 R >>',
        26: '[21 0 R]',
      }),
    ).toEqual([]);
    // No descendants, or not an array of them: nothing says the glyphs are there.
    expect(names('<< /F1 20 0 R >>', { ...objects, 20: '<< /Subtype /Type0 /BaseFont /TimesVN >>' })).toEqual(
      ['TimesVN'],
    );
    expect(
      names('<< /F1 20 0 R >>', {
        ...objects,
        20: '<< /Subtype /Type0 /BaseFont /TimesVN /DescendantFonts 21 0 R >>',
      }),
    ).toEqual(['TimesVN']);
  });

  it('prefers the font’s own descriptor to its descendant’s', () => {
    const objects = {
      20: '<< /Subtype /Type0 /BaseFont /TimesVN /FontDescriptor 25 0 R /DescendantFonts [21 0 R] >>',
      21: '<< /Subtype /CIDFontType2 /FontDescriptor 22 0 R >>',
      22: '<< /Type /FontDescriptor /FontFile2 23 0 R >>',
      23: embedded,
      25: '<< /Type /FontDescriptor >>',
    };
    expect(names('<< /F1 20 0 R >>', objects)).toEqual(['TimesVN']);
  });

  it('leaves Type3 fonts alone: they draw their own glyphs', () => {
    expect(
      names('<< /T3 20 0 R /F1 8 0 R >>', { 20: '<< /Type /Font /Subtype /Type3 /BaseFont /Dau >>' }),
    ).toEqual(['Helvetica']);
  });

  it('skips an entry that is not a font dictionary', () => {
    expect(names('<< /X 5 /Y 20 0 R /F1 8 0 R >>', { 20: '[1 2]' })).toEqual(['Helvetica']);
  });

  it('names a font without /BaseFont by its resource name, and each base name once', () => {
    expect(names('<< /F9 20 0 R >>', { 20: '<< /Type /Font /Subtype /TrueType >>' })).toEqual(['F9']);
    expect(
      names('<< /F1 8 0 R /F2 20 0 R >>', { 20: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' }),
    ).toEqual(['Helvetica']);
  });

  it('inspects the first 200 fonts of a page only', () => {
    const filler = (n: number) =>
      Array.from({ length: n }, (_, i) => `/E${i} << /Subtype /Type3 >>`).join(' ');
    expect(names(`<< ${filler(199)} /F1 8 0 R >>`)).toEqual(['Helvetica']);
    expect(names(`<< ${filler(200)} /F1 8 0 R >>`)).toEqual([]);
  });
});

describe('unembedded font warnings', () => {
  /** Two pages: page 1 (object 3) with Helvetica, page 2 (object 12) with Courier, both unembedded. */
  const twoPages = (page2Fonts = '<< /F2 13 0 R /F3 8 0 R >>') =>
    PdfReader.fromBuffer(
      basePdf({
        2: '<< /Type /Pages /Kids [3 0 R 12 0 R] /Count 2 /MediaBox [0 0 600 800] >>',
        12: `<< /Type /Page /Parent 2 0 R /Resources << /Font ${page2Fonts} >> >>`,
        13: '<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>',
      }),
    );

  it('gives one warning per signed page, in page order, naming the fonts in both languages', () => {
    expect(unembeddedFontWarnings(twoPages(), [2, 1, 2])).toEqual([
      'page 1 uses fonts that are not embedded (Helvetica): other readers may show the text differently / trang 1 dùng phông chữ không được nhúng (Helvetica), máy khác có thể hiển thị văn bản khác đi',
      'page 2 uses fonts that are not embedded (Courier, Helvetica): other readers may show the text differently / trang 2 dùng phông chữ không được nhúng (Courier, Helvetica), máy khác có thể hiển thị văn bản khác đi',
    ]);
  });

  it('sorts pages as numbers', () => {
    const pages = Array.from({ length: 10 }, (_, i) => `${20 + i} 0 R`).join(' ');
    const objects: Objects = { 2: `<< /Type /Pages /Kids [${pages}] /Count 10 /MediaBox [0 0 600 800] >>` };
    for (let i = 0; i < 10; i++) objects[20 + i] = '<< /Type /Page /Parent 2 0 R /Resources 5 0 R >>';
    const warnings = unembeddedFontWarnings(PdfReader.fromBuffer(basePdf(objects)), [10, 9]);
    expect(warnings.map((w) => w.split(' ')[1])).toEqual(['9', '10']);
  });

  it('says nothing of a page whose fonts are embedded, and skips a page that cannot be read', () => {
    expect(unembeddedFontWarnings(twoPages('<< >>'), [2, 7])).toEqual([]);
    expect(unembeddedFontWarnings(twoPages(), [7, 1]).map((w) => w.split(' ')[1])).toEqual(['1']);
  });
});
