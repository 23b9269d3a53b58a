import { VanthuError } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import { checkConvertedPdf } from '../../../../daemon/src/convert/pdf-check.js';
import { checkDocx } from '../../../../daemon/src/convert/docx-input.js';
import { docxDraft } from '../../../support/docx-draft.js';

/** A one-page PDF from object bodies (1 = catalog, 2 = pages, 3 = page), with a correct xref. */
function pdf(version: string, objects: readonly string[]): Uint8Array {
  let out = `%PDF-${version}\n`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const PAGES = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const page = (resources: string) =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} >>`;
const FONT_FILE = '<< /Length 4 >>\nstream\nfont\nendstream';
const embeddedFont = (file: string) => [
  '<< /Type /Font /Subtype /TrueType /BaseFont /LiberationSerif /FontDescriptor 5 0 R >>',
  `<< /Type /FontDescriptor /FontName /LiberationSerif /Flags 32 /${file} 6 0 R >>`,
  FONT_FILE,
];

const failure = (run: () => unknown): VanthuError => {
  try {
    run();
  } catch (error) {
    if (error instanceof VanthuError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('the converted draft is checked before it is handed on', () => {
  it('accepts PDF 1.4 with every font embedded and counts the fonts', () => {
    const ok = pdf('1.4', [
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      page('<< /Font << /F1 4 0 R >> >>'),
      ...embeddedFont('FontFile2'),
    ]);
    expect(checkConvertedPdf(ok)).toEqual({ version: '1.4', pageCount: 1, fontCount: 1 });
  });

  it('refuses a PDF older than 1.4, unless the catalogue declares a later version', () => {
    const old = ['<< /Type /Catalog /Pages 2 0 R >>', PAGES, page('<< >>')];
    const error = failure(() => checkConvertedPdf(pdf('1.3', old)));
    expect(error.code).toBe('CONVERT_FAILED');
    expect(error.message).toContain('older than 1.4');
    const declared = ['<< /Type /Catalog /Pages 2 0 R /Version /1.5 >>', PAGES, page('<< >>')];
    expect(checkConvertedPdf(pdf('1.3', declared)).version).toBe('1.5');
  });

  it('refuses a font that is not embedded, naming it', () => {
    const bare = pdf('1.7', [
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      page('<< /Font << /F1 4 0 R >> >>'),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ]);
    const error = failure(() => checkConvertedPdf(bare));
    expect(error.code).toBe('CONVERT_FAILED');
    expect(error.message).toContain('fonts not embedded: Helvetica');
  });

  it('looks into the forms a page draws and through a composite font to its descendant', () => {
    const inForm = pdf('1.7', [
      '<< /Type /Catalog /Pages 2 0 R >>',
      PAGES,
      page('<< /XObject << /X1 4 0 R >> >>'),
      '<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /Font << /F1 5 0 R >> >> /Length 0 >>\nstream\n\nendstream',
      '<< /Type /Font /Subtype /Type0 /BaseFont /Times /DescendantFonts [6 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Times /FontDescriptor 7 0 R >>',
      '<< /Type /FontDescriptor /FontName /Times /Flags 32 >>',
    ]);
    expect(failure(() => checkConvertedPdf(inForm)).message).toContain('fonts not embedded: Times');
  });

  it('refuses JavaScript, as an open action or in the name tree', () => {
    const action = pdf('1.7', [
      '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
      PAGES,
      page('<< >>'),
      '<< /S /JavaScript /JS (app.alert(1)) >>',
    ]);
    expect(failure(() => checkConvertedPdf(action)).message).toContain('JavaScript');
    const named = pdf('1.7', [
      '<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>',
      PAGES,
      page('<< >>'),
      '<< /Names [] >>',
    ]);
    expect(failure(() => checkConvertedPdf(named)).message).toContain('JavaScript');
  });

  it('refuses output that is not a PDF at all', () => {
    expect(failure(() => checkConvertedPdf(new TextEncoder().encode('<html>'))).code).toBe('CONVERT_FAILED');
  });
});

describe('only a DOCX reaches LibreOffice', () => {
  const draft = docxDraft(['Quyết định về việc…']);

  it('accepts a Word package', () => {
    expect(() => checkDocx(draft, 1024 * 1024)).not.toThrow();
  });

  it('refuses a login page, a ZIP without a Word main part, and a draft over the size cap', () => {
    expect(failure(() => checkDocx(new TextEncoder().encode('<html>login'), 1024 * 1024)).code).toBe(
      'INVALID_INPUT',
    );
    const zip = Buffer.from(draft).toString('latin1').replaceAll('word/document.xml', 'word/other000.xml');
    expect(failure(() => checkDocx(Buffer.from(zip, 'latin1'), 1024 * 1024)).message).toContain(
      'word/document.xml',
    );
    expect(failure(() => checkDocx(draft, draft.length - 1)).message).toContain('exceeds');
  });
});
