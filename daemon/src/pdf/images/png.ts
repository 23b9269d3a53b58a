import { inflateSync } from 'node:zlib';
import { VanthuError } from '@vanthu/shared/errors/index';

export interface DecodedPng {
  width: number;
  height: number;
  /** 8-bit RGB samples, row-major. */
  rgb: Buffer;
  /** 8-bit alpha samples, or undefined when the image is fully opaque. */
  alpha: Buffer | undefined;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PIXELS = 40_000_000;

function invalid(detail: string): VanthuError {
  return new VanthuError('IMAGE_INVALID', detail);
}

/**
 * Decodes a non-interlaced PNG (grey, RGB, palette, grey+alpha, RGBA; 8-bit, plus 1/2/4-bit grey and
 * palette, 16-bit reduced to 8) into RGB and alpha planes. tRNS transparency becomes alpha.
 */
export function decodePng(bytes: Uint8Array): DecodedPng {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE)) throw invalid('not a PNG file');
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colorType = -1;
  let interlace = 0;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (data.length !== len) throw invalid('truncated PNG chunk');
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8]!;
      colorType = data[9]!;
      interlace = data[12]!;
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  if (!width || !height || width * height > MAX_PIXELS) throw invalid('bad PNG dimensions');
  if (interlace !== 0) throw invalid('interlaced PNG is not supported; save it non-interlaced');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (channels === undefined) throw invalid(`PNG colour type ${colorType}`);
  if (![1, 2, 4, 8, 16].includes(depth) || (depth < 8 && colorType !== 0 && colorType !== 3)) {
    throw invalid(`PNG bit depth ${depth}`);
  }
  if (colorType === 3 && !palette) throw invalid('palette PNG without PLTE');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (width * channels * 2 + 1) * height + 1024 });
  } catch {
    throw invalid('damaged PNG image data');
  }
  const bitsPerPixel = channels * depth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  if (raw.length < (stride + 1) * height) throw invalid('PNG image data too short');
  const px = unfilter(raw, height, stride, bpp);
  if (depth === 8 && colorType === 6) return splitRgba(px, width, height);
  if (depth === 8 && colorType === 2) return { width, height, rgb: px, alpha: undefined };
  return toPlanes(px, { width, height, depth, colorType, channels, stride, palette, trns });
}

/**
 * Undoes the PNG row filters (None, Sub, Up, Average, Paeth), one tight loop per filter and row:
 * a signature image is decoded once per signature, before V8 has optimised anything, so the
 * loops are kept free of per-byte branches. Row 0 reads a row of zeros above it.
 */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number): Buffer {
  const out = Buffer.alloc(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!;
    const s = y * (stride + 1) + 1;
    const o = (y + 1) * stride;
    const up = y * stride;
    if (f === 0) {
      raw.copy(out, o, s, s + stride);
    } else if (f === 1) {
      for (let i = 0; i < bpp; i++) out[o + i] = raw[s + i]!;
      for (let i = bpp; i < stride; i++) out[o + i] = (raw[s + i]! + out[o + i - bpp]!) & 0xff;
    } else if (f === 2) {
      for (let i = 0; i < stride; i++) out[o + i] = (raw[s + i]! + out[up + i]!) & 0xff;
    } else if (f === 3) {
      for (let i = 0; i < bpp; i++) out[o + i] = (raw[s + i]! + (out[up + i]! >> 1)) & 0xff;
      for (let i = bpp; i < stride; i++)
        out[o + i] = (raw[s + i]! + ((out[o + i - bpp]! + out[up + i]!) >> 1)) & 0xff;
    } else if (f === 4) {
      for (let i = 0; i < bpp; i++) out[o + i] = (raw[s + i]! + out[up + i]!) & 0xff;
      for (let i = bpp; i < stride; i++) {
        const a = out[o + i - bpp]!;
        const b = out[up + i]!;
        const c = out[up + i - bpp]!;
        const p = a + b - c;
        const pa = p > a ? p - a : a - p;
        const pb = p > b ? p - b : b - p;
        const pc = p > c ? p - c : c - p;
        out[o + i] = (raw[s + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
    } else throw invalid(`bad PNG filter ${f}`);
  }
  return out.subarray(stride);
}

/** 8-bit RGBA, the usual signature and seal image: RGB and alpha planes in one pass. */
function splitRgba(px: Buffer, width: number, height: number): DecodedPng {
  const n = width * height;
  const rgb = Buffer.allocUnsafe(n * 3);
  const alpha = Buffer.allocUnsafe(n);
  let opaque = 255;
  for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) {
    rgb[k] = px[j]!;
    rgb[k + 1] = px[j + 1]!;
    rgb[k + 2] = px[j + 2]!;
    const a = px[j + 3]!;
    alpha[i] = a;
    opaque &= a;
  }
  return { width, height, rgb, alpha: opaque === 255 ? undefined : alpha };
}

interface PngLayout {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  channels: number;
  stride: number;
  palette: Buffer | undefined;
  trns: Buffer | undefined;
}

/** Every other layout (grey, palette, grey+alpha, 16-bit, sub-byte depths), sample by sample. */
function toPlanes(px: Buffer, l: PngLayout): DecodedPng {
  const { width, height, depth, colorType, channels, stride, palette, trns } = l;
  const rgb = Buffer.alloc(width * height * 3);
  const alpha = Buffer.alloc(width * height, 255);
  let hasAlpha = false;
  const sample = (row: Buffer, x: number, ch: number): number => {
    if (depth === 8) return row[x * channels + ch]!;
    if (depth === 16) return row[(x * channels + ch) * 2]!;
    const bitPos = x * depth;
    const v = (row[bitPos >> 3]! >> (8 - depth - (bitPos & 7))) & ((1 << depth) - 1);
    return colorType === 3 ? v : Math.round((v * 255) / ((1 << depth) - 1));
  };
  const rawSample = (row: Buffer, x: number): number => {
    const bitPos = x * depth;
    if (depth >= 8) return depth === 8 ? row[x]! : row.readUInt16BE(x * 2);
    return (row[bitPos >> 3]! >> (8 - depth - (bitPos & 7))) & ((1 << depth) - 1);
  };
  for (let y = 0; y < height; y++) {
    const row = px.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      const o = y * width + x;
      let r: number;
      let g: number;
      let bl: number;
      let al = 255;
      if (colorType === 3) {
        const idx = sample(row, x, 0);
        r = palette![idx * 3] ?? 0;
        g = palette![idx * 3 + 1] ?? 0;
        bl = palette![idx * 3 + 2] ?? 0;
        if (trns && idx < trns.length) al = trns[idx]!;
      } else if (colorType === 0 || colorType === 4) {
        r = g = bl = sample(row, x, 0);
        if (colorType === 4) al = sample(row, x, 1);
        else if (trns && trns.length >= 2 && rawSample(row, x) === trns.readUInt16BE(0)) al = 0;
      } else {
        r = sample(row, x, 0);
        g = sample(row, x, 1);
        bl = sample(row, x, 2);
        if (colorType === 6) al = sample(row, x, 3);
      }
      rgb[o * 3] = r;
      rgb[o * 3 + 1] = g;
      rgb[o * 3 + 2] = bl;
      alpha[o] = al;
      if (al !== 255) hasAlpha = true;
    }
  }
  return { width, height, rgb, alpha: hasAlpha ? alpha : undefined };
}

/** Dominant ink colour of the visible, non-white pixels: used to warn about wrong image colours. */
export function dominantInk(img: DecodedPng): 'blue' | 'red' | 'other' | 'none' {
  let blue = 0;
  let red = 0;
  let ink = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (img.alpha && img.alpha[i]! < 128) continue;
    const r = img.rgb[i * 3]!;
    const g = img.rgb[i * 3 + 1]!;
    const b = img.rgb[i * 3 + 2]!;
    if (r > 220 && g > 220 && b > 220) continue;
    ink++;
    if (b > r + 30 && b > g + 10) blue++;
    else if (r > g + 50 && r > b + 50) red++;
  }
  if (ink === 0) return 'none';
  if (blue / ink > 0.5) return 'blue';
  if (red / ink > 0.5) return 'red';
  return 'other';
}
