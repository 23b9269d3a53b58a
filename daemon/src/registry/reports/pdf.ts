import { deflateSync } from 'node:zlib';
import { SubsetFont } from '../../pdf/fonts/type0.js';
import { PdfRef } from '../../pdf/reader/index.js';
import { name, Serializer, WritableDict, type WritableObject } from '../../pdf/writer/serialize.js';
import type { Table } from './register-book.js';

/** Collects the objects of a new PDF (the same sink interface the font subsetter writes to). */
class NewDocument {
  private next = 1;
  private readonly objects = new Map<number, { value: WritableObject; data?: Uint8Array }>();
  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }
  put(ref: PdfRef, value: WritableObject, data?: Uint8Array): void {
    this.objects.set(ref.num, data === undefined ? { value } : { value, data });
  }
  add(value: WritableObject, data?: Uint8Array): PdfRef {
    const ref = this.allocate();
    this.put(ref, value, data);
    return ref;
  }
  build(root: PdfRef): Buffer {
    const s = new Serializer();
    s.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    const offsets: number[] = [];
    for (let n = 1; n < this.next; n++) {
      const e = this.objects.get(n)!;
      offsets[n] = s.position;
      s.write(`${n} 0 obj\n`);
      s.value(e.value);
      if (e.data) s.write(`\nstream\n${Buffer.from(e.data).toString('latin1')}\nendstream`);
      s.write('\nendobj\n');
    }
    const xref = s.position;
    s.write(`xref\n0 ${this.next}\n0000000000 65535 f\r\n`);
    for (let n = 1; n < this.next; n++) s.write(`${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`);
    s.write('trailer\n');
    s.value(WritableDict.of({ Size: this.next, Root: root }));
    s.write(`\nstartxref\n${xref}\n%%EOF\n`);
    return s.toBuffer();
  }
}

// A4 landscape (NĐ30 allows landscape for wide tables); margins in points.
const W = 841.89;
const H = 595.28;
const MARGIN = { left: 56.7, right: 42.5, top: 56.7, bottom: 42.5 };
const SIZE = 9;
const LEAD = 11;

/**
 * A register book or statistics table as PDF with the embedded Times-metric font (full Vietnamese):
 * title, a header row repeated on every page, text wrapped inside proportional columns.
 */
export function toPdf(table: Table): Buffer {
  const doc = new NewDocument();
  const font = new SubsetFont(doc);
  const usable = W - MARGIN.left - MARGIN.right;
  const weights = table.header.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => Math.min((r[i] ?? '').length, 60)), 6),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * usable);
  const wrap = (text: string, width: number): string[] => {
    const lines: string[] = [];
    let cur = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const next = cur ? `${cur} ${word}` : word;
      if (font.measure(next) * SIZE <= width - 4 || !cur) cur = next;
      else {
        lines.push(cur);
        cur = word;
      }
    }
    if (cur) lines.push(cur);
    return lines.length > 0 ? lines : [''];
  };
  const pages: string[] = [];
  let ops: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, s: string, size = SIZE) =>
    ops.push(`BT /F1 ${size} Tf ${x.toFixed(2)} ${yy.toFixed(2)} Td <${font.encode(s).hex}> Tj ET`);
  const drawRow = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!));
    const height = Math.max(...wrapped.map((l) => l.length)) * LEAD + 4;
    let x = MARGIN.left;
    for (const [i, lines] of wrapped.entries()) {
      ops.push(
        `${x.toFixed(2)} ${(y - height).toFixed(2)} ${widths[i]!.toFixed(2)} ${height.toFixed(2)} re S`,
      );
      for (const [j, l] of lines.entries()) text(x + 2, y - 2 - SIZE - j * LEAD, l);
      x += widths[i]!;
    }
    y -= height;
  };
  const newPage = () => {
    if (ops.length > 0) pages.push(ops.join('\n'));
    ops = ['0.5 w'];
    y = H - MARGIN.top;
    if (pages.length === 0) {
      const tw = font.measure(table.title) * 13;
      text((W - tw) / 2, y - 13, table.title, 13);
      y -= 30;
    }
    drawRow(table.header);
  };
  newPage();
  for (const row of table.rows) {
    const need = Math.max(...row.map((c, i) => wrap(c, widths[i]!).length)) * LEAD + 4;
    if (y - need < MARGIN.bottom) newPage();
    drawRow(row);
  }
  pages.push(ops.join('\n'));
  const pagesRef = doc.allocate();
  const kids: PdfRef[] = [];
  for (const content of pages) {
    const data = deflateSync(Buffer.from(content, 'latin1'));
    const stream = doc.add(WritableDict.of({ Length: data.length, Filter: name('FlateDecode') }), data);
    kids.push(
      doc.add(
        WritableDict.of({
          Type: name('Page'),
          Parent: pagesRef,
          MediaBox: [0, 0, W, H],
          Resources: WritableDict.of({ Font: WritableDict.of({ F1: font.ref }) }),
          Contents: stream,
        }),
      ),
    );
  }
  font.finish();
  doc.put(pagesRef, WritableDict.of({ Type: name('Pages'), Kids: kids, Count: kids.length }));
  const root = doc.add(WritableDict.of({ Type: name('Catalog'), Pages: pagesRef }));
  return doc.build(root);
}
