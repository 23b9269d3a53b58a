// Draws the extension icon set (16–128 px) from one vector description: a blue rounded square, a
// white seal ring and a white check mark. Run `node extension/scripts/draw-icons.mjs` after changing
// the drawing; the PNGs in extension/public/icons are committed and copied into the build by Vite.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];

// Shapes in a unit square (0..1); each returns a signed distance (negative inside).
const roundedSquare = (x, y) => {
  const r = 0.2;
  const qx = Math.abs(x - 0.5) - (0.5 - r);
  const qy = Math.abs(y - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ring = (x, y) => Math.abs(Math.hypot(x - 0.5, y - 0.5) - 0.3) - 0.055;
const segment = (x, y, [ax, ay], [bx, by], w) => {
  const [px, py, dx, dy] = [x - ax, y - ay, bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w;
};
const check = (x, y) =>
  Math.min(segment(x, y, [0.36, 0.51], [0.46, 0.61], 0.05), segment(x, y, [0.46, 0.61], [0.65, 0.39], 0.05));

/** Colour of one pixel, 4×4 supersampled: the square in blue, ring and check in white over it. */
function pixel(size, px, py) {
  let inSquare = 0;
  let inMark = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4) / size;
      const y = (py + (sy + 0.5) / 4) / size;
      if (roundedSquare(x, y) <= 0) {
        inSquare++;
        if (Math.min(ring(x, y), check(x, y)) <= 0) inMark++;
      }
    }
  }
  if (inSquare === 0) return [0, 0, 0, 0];
  const m = inMark / inSquare;
  const rgb = BLUE.map((c, i) => Math.round(c * (1 - m) + WHITE[i] * m));
  return [...rgb, Math.round((255 * inSquare) / 16)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size) {
  const raw = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    raw[y * (1 + size * 4)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      Buffer.from(pixel(size, x, y)).copy(raw, y * (1 + size * 4) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, dir), png(size));
