import { unzipSync, zipSync } from 'fflate';
import { VanthuError } from '@vanthu/shared/errors/index';
import { DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ZIP_RATIO } from './constants.js';

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
 * Opens a ZIP-wrapped attachment (the SDK sample zips every file). The archive's declared sizes are
 * checked against the caps before anything is inflated, so a zip bomb never reaches memory.
 */
export function unwrapZip(zip: Uint8Array, limits: UnwrapLimits = {}): { name: string; data: Uint8Array }[] {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES;
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_ZIP_RATIO;
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter(file) {
        declared += file.originalSize;
        if (declared > maxBytes || declared > Math.max(zip.length, 1) * maxRatio) {
          throw new VanthuError(
            'EDXML_TOO_LARGE',
            `ZIP attachment inflates beyond the cap (${declared} bytes)`,
          );
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof VanthuError) throw error;
    throw new VanthuError('EDXML_MALFORMED', `unreadable ZIP attachment: ${(error as Error).message}`);
  }
  const out = Object.entries(files).map(([name, data]) => ({ name, data }));
  const total = out.reduce((n, f) => n + f.data.length, 0);
  if (total > maxBytes || total > Math.max(zip.length, 1) * maxRatio) {
    throw new VanthuError('EDXML_TOO_LARGE', `ZIP attachment inflates to ${total} bytes`);
  }
  return out;
}

export function wrapZip(name: string, data: Uint8Array): Uint8Array {
  return zipSync({ [name]: data });
}

/** Base64 decode that ignores whitespace and rejects anything else outside the alphabet. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function encodeBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
}
