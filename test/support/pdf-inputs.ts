import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** Temporary directory removed by the returned cleanup function. */
export function tempDir(prefix = 'vanthu-pdf-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const FONT = join(import.meta.dirname, '../../daemon/assets/fonts/LiberationSerif-Regular.ttf');
const FONT_BOLD = join(import.meta.dirname, '../../daemon/assets/fonts/LiberationSerif-Bold.ttf');

export interface VanBanOptions {
  pages?: number;
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
  for (let i = 0; i < pages; i++) {
    const page = doc.addPage([595.28, 841.89]);
    if (i === 0) {
      centre(page, 'ỦY BAN NHÂN DÂN', 170, 780, 13, true);
      centre(page, 'THÀNH PHỐ CẦN THƠ', 170, 765, 13, true);
      centre(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 400, 780, 12, true);
      centre(page, 'Độc lập - Tự do - Hạnh phúc', 400, 765, 13, true);
      page.drawText('Số:          /QĐ-UBND', { x: 115, y: 735, size: 13, font: regular });
      page.drawText('Cần Thơ, ngày      tháng      năm', { x: 310, y: 735, size: 13, font: regular });
      centre(page, 'QUYẾT ĐỊNH', 297.64, 690, 14, true);
      centre(page, 'Về việc ban hành Quy chế quản lý văn bản điện tử', 297.64, 672, 14, true);
    }
    for (let l = 0; l < 14; l++) {
      page.drawText(
        `Điều ${l + 1}. Nội dung quy định trang ${i + 1}, dòng ${l + 1}: văn bản điện tử, chữ ký số.`,
        {
          x: 85,
          y: 630 - l * 20,
          size: 13,
          font: regular,
        },
      );
    }
    if (i === pages - 1) {
      page.drawText('Nơi nhận:', { x: 85, y: 300, size: 12, font: bold });
      page.drawText('- Như Điều 3;', { x: 85, y: 286, size: 11, font: regular });
      centre(page, 'TM. ỦY BAN NHÂN DÂN', 420, 300, 13, true);
      centre(page, 'CHỦ TỊCH', 420, 285, 13, true);
      centre(page, 'Trần Văn Minh', 420, 170, 13, true);
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
