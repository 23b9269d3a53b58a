import { deflateSync } from 'node:zlib';

/**
 * Hostile PDFs that are small on disk but declare or inflate to far more than their size
 * (issue #11 §2): cross-reference streams declaring millions of entries, a classic table claiming
 * millions of rows, and flate bombs in structural streams.
 */

const BODY = [
  '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
  '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
  '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n',
];

/** Header plus objects 1–3; returns the text and each object's offset. */
function body(): { text: string; offsets: number[] } {
  let text = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const obj of BODY) {
    offsets.push(text.length);
    text += obj;
  }
  return { text, offsets };
}

/** Xref-stream rows (/W [1 2 0]) for objects 0–3: the free head, then objects 1–3 at `offsets`. */
function rows(offsets: number[]): Buffer {
  const out = Buffer.alloc(4 * 3);
  offsets.forEach((off, i) => {
    out[(i + 1) * 3] = 1;
    out.writeUInt16BE(off, (i + 1) * 3 + 1);
  });
  return out;
}

function streamObject(num: number, dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

function tail(at: number): Buffer {
  return Buffer.from(`startxref\n${at}\n%%EOF\n`, 'latin1');
}

/**
 * ~131 KB: a valid document whose update chain holds `updates` cross-reference streams with
 * `/W [1 0 0]` and `/Size`/`/Index` of 8,388,607 entries each — one deflated byte per hundred rows.
 */
export function xrefStreamEntryBomb(updates = 16): Uint8Array {
  const { text, offsets } = body();
  const parts: Buffer[] = [Buffer.from(text, 'latin1')];
  let length = parts[0]!.length;
  let prev = length;
  const first = streamObject(
    4,
    '/Type /XRef /Size 4 /W [1 2 0] /Root 1 0 R /Filter /FlateDecode',
    deflateSync(rows(offsets)),
  );
  parts.push(first);
  length += first.length;
  const zeros = deflateSync(Buffer.alloc(8_388_607), { level: 9 });
  for (let i = 0; i < updates; i++) {
    const at = length;
    const obj = streamObject(
      5 + i,
      `/Type /XRef /Size 8388607 /Index [0 8388607] /W [1 0 0] /Root 1 0 R /Prev ${prev} /Filter /FlateDecode`,
      zeros,
    );
    parts.push(obj);
    length += obj.length;
    prev = at;
  }
  parts.push(tail(prev));
  return Buffer.concat(parts);
}

/** ~131 KB: a classic table whose one subsection claims `claimed` entries; only ~6,500 rows follow. */
export function classicTableEntryBomb(claimed = 5_000_000): Uint8Array {
  const { text, offsets } = body();
  const at = text.length;
  const lines = [
    '0000000000 65535 f\r\n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n\r\n`),
  ];
  while (lines.length < 6_500) lines.push('0000000000 00000 f\r\n');
  const table = `xref\n0 ${claimed}\n${lines.join('')}trailer\n<< /Size ${claimed} /Root 1 0 R >>\n`;
  return Buffer.concat([Buffer.from(text + table, 'latin1'), tail(at)]);
}

/**
 * ~100 KB: a valid document whose only cross-reference stream holds its 4 rows followed by
 * `inflatedMb` MiB of zeros once inflated — a flate bomb in the first stream every reader decodes.
 */
export function xrefStreamFlateBomb(inflatedMb = 100): Uint8Array {
  const { text, offsets } = body();
  const head = Buffer.from(text, 'latin1');
  const data = deflateSync(Buffer.concat([rows(offsets), Buffer.alloc(inflatedMb * 1024 * 1024)]), {
    level: 9,
  });
  const xref = streamObject(4, '/Type /XRef /Size 4 /W [1 2 0] /Root 1 0 R /Filter /FlateDecode', data);
  return Buffer.concat([head, xref, tail(head.length)]);
}

/**
 * A valid document whose catalog lives in an object stream that inflates to `inflatedMb` MiB
 * (the catalog, then zeros): a flate bomb behind the first object a reader resolves.
 */
export function objectStreamFlateBomb(inflatedMb = 100): Uint8Array {
  const header = '1 0 ';
  const objects = `${header}<< /Type /Catalog /Pages 2 0 R >>`;
  const decoded = Buffer.concat([
    Buffer.from(objects, 'latin1'),
    Buffer.alloc(inflatedMb * 1024 * 1024, 0x20),
  ]);
  let text = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (const obj of BODY.slice(1)) {
    offsets.push(text.length);
    text += obj;
  }
  const head = Buffer.from(text, 'latin1');
  const objStmAt = head.length;
  const objStm = streamObject(
    4,
    `/Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode`,
    deflateSync(decoded, { level: 9 }),
  );
  // Rows for objects 0–4: 1 compressed in stream 4, 2 and 3 at their offsets, 4 the object stream.
  const row = Buffer.alloc(5 * 4);
  row.set([2, 0, 4, 0], 4);
  row.writeUInt8(1, 8);
  row.writeUInt16BE(offsets[0]!, 9);
  row.writeUInt8(1, 12);
  row.writeUInt16BE(offsets[1]!, 13);
  row.writeUInt8(1, 16);
  row.writeUInt16BE(objStmAt, 17);
  const xrefAt = objStmAt + objStm.length;
  const xref = streamObject(
    5,
    '/Type /XRef /Size 5 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode',
    deflateSync(row),
  );
  return Buffer.concat([head, objStm, xref, tail(xrefAt)]);
}

/**
 * A valid document within the reader's bounds that is still costly: `padBytes` of padding (so the
 * file is large enough to be allowed `entries` entries) and an update whose xref stream declares
 * `entries` free numbers above the ones in use. Used to drive a verification thread into its
 * heap or time limit.
 */
export function xrefEntryHeavy(entries: number, padBytes = entries): Uint8Array {
  const { text, offsets } = body();
  const head = Buffer.from(text, 'latin1');
  const first = streamObject(
    4,
    '/Type /XRef /Size 4 /W [1 2 0] /Root 1 0 R /Filter /FlateDecode',
    deflateSync(rows(offsets)),
  );
  const pad = streamObject(5, '/Note (padding)', Buffer.alloc(padBytes, 0x41));
  const at = head.length + first.length + pad.length;
  const start = 16;
  const update = streamObject(
    6,
    `/Type /XRef /Size ${start + entries} /Index [${start} ${entries}] /W [1 0 0] /Root 1 0 R /Prev ${head.length} /Filter /FlateDecode`,
    deflateSync(Buffer.alloc(entries), { level: 9 }),
  );
  return Buffer.concat([head, first, pad, update, tail(at)]);
}
