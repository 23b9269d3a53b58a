import { VanthuError } from '@vanthu/shared/errors/index';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// Every Word document package names its main part so (ECMA-376 Part 2; the name is stored uncompressed).
const MAIN_PART = Buffer.from('word/document.xml', 'latin1');

/**
 * Refuses what is not a DOCX before LibreOffice sees it: a portal's login page, a PDF, an old .doc or
 * a password-protected file (an OLE container) would otherwise be "converted" into something else.
 */
export function checkDocx(bytes: Uint8Array, maxBytes: number): void {
  if (bytes.length > maxBytes)
    throw new VanthuError('INVALID_INPUT', `DOCX of ${bytes.length} bytes exceeds ${maxBytes}`);
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b))
    throw new VanthuError('INVALID_INPUT', 'not a DOCX file (no ZIP signature)');
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(MAIN_PART) < 0)
    throw new VanthuError('INVALID_INPUT', 'not a DOCX file (no word/document.xml part)');
}
