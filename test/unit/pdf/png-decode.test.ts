import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../../../daemon/src/pdf/images/png.js';

/** A PNG chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Encodes 8-bit samples, row y filtered with filters[y % filters.length] (the encoder side of RFC 2083 §6). */
function encodePng(
  width: number,
  height: number,
  colorType: number,
  samples: Buffer,
  filters: number[],
  extra: Buffer[] = [],
): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType]!;
  const stride = width * channels;
  const bpp = channels;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    const cur = samples.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? samples.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    const out = Buffer.alloc(stride + 1);
    out[0] = f;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? cur[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][f]!;
      out[i + 1] = (cur[i]! - predictor) & 0xff;
    }
    rows.push(out);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra,
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic, varied samples (so that every predictor sees carries and large differences). */
function samplesOf(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = (x >>> 16) & 0xff;
  }
  return b;
}

const W = 7;
const H = 10;

describe('PNG decoding, filter by filter', () => {
  for (const filter of [0, 1, 2, 3, 4]) {
    it(`8-bit RGBA rows filtered with filter ${filter} give back their samples, alpha as its own plane`, () => {
      const rgba = samplesOf(W * H * 4, 7 + filter);
      const img = decodePng(encodePng(W, H, 6, rgba, [filter]));
      for (let i = 0; i < W * H; i++) {
        expect([...img.rgb.subarray(i * 3, i * 3 + 3)]).toEqual([...rgba.subarray(i * 4, i * 4 + 3)]);
        expect(img.alpha?.[i]).toBe(rgba[i * 4 + 3]);
      }
    });

    it(`8-bit RGB rows filtered with filter ${filter} give back their samples, without alpha`, () => {
      const rgb = samplesOf(W * H * 3, 31 + filter);
      const img = decodePng(encodePng(W, H, 2, rgb, [filter]));
      expect(img.rgb.equals(rgb)).toBe(true);
      expect(img.alpha).toBeUndefined();
    });
  }

  it('mixed filters from row to row, grey+alpha through the sample-by-sample path', () => {
    const ga = samplesOf(W * H * 2, 99);
    const img = decodePng(encodePng(W, H, 4, ga, [4, 3, 2, 1, 0]));
    for (let i = 0; i < W * H; i++) {
      expect([...img.rgb.subarray(i * 3, i * 3 + 3)]).toEqual([ga[i * 2], ga[i * 2], ga[i * 2]]);
      expect(img.alpha?.[i]).toBe(ga[i * 2 + 1]);
    }
  });

  it('a Paeth tie between the byte above and the upper left goes to the byte above (RFC 2083 §6.6)', () => {
    // Row 1, byte 4: left 0, above 30, upper left 10 → p = 20, |p − above| = |p − upper left| = 10.
    const rgba = Buffer.from([10, 9, 10, 10, 30, 9, 30, 30, 0, 9, 0, 0, 77, 200, 1, 255]);
    const img = decodePng(encodePng(2, 2, 6, rgba, [0, 4]));
    expect([...img.rgb]).toEqual([10, 9, 10, 30, 9, 30, 0, 9, 0, 77, 200, 1]);
    expect([...img.alpha!]).toEqual([10, 30, 0, 255]);
  });

  it('an RGBA image whose alpha is 255 everywhere has no alpha plane', () => {
    const rgba = samplesOf(W * H * 4, 5);
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    expect(decodePng(encodePng(W, H, 6, rgba, [1, 4])).alpha).toBeUndefined();
  });

  it('a palette image with tRNS: colours from PLTE, alpha from tRNS', () => {
    const plte = Buffer.from([255, 0, 0, 0, 0, 255, 10, 20, 30]);
    const idx = Buffer.from(Array.from({ length: W * H }, (_, i) => i % 3));
    const img = decodePng(
      encodePng(W, H, 3, idx, [2, 4], [chunk('PLTE', plte), chunk('tRNS', Buffer.from([0, 128]))]),
    );
    for (let i = 0; i < W * H; i++) {
      const k = i % 3;
      expect([...img.rgb.subarray(i * 3, i * 3 + 3)]).toEqual([...plte.subarray(k * 3, k * 3 + 3)]);
      expect(img.alpha?.[i]).toBe([0, 128, 255][k]);
    }
  });

  it('an unknown filter type is IMAGE_INVALID', () => {
    const png = encodePng(W, H, 6, samplesOf(W * H * 4, 1), [5 as number]);
    expect(() => decodePng(png)).toThrow(expect.objectContaining({ code: 'IMAGE_INVALID' }));
  });
});
