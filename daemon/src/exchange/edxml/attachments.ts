import { zipSync } from 'fflate';
import { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ZIP_RATIO } from './constants.js';
import { type ZipEntry, readZip } from './zip-reader.js';

const MAGIC: Array<[number[], string]> = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'application/pdf'],
  [[0x50, 0x4b, 0x03, 0x04], 'application/zip'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'application/msword'],
  [[0x89, 0x50, 0x4e, 0x47], 'image/png'],
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x3c, 0x3f, 0x78, 0x6d, 0x6c], 'application/xml'],
];

/** The content type that the first bytes reveal, or undefined when no signature matches. */
export function sniffContentType(data: Uint8Array): string | undefined {
  for (const [magic, type] of MAGIC) {
    if (magic.every((b, i) => data[i] === b)) return type;
  }
  return undefined;
}

const OFFICE_PACKAGE_PARTS = ['[Content_Types].xml', 'mimetypeapplication/vnd.oasis.opendocument'].map((n) =>
  Buffer.from(n, 'latin1'),
);

/**
 * A ZIP that is itself a document (DOCX/XLSX/PPTX name their `[Content_Types].xml`, ODF files start with
 * a stored `mimetype`): kept whole, never taken for a wrapper around the files it holds.
 */
export function isOfficePackage(data: Uint8Array): boolean {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  return OFFICE_PACKAGE_PARTS.some((part) => bytes.indexOf(part) >= 0);
}

const OFFICE_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/**
 * The type of a file whose bytes may be an office package: a specific declared type, else the one its
 * name's extension says, else what its first bytes say. A DOCX is never labelled application/zip.
 */
export function fileContentType(
  data: Uint8Array,
  name: string,
  declared: string | undefined,
): string | undefined {
  const sniffed = sniffContentType(data);
  if (!isOfficePackage(data)) return sniffed ?? declared;
  const given = declared?.toLowerCase();
  if (given && given !== 'application/zip' && given !== 'application/octet-stream') return given;
  return OFFICE_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? sniffed;
}

export interface UnwrapLimits {
  maxBytes?: number;
  maxRatio?: number;
}

/**
 * Opens a ZIP-wrapped attachment (the SDK sample zips every file), proving each entry's CRC-32 and
 * sizes; the declared sizes are checked against the caps before anything is inflated.
 */
export function unwrapZip(zip: Uint8Array, limits: UnwrapLimits = {}): ZipEntry[] {
  return readZip(zip, {
    maxBytes: limits.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
    maxRatio: limits.maxRatio ?? DEFAULT_MAX_ZIP_RATIO,
  });
}

export function wrapZip(name: string, data: Uint8Array): Uint8Array {
  return zipSync({ [name]: data });
}
