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
