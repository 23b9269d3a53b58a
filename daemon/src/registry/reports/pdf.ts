import { deflateSync } from 'node:zlib';
import { SubsetFont } from '../../pdf/fonts/type0.js';
import { PdfRef } from '../../pdf/reader/index.js';
import { name, Serializer, WritableDict, type WritableObject } from '../../pdf/writer/serialize.js';
import type { Table } from './register-book.js';
import { CELL_PAD, layoutTable } from './table-layout.js';

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
/** Room kept above the bottom margin for the page number. */
const FOOTER = 14;

/** A table as PDF, with the number of its pages. */
export interface TablePdf {
  pdf: Buffer;
  pages: number;
}

/**
 * A register book or statistics table as PDF with the embedded Times-metric font (full Vietnamese):
 * the title block on the first page, the header row (and column numbers) repeated on every page,
 * text wrapped inside columns measured with the font (table-layout.ts: no text crosses a column's
 * border), "Trang i/n" at the foot of each page.
 */
export function toPdf(table: Table): Buffer {
  return renderTablePdf(table).pdf;
}

export function renderTablePdf(table: Table): TablePdf {
  const doc = new NewDocument();
  const font = new SubsetFont(doc);
  const usable = W - MARGIN.left - MARGIN.right;
  const layout = layoutTable(table.header, table.rows, usable, (t) => font.measure(t), SIZE);
  const { widths } = layout;
  const size = layout.size;
  const lead = (size * LEAD) / SIZE;
  const pages: string[][] = [];
  let ops: string[] = [];
  let y = 0;
  const text = (x: number, yy: number, s: string, at = size) =>
    ops.push(`BT /F1 ${at} Tf ${x.toFixed(2)} ${yy.toFixed(2)} Td <${font.encode(s).hex}> Tj ET`);
  const centred = (yy: number, s: string, at: number) => text((W - font.measure(s) * at) / 2, yy, s, at);
  const drawRow = (cells: string[], align: 'left' | 'centre' = 'left') => {
    const wrapped = cells.map((c, i) => layout.wrap(c, i));
    const height = Math.max(...wrapped.map((l) => l.length)) * lead + 4;
    let x = MARGIN.left;
    for (const [i, lines] of wrapped.entries()) {
      ops.push(
        `${x.toFixed(2)} ${(y - height).toFixed(2)} ${widths[i]!.toFixed(2)} ${height.toFixed(2)} re S`,
      );
      for (const [j, l] of lines.entries()) {
        const dx = align === 'centre' ? (widths[i]! - font.measure(l) * size) / 2 : CELL_PAD;
        text(x + dx, y - 2 - size - j * lead, l);
      }
      x += widths[i]!;
    }
    y -= height;
  };
  const titleBlock = () => {
    const lines = table.titleBlock ?? [table.title];
    for (const [i, line] of lines.entries()) {
      // The book's name stands out; the organisation and the spans are set smaller.
      const big = line.startsWith('SỔ ') || lines.length === 1 ? 14 : 11;
      centred(y - big, line, big);
      y -= big + 6;
      if (i === lines.length - 1) y -= 10;
    }
  };
  const newPage = () => {
    if (ops.length > 0) pages.push(ops);
    ops = ['0.5 w'];
    y = H - MARGIN.top;
    if (pages.length === 0) titleBlock();
    // The header row (and the column numbers) repeat at the top of every page.
    drawRow(table.header, 'centre');
    if (table.columnNumbers)
      drawRow(
        table.header.map((_, i) => `(${i + 1})`),
        'centre',
      );
  };
  newPage();
  for (const row of table.rows) {
    const need = Math.max(...row.map((c, i) => layout.wrap(c, i).length)) * lead + 4;
    if (y - need < MARGIN.bottom + FOOTER) newPage();
    drawRow(row);
  }
  pages.push(ops);
  // "Trang i/n" once the number of pages is known.
  for (const [i, page] of pages.entries()) {
    ops = page;
    centred(MARGIN.bottom - SIZE, `Trang ${i + 1}/${pages.length}`, SIZE);
  }
  const pagesRef = doc.allocate();
  const kids: PdfRef[] = [];
  for (const page of pages) {
    const data = deflateSync(Buffer.from(page.join('\n'), 'latin1'));
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
  return { pdf: doc.build(root), pages: pages.length };
}
