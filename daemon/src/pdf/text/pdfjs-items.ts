import { VanthuError } from '@vanthu/shared/errors/index';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | undefined;
/** Loads pdf.js once (a text process does it before taking its first page). */
export function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

/** One run of text as pdf.js reports it: baseline origin, advance width and font size. */
export interface RawItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** The font's name as pdf.js read it (subset tag included), when fonts were asked for. */
  font?: string;
  /** Slanted by the text matrix (a synthetic oblique), when fonts were asked for. */
  oblique?: boolean;
}

/**
 * Text items of the one page of a page document (see pageDocument), via pdf.js. pdf.js decodes
 * streams with no size limit: run this only on a document checkDecodedSizes accepted, and only in a
 * text process (text-worker.ts), never in the daemon itself.
 */
export async function pageItems(bytes: Uint8Array, withFonts = false): Promise<RawItem[]> {
  const lib = await pdfjs();
  const task = lib.getDocument({
    // A private copy: pdf.js may transfer (detach) the buffer it is given.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(1);
    const content = await page.getTextContent();
    // Fonts reach page.commonObjs only through an operator list: read it only when asked.
    if (withFonts) await page.getOperatorList();
    const items: RawItem[] = [];
    for (const it of content.items) {
      if (!('str' in it) || it.str.length === 0) continue;
      const [a, b, c, d, e, f] = it.transform as number[];
      const item: RawItem = {
        str: it.str.normalize('NFC'),
        x: e!,
        y: f!,
        width: it.width,
        size: Math.hypot(a!, b!) || it.height,
      };
      if (withFonts) {
        const font = page.commonObjs.has(it.fontName)
          ? (page.commonObjs.get(it.fontName) as { name?: unknown })
          : undefined;
        if (typeof font?.name === 'string') item.font = font.name;
        // Upright text has c = 0; a slant of more than about 5° is drawn oblique.
        item.oblique = Math.abs(c! / (d! || 1)) > 0.09 && Math.abs(b!) < 1e-6;
      }
      items.push(item);
    }
    return items;
  } catch (e) {
    throw new VanthuError('PDF_MALFORMED', `text extraction failed: ${(e as Error).message}`, undefined, {
      cause: e,
    });
  } finally {
    await task.destroy();
  }
}
