import { VanthuError } from '@vanthu/shared/errors/index';
import { readZip } from '../exchange/edxml/zip-reader.js';

/**
 * Inflated size ÷ DOCX size beyond which the package is a ZIP bomb, not a draft: Word's XML
 * compresses about 10×, pictures hardly at all.
 */
export const MAX_DOCX_RATIO = 100;

/**
 * XML a draft may carry, all parts together, once inflated. LibreOffice holds some 20 bytes of memory
 * per byte of XML while loading it (a 350 KB package of 100 MiB XML took it past 2 GB before the time
 * cap), so the cap is on the XML itself, whatever the parts are named.
 */
export const MAX_DOCX_XML_BYTES = 32 * 1024 * 1024;

/** Whether a part is XML as a parser would take it: "<" first, after an optional BOM and whitespace. */
function looksLikeXml(data: Uint8Array): boolean {
  let i = 0;
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (utf16) return true;
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) i = 3;
  while (i < data.length && (data[i] === 0x20 || data[i] === 0x09 || data[i] === 0x0a || data[i] === 0x0d))
    i++;
  return data[i] === 0x3c;
}

/**
 * Opens the package before LibreOffice does and refuses a ZIP bomb (INVALID_INPUT): sizes and CRC-32
 * proven for every part (a header cannot lie about what it inflates to), the whole no more than
 * MAX_DOCX_RATIO times the DOCX, its XML no more than MAX_DOCX_XML_BYTES.
 */
export function checkDocxInflated(docx: Uint8Array): void {
  let parts: { name: string; data: Uint8Array }[];
  try {
    parts = readZip(docx, { maxBytes: docx.length * MAX_DOCX_RATIO, maxRatio: MAX_DOCX_RATIO });
  } catch (error) {
    // The reader's own case detail ("declares N bytes inflated…"), without its edXML wording.
    const detail = error instanceof VanthuError ? error.details?.['detail'] : undefined;
    throw new VanthuError('INVALID_INPUT', `DOCX package refused: ${detail ?? (error as Error).message}`);
  }
  const xml = parts.reduce((n, p) => n + (looksLikeXml(p.data) ? p.data.length : 0), 0);
  if (xml > MAX_DOCX_XML_BYTES)
    throw new VanthuError(
      'INVALID_INPUT',
      `DOCX XML inflates to ${xml} bytes (more than ${MAX_DOCX_XML_BYTES / (1024 * 1024)} MiB)`,
    );
}
