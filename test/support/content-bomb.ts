import { constants, createDeflate } from 'node:zlib';

/**
 * PDFs whose page content inflates far beyond their size (issue #18 §2): what text extraction
 * (document.inspect, signature anchors, registry prefill) decodes, unlike the structural streams
 * of hostile-pdf.ts.
 */

export interface ContentStream {
  /** Stream data as stored (already encoded). */
  data: Uint8Array;
  /** The /Filter value, e.g. "/FlateDecode" or "[/FlateDecode /FlateDecode]"; none when omitted. */
  filter?: string;
}

/**
 * A one-page PDF (classic xref table) whose page has `contents` as its content streams and a
 * Helvetica font /F1, so ordinary text content is readable too.
 */
export function pageWithContents(contents: readonly ContentStream[]): Buffer {
  const first = 5;
  const refs = contents.map((_, i) => `${first + i} 0 R`).join(' ');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents [${refs}] >>`,
      'latin1',
    ),
    Buffer.from(
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      'latin1',
    ),
    ...contents.map((c) =>
      Buffer.concat([
        Buffer.from(
          `<< ${c.filter ? `/Filter ${c.filter} ` : ''}/Length ${c.data.length} >>\nstream\n`,
          'latin1',
        ),
        c.data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    ),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    const obj = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const size = objects.length + 1;
  const rows = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`).join('');
  parts.push(
    Buffer.from(
      `xref\n0 ${size}\n0000000000 65535 f\r\n${rows}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/**
 * `prefix` followed by `bytes` spaces, deflated at level 9 as a stream (the spaces are never held
 * in memory at once): 1 GiB of content becomes about 1 MB.
 */
export function deflatedSpaces(bytes: number, prefix = ''): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const deflate = createDeflate({ level: constants.Z_BEST_COMPRESSION });
    const out: Buffer[] = [];
    deflate.on('data', (c: Buffer) => out.push(c));
    deflate.on('end', () => resolve(Buffer.concat(out)));
    deflate.on('error', reject);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let left = bytes;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!deflate.write(chunk.subarray(0, n))) {
          deflate.once('drain', pump);
          return;
        }
      }
      deflate.end();
    };
    if (prefix) deflate.write(Buffer.from(prefix, 'latin1'));
    pump();
  });
}

/**
 * About 1.1 MB: a valid page whose one content stream (object 5) shows a line of text and then
 * inflates to `inflatedMb` MiB of spaces — the inflate bomb of issue #18 at its default size.
 */
export async function contentInflateBomb(inflatedMb = 1100): Promise<Buffer> {
  const data = await deflatedSpaces(inflatedMb * 1024 * 1024, 'BT /F1 12 Tf 72 760 Td (Bom) Tj ET\n');
  return pageWithContents([{ data, filter: '/FlateDecode' }]);
}
