import { deflateSync } from 'node:zlib';

/**
 * Blue signature-like PNG (a scribble) or red round seal-like PNG (two rings and a centre mark), both
 * on a transparent background: the demo's images and the tests' fixtures.
 */
export function makeInkPng(kind: 'signature' | 'seal', size = 240): Uint8Array {
  const w = kind === 'seal' ? size : size * 2;
  const h = size;
  const rgba = Buffer.alloc(w * h * 4);
  const set = (x: number, y: number, r: number, g: number, b: number): void => {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    const o = (y * w + x) * 4;
    rgba[o] = r;
    rgba[o + 1] = g;
    rgba[o + 2] = b;
    rgba[o + 3] = 255;
  };
  if (kind === 'seal') {
    const c = size / 2;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot(x - c, y - c);
        if (
          (d < c - 2 && d > c - 14) ||
          (d < c - 24 && d > c - 30) ||
          (Math.abs(x - c) < 20 && Math.abs(y - c) < 20)
        ) {
          set(x, y, 220, 20, 30);
        }
      }
    }
  } else {
    // A thick scribble across the image.
    for (let t = 0; t < 4000; t++) {
      const x = Math.round((t / 4000) * (w - 20)) + 10;
      const y = Math.round(h / 2 + Math.sin(t / 150) * (h / 3));
      for (let dx = -4; dx <= 4; dx++) for (let dy = -4; dy <= 4; dy++) set(x + dx, y + dy, 20, 40, 200);
    }
  }
  return encodePng(w, h, rgba);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function encodePng(w: number, h: number, rgba: Buffer): Uint8Array {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) rgba.copy(raw, y * (w * 4 + 1) + 1, y * w * 4, (y + 1) * w * 4);
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
