import { constants, inflateSync } from 'node:zlib';
import { PdfDict, PdfName, type PdfObject } from './objects.js';

/** Decoded size limit for the structural streams the reader decodes (xref and object streams). */
export const MAX_DECODED = 256 * 1024 * 1024;

export class FilterFault extends Error {}

/** The data inflates past the caller's limit: refused before the excess is ever held in memory. */
export class DecodedTooLarge extends FilterFault {
  constructor(readonly limit: number) {
    super(`stream decodes to more than ${formatBytes(limit)}`);
  }
}

/** "64 MiB" for whole mebibytes, else a byte count. */
export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/**
 * Decodes stream data for the filters structural streams use: none or FlateDecode with optional PNG /
 * TIFF predictors. Anything else is an unsupported structure, not a crash. Each stage stops at `limit`
 * decoded bytes (zlib's maxOutputLength: the output buffer never grows past it) with DecodedTooLarge;
 * predictors only shrink data, so the result is within `limit` too.
 */
export function decodeStream(dict: PdfDict, raw: Uint8Array, limit = MAX_DECODED): Uint8Array {
  const filters = asList(dict.get('Filter'));
  const parms = asList(dict.get('DecodeParms') ?? dict.get('DP'));
  let data = raw;
  filters.forEach((f, i) => {
    if (!(f instanceof PdfName)) throw new FilterFault('filter is not a name');
    if (f.value !== 'FlateDecode' && f.value !== 'Fl') throw new FilterFault(`unsupported filter ${f.value}`);
    try {
      data = inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new DecodedTooLarge(limit);
      throw new FilterFault(`FlateDecode failed: ${(e as Error).message}`);
    }
    const p = parms[i];
    if (p instanceof PdfDict) data = unpredict(data, p);
  });
  return data;
}

function asList(v: PdfObject | undefined): PdfObject[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function unpredict(data: Uint8Array, parms: PdfDict): Uint8Array {
  const predictor = parms.number('Predictor') ?? 1;
  if (predictor < 2) return data;
  const colors = parms.number('Colors') ?? 1;
  const bpc = parms.number('BitsPerComponent') ?? 8;
  const columns = parms.number('Columns') ?? 1;
  if (colors < 1 || colors > 32 || columns < 1 || columns > 1 << 20 || ![1, 2, 4, 8, 16].includes(bpc)) {
    throw new FilterFault('bad predictor parameters');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  if (predictor === 2) {
    if (bpc !== 8) throw new FilterFault('TIFF predictor with bits per component other than 8');
    const out = Uint8Array.from(data);
    for (let r = 0; r + rowLen <= out.length; r += rowLen) {
      for (let i = bpp; i < rowLen; i++) out[r + i] = (out[r + i]! + out[r + i - bpp]!) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  let prev = new Uint8Array(rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = data.subarray(r * (rowLen + 1) + 1, (r + 1) * (rowLen + 1));
    const cur = out.subarray(r * rowLen, (r + 1) * rowLen);
    for (let i = 0; i < rowLen; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      let v = src[i]!;
      switch (type) {
        case 0:
          break;
        case 1:
          v += a;
          break;
        case 2:
          v += b;
          break;
        case 3:
          v += (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new FilterFault(`bad PNG predictor row type ${type}`);
      }
      cur[i] = v & 0xff;
    }
    prev = cur;
  }
  return out;
}
