import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** Temporary directory removed by the returned cleanup function. */
export function tempDir(prefix = 'vanthu-pdf-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const FONT = join(import.meta.dirname, '../../daemon/assets/fonts/LiberationSerif-Regular.ttf');
const FONT_BOLD = join(import.meta.dirname, '../../daemon/assets/fonts/LiberationSerif-Bold.ttf');
const FONT_ITALIC = join(import.meta.dirname, '../../daemon/assets/fonts/LiberationSerif-Italic.ttf');

/**
 * Page layouts of the stamp placement tests: the standard NĐ 30 template; a long organisation
 * name on two wide lines; the body starting right under the number line; an A4 landscape page;
 * a scanned page (one image, no text). Template variants of the date and signature lines: the place
 * and date line in italic; "năm 20……" with its day and month dotted; a year printed ("năm 2025");
 * a narrow signature column with a long "Nơi nhận" list beside it.
 */
export type VanBanLayout =
  | 'standard'
  | 'long-organisation'
  | 'body-under-header'
  | 'landscape'
  | 'scanned'
  | 'italic-date'
  | 'year-century'
  | 'year-printed'
  | 'narrow-column';

const DATE_LINES: Partial<Record<VanBanLayout, string>> = {
  'year-century': 'Cần Thơ, ngày …… tháng …… năm 20……',
  'year-printed': 'Cần Thơ, ngày      tháng      năm 2025',
};

export interface VanBanOptions {
  pages?: number;
  layout?: VanBanLayout;
  /** Extra bytes embedded as an uncompressed stream, to make big files quickly. */
  padBytes?: number;
  useObjectStreams?: boolean;
}

/**
 * An A4 Vietnamese administrative document (văn bản) laid out as NĐ30 prescribes: agency header,
 * "Số: /QĐ-UBND", place and blank date, title, body, and the signature block on the last page.
 */
export async function makeVanBan(opts: VanBanOptions = {}): Promise<Uint8Array> {
  const fontkit = (await import('fontkit')).default as unknown as Parameters<
    PDFDocument['registerFontkit']
  >[0];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(readFileSync(FONT), { subset: true });
  const bold = await doc.embedFont(readFileSync(FONT_BOLD), { subset: true });
  const layout = opts.layout ?? 'standard';
  const italic =
    layout === 'italic-date' ? await doc.embedFont(readFileSync(FONT_ITALIC), { subset: true }) : regular;
  void StandardFonts;
  const pages = Math.max(1, opts.pages ?? 1);
  const black = rgb(0, 0, 0);
  const centre = (
    page: ReturnType<PDFDocument['addPage']>,
    text: string,
    cx: number,
    y: number,
    size: number,
    b = false,
  ): void => {
    const f = b ? bold : regular;
    page.drawText(text, { x: cx - f.widthOfTextAtSize(text, size) / 2, y, size, font: f, color: black });
  };
  const landscape = layout === 'landscape';
  const [width, height] = landscape ? [841.89, 595.28] : [595.28, 841.89];
  // Landscape keeps the portrait columns' distances from the edges: right-hand texts move right.
  const right = landscape ? width - 595.28 : 0;
  const top = height - 841.89;
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([width, height]);
    if (layout === 'scanned') {
      page.drawImage(await doc.embedPng(scanPng()), { x: 0, y: 0, width, height });
      continue;
    }
    if (i === 0) {
      if (layout === 'long-organisation') {
        centre(page, 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ', 160, top + 780, 12);
        centre(page, 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 160, top + 765, 13, true);
      } else {
        centre(page, 'ỦY BAN NHÂN DÂN', 170, top + 780, 13, true);
        centre(page, 'THÀNH PHỐ CẦN THƠ', 170, top + 765, 13, true);
      }
      centre(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', right + 400, top + 780, 12, true);
      centre(page, 'Độc lập - Tự do - Hạnh phúc', right + 400, top + 765, 13, true);
      page.drawText('Số:          /QĐ-UBND', { x: 115, y: top + 735, size: 13, font: regular });
      page.drawText(DATE_LINES[layout] ?? 'Cần Thơ, ngày      tháng      năm', {
        x: right + 310,
        y: top + 735,
        size: 13,
        font: italic,
      });
      if (layout !== 'body-under-header') {
        centre(page, 'QUYẾT ĐỊNH', width / 2, top + 690, 14, true);
        centre(page, 'Về việc ban hành Quy chế quản lý văn bản điện tử', width / 2, top + 672, 14, true);
      }
    }
    // The body right under the header: its first line 20 pt below the number line.
    const firstBody = i === 0 && layout === 'body-under-header' ? top + 715 : top + 630;
    const bodyLines = landscape ? 9 : 14;
    for (let l = 0; l < bodyLines; l++) {
      page.drawText(
        `Điều ${l + 1}. Nội dung quy định trang ${i + 1}, dòng ${l + 1}: văn bản điện tử, chữ ký số.`,
        {
          x: 85,
          y: firstBody - l * 20,
          size: 13,
          font: regular,
        },
      );
    }
    if (i === pages - 1 && layout === 'narrow-column') {
      // "Nơi nhận" reaching towards a signature column narrowed by its short title.
      const block = 300;
      page.drawText('Nơi nhận:', { x: 85, y: block, size: 12, font: bold });
      const list = [
        '- Ủy ban nhân dân thành phố (để báo cáo);',
        '- Các sở, ban, ngành thành phố;',
        '- Ủy ban nhân dân các quận, huyện;',
        '- Lưu: VT, Văn phòng.',
      ];
      list.forEach((t, l) => {
        page.drawText(t, { x: 85, y: block - 14 * (l + 1), size: 11, font: regular });
      });
      centre(page, 'KT. GIÁM ĐỐC', 455, block, 13, true);
      centre(page, 'PHÓ GIÁM ĐỐC', 455, block - 15, 13, true);
      centre(page, 'Trần Văn Minh', 455, block - 130, 13, true);
    } else if (i === pages - 1) {
      const block = landscape ? 150 : 300;
      page.drawText('Nơi nhận:', { x: 85, y: block, size: 12, font: bold });
      page.drawText('- Như Điều 3;', { x: 85, y: block - 14, size: 11, font: regular });
      centre(page, 'TM. ỦY BAN NHÂN DÂN', right + 420, block, 13, true);
      centre(page, 'CHỦ TỊCH', right + 420, block - 15, 13, true);
      centre(page, 'Trần Văn Minh', right + 420, block - 130, 13, true);
    }
  }
  if (opts.padBytes && opts.padBytes > 0) {
    const pad = new Uint8Array(opts.padBytes);
    for (let i = 0; i < pad.length; i += 4096) pad[i] = i & 0xff;
    const ref = doc.context.register(doc.context.stream(pad, {}));
    doc.catalog.set(doc.context.obj('PieceInfo') as never, ref);
  }
  return doc.save({ useObjectStreams: opts.useObjectStreams ?? false });
}

/** A grey "scanned" page: noise-free light paper with darker text-like bands, as an opaque PNG. */
function scanPng(): Buffer {
  const w = 210;
  const h = 297;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    const band = y > 30 && y < 260 && y % 9 < 3;
    for (let x = 0; x < w; x++) {
      const ink = band && x > 25 && x < 185 && (x * 7 + y) % 11 > 2;
      const v = ink ? 90 : 238;
      raw.fill(v, y * (w * 3 + 1) + 1 + x * 3, y * (w * 3 + 1) + 4 + x * 3);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** Runs qpdf with `args` on `input`, returning the output bytes (exit 3 = warnings, accepted). */
export function qpdf(input: Uint8Array, args: string[], dir: string): Uint8Array {
  const inPath = join(dir, `qin-${process.hrtime.bigint()}.pdf`);
  const outPath = join(dir, `qout-${process.hrtime.bigint()}.pdf`);
  writeFileSync(inPath, input);
  try {
    execFileSync('qpdf', [...args, inPath, outPath], { stdio: 'pipe' });
  } catch (e) {
    if ((e as { status?: number }).status !== 3) throw e;
  }
  return readFileSync(outPath);
}

/**
 * A hybrid-reference file (ISO 32000-1 §7.5.8.4): appends an update whose classic xref table has an
 * /XRefStm pointing to an xref stream; the new Info dictionary lives only in an object stream, so a
 * reader that ignores /XRefStm cannot find it. Input must use a classic xref table.
 */
export function hybrid(input: Uint8Array): Uint8Array {
  const base = Buffer.from(input);
  const text = base.toString('latin1');
  const size = Number(/\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(text.slice(text.lastIndexOf('trailer')))?.[1];
  const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
  const info = size;
  const objStm = size + 1;
  const xrefStm = size + 2;
  const parts: Buffer[] = [base];
  let pos = base.length;
  const add = (s: string | Buffer): void => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    parts.push(b);
    pos += b.length;
  };
  const inner = '<< /Producer (hybrid-test) >>';
  const header = `${info} 0 `;
  const osData = header + inner;
  add('\n');
  const objStmAt = pos;
  add(
    `${objStm} 0 obj\n<< /Type /ObjStm /N 1 /First ${header.length} /Length ${osData.length} >>\nstream\n${osData}\nendstream\nendobj\n`,
  );
  const xrefStmAt = pos;
  // xref stream rows: type(1) offset(4) gen(1)
  const row = (t: number, a: number, b: number): Buffer => {
    const r = Buffer.alloc(6);
    r[0] = t;
    r.writeUInt32BE(a, 1);
    r[5] = b;
    return r;
  };
  const rows = Buffer.concat([row(2, objStm, 0), row(1, objStmAt, 0)]);
  add(
    `${xrefStm} 0 obj\n<< /Type /XRef /Size ${xrefStm + 1} /W [1 4 1] /Index [${info} 2] /Length ${rows.length} >>\nstream\n`,
  );
  add(rows);
  add('\nendstream\nendobj\n');
  const xrefAt = pos;
  const pad = (n: number): string => String(n).padStart(10, '0');
  add(`xref\n${objStm} 1\n${pad(objStmAt)} 00000 n\r\n${xrefStm} 1\n${pad(xrefStmAt)} 00000 n\r\n`);
  add(
    `trailer\n<< /Size ${xrefStm + 1} /Root ${root} /Info ${info} 0 R /Prev ${prev} /XRefStm ${xrefStmAt} >>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
  return Buffer.concat(parts);
}

export function withCrlfAfterEof(input: Uint8Array): Uint8Array {
  const b = Buffer.from(input);
  let end = b.length;
  while (end > 0 && (b[end - 1] === 10 || b[end - 1] === 13)) end--;
  return Buffer.concat([b.subarray(0, end), Buffer.from('\r\n')]);
}

/**
 * Writes `base` plus an incremental update holding one uncompressed stream of `padBytes` bytes to
 * `path`, streaming, so 100 MB inputs take well under a second to make. Needs a classic xref input.
 */
export function writeBigPdf(path: string, base: Uint8Array, padBytes: number): void {
  const text = Buffer.from(base).toString('latin1');
  const tr = text.slice(text.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(tr)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(tr)?.[1];
  const prev = Number(/startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))?.[1]);
  const fd = openSync(path, 'w');
  let pos = 0;
  const w = (b: Uint8Array | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    writeSync(fd, buf);
    pos += buf.length;
  };
  w(base);
  w('\n');
  const objAt = pos;
  w(`${size} 0 obj\n<< /Length ${padBytes} >>\nstream\n`);
  const chunk = Buffer.alloc(4 * 1024 * 1024, 0x41);
  for (let left = padBytes; left > 0; left -= chunk.length)
    w(left >= chunk.length ? chunk : chunk.subarray(0, left));
  w('\nendstream\nendobj\n');
  const xrefAt = pos;
  w(`xref\n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n\r\n`);
  w(`trailer\n<< /Size ${size + 1} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  closeSync(fd);
}
