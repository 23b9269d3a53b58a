import { VanthuError } from '@vanthu/shared/errors/index';
import { isDict, type PdfDict, PdfRef, PdfStream } from '../pdf/reader/objects.js';
import { PdfReader } from '../pdf/reader/index.js';

/** What the converted draft must be (Điều 9.5: PDF 1.4 or later, readable the same everywhere). */
export interface ConvertedPdfFacts {
  /** The effective version: the header's, or the catalogue's /Version when that is later. */
  version: string;
  pageCount: number;
  /** Distinct fonts the pages use (all embedded). */
  fontCount: number;
}

const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'];

/** Whether a font's glyphs travel with the file: Type3 draws its own, the others need a FontFile*. */
function embedded(reader: PdfReader, font: PdfDict): boolean {
  if (font.name('Subtype') === 'Type3') return true;
  if (font.name('Subtype') === 'Type0') {
    const descendants = reader.resolve(font.get('DescendantFonts'));
    const first = Array.isArray(descendants) ? reader.dict(descendants[0]) : undefined;
    return first !== undefined && embedded(reader, first);
  }
  const descriptor = reader.dict(font.get('FontDescriptor'));
  return descriptor !== undefined && FONT_FILES.some((k) => descriptor.has(k));
}

/** Fonts of a resource dictionary and of the forms it draws, each visited once. */
function collectFonts(
  reader: PdfReader,
  resources: PdfDict | undefined,
  fonts: Map<string, PdfDict>,
  seen: Set<PdfDict>,
): void {
  if (!resources || seen.has(resources)) return;
  seen.add(resources);
  const fontDict = reader.dict(resources.get('Font'));
  for (const value of fontDict?.entries.values() ?? []) {
    const font = reader.dict(value);
    // A font shared by pages counts once; one written inline belongs to its resources alone.
    if (font) fonts.set(value instanceof PdfRef ? value.key : `inline ${fonts.size}`, font);
  }
  const xobjects = reader.dict(resources.get('XObject'));
  for (const value of xobjects?.entries.values() ?? []) {
    const form = reader.resolve(value);
    if (form instanceof PdfStream && form.dict.name('Subtype') === 'Form')
      collectFonts(reader, reader.dict(form.dict.get('Resources')), fonts, seen);
  }
}

/** True when a dictionary is a JavaScript action or a JavaScript name tree. */
function isJavaScript(dict: PdfDict): boolean {
  return dict.name('S') === 'JavaScript' || dict.has('JS') || (dict.has('Names') && dict.has('JavaScript'));
}

/** Every object of the newest revision that is (or whose stream dictionary is) a JavaScript action. */
function findJavaScript(reader: PdfReader): boolean {
  const names = reader.dict(reader.catalog.get('Names'));
  if (names?.has('JavaScript')) return true;
  for (const revision of reader.revisions)
    for (const [num, entry] of revision.entries) {
      if (entry.type === 'free') continue;
      const value = reader.resolve(new PdfRef(num, entry.type === 'offset' ? entry.gen : 0));
      const dict = value instanceof PdfStream ? value.dict : isDict(value) ? value : undefined;
      if (dict && isJavaScript(dict)) return true;
    }
  return false;
}

const versionNumber = (v: string | undefined): number => (v && /^\d\.\d$/.test(v) ? Number(v) : 0);

/**
 * Checks LibreOffice's output before it is handed on: version ≥ 1.4, every font embedded, no
 * JavaScript. Anything else is CONVERT_FAILED naming what was found.
 */
export function checkConvertedPdf(pdf: Uint8Array): ConvertedPdfFacts {
  let reader: PdfReader;
  try {
    reader = PdfReader.fromBuffer(pdf);
  } catch (error) {
    throw new VanthuError('CONVERT_FAILED', `LibreOffice wrote no readable PDF: ${(error as Error).message}`);
  }
  try {
    const header = versionNumber(reader.headerVersion);
    const declared = versionNumber(reader.catalog.name('Version'));
    const version = Math.max(header, declared);
    if (version < 1.4) throw new VanthuError('CONVERT_FAILED', `PDF ${version.toFixed(1)} is older than 1.4`);
    const fonts = new Map<string, PdfDict>();
    const seen = new Set<PdfDict>();
    for (let i = 0; i < reader.pageCount; i++)
      collectFonts(reader, reader.dict(reader.page(i).resources), fonts, seen);
    const missing = [...fonts.values()].filter((f) => !embedded(reader, f));
    if (missing.length > 0) {
      const named = missing.map((f) => f.name('BaseFont') ?? '?').join(', ');
      throw new VanthuError('CONVERT_FAILED', `fonts not embedded: ${named}`);
    }
    if (findJavaScript(reader)) throw new VanthuError('CONVERT_FAILED', 'the PDF carries JavaScript');
    return { version: version.toFixed(1), pageCount: reader.pageCount, fontCount: fonts.size };
  } finally {
    reader.close();
  }
}
