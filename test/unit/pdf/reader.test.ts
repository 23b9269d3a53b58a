import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfDict, PdfRef, PdfReader, PdfString } from '../../../daemon/src/pdf/reader/index.js';
import { swapXrefOffsets } from '../../support/pdf-damage.js';
import { hybrid, makeVanBan, qpdf, tempDir, withCrlfAfterEof } from '../../support/pdf-inputs.js';

let base: Uint8Array;
const tmp = tempDir();

beforeAll(async () => {
  base = await makeVanBan({ pages: 3 });
});
afterAll(() => tmp.cleanup());

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect((e as { code?: string }).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('PdfReader', () => {
  it('reads a classic xref table document', () => {
    const r = PdfReader.fromBuffer(base);
    expect(r.revisions).toHaveLength(1);
    expect(r.lastRevision.kind).toBe('table');
    expect(r.pageCount).toBe(3);
    expect(r.page(2).mediaBox[2]).toBeCloseTo(595.28);
    expect(r.lastRevision.endOffset).toBe(base.length);
  });

  it.each([
    ['object streams', ['--object-streams=generate'], 'stream'],
    ['linearized', ['--linearize'], 'table'],
    ['qdf', ['--qdf'], 'table'],
  ])('reads %s output of qpdf', (_, args, kind) => {
    const bytes = qpdf(base, args as string[], tmp.dir);
    const r = PdfReader.fromBuffer(bytes);
    expect(r.lastRevision.kind).toBe(kind);
    expect(r.pageCount).toBe(3);
    expect(r.page(1).dict.name('Type')).toBe('Page');
  });

  it('reads a hybrid file through /XRefStm and keeps the revision chain', () => {
    const bytes = hybrid(base);
    const r = PdfReader.fromBuffer(bytes);
    expect(r.revisions).toHaveLength(2);
    expect(r.revisions[0]!.endOffset).toBeGreaterThanOrEqual(base.length);
    expect(r.revisions[0]!.endOffset).toBeLessThanOrEqual(base.length + 2);
    expect(r.lastRevision.xrefStmOffset).toBeGreaterThan(base.length);
    const producer = r.dict(r.trailer.get('Info'))?.get('Producer');
    expect(producer).toBeInstanceOf(PdfString);
    expect((producer as PdfString).text()).toBe('hybrid-test');
    expect(r.resolveAt(r.trailer.get('Info'), 0)).not.toEqual(r.resolve(r.trailer.get('Info')));
  });

  it('tolerates junk before the header, CRLF and garbage after %%EOF', () => {
    const junk = Buffer.concat([Buffer.from('JUNK-PREFIX\n'), Buffer.from(base)]);
    expect(PdfReader.fromBuffer(junk).pageCount).toBe(3);
    const crlf = withCrlfAfterEof(base);
    expect(PdfReader.fromBuffer(crlf).lastRevision.endOffset).toBe(crlf.length);
    const trailing = Buffer.concat([Buffer.from(base), Buffer.from('\n\0\0garbage bytes\n')]);
    expect(PdfReader.fromBuffer(trailing).pageCount).toBe(3);
  });

  it('refuses encrypted files', () => {
    const enc = qpdf(base, ['--encrypt', 'u', 'o', '256', '--'], tmp.dir);
    expectCode(() => PdfReader.fromBuffer(enc), 'PDF_ENCRYPTED');
  });

  it('bounds hostile input with PDF_MALFORMED', () => {
    const started = Date.now();
    expectCode(() => PdfReader.fromBuffer(base.subarray(0, Math.floor(base.length / 2))), 'PDF_MALFORMED');
    expectCode(() => PdfReader.fromBuffer(Buffer.from('%PDF-1.7\nnothing here\n')), 'PDF_MALFORMED');
    const s = Buffer.from(base).toString('latin1');
    // wrong startxref offset
    const wrong = s.replace(/startxref\s+\d+/, 'startxref\n17');
    expectCode(() => PdfReader.fromBuffer(Buffer.from(wrong, 'latin1')), 'PDF_MALFORMED');
    // a /Prev chain pointing at itself
    const at = Number(/startxref\s+(\d+)/.exec(s)![1]);
    const cyclic = s.replace(/trailer\s*<</, `trailer\n<< /Prev ${at}`);
    expectCode(() => PdfReader.fromBuffer(Buffer.from(cyclic, 'latin1')), 'PDF_MALFORMED');
    // deep nesting
    const deep = `%PDF-1.7\n1 0 obj\n${'['.repeat(100000)}\nendobj\nxref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n${9 + 14 + 100001}\n%%EOF\n`;
    expectCode(() => PdfReader.fromBuffer(Buffer.from(deep)), 'PDF_MALFORMED');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('detects a page tree that points to itself', () => {
    const s = Buffer.from(base).toString('latin1');
    const pagesNum = /\/Pages (\d+) 0 R/.exec(s)![1];
    const cyc = s.replace(
      /\/Kids \[[^\]]*\]/,
      (m) => `/Kids [${pagesNum} 0 R`.padEnd(m.length - 1, ' ') + ']',
    );
    const r = PdfReader.fromBuffer(Buffer.from(cyc, 'latin1'));
    expectCode(() => r.page(0), 'PDF_MALFORMED');
  });

  it('rebuilds the object table by scanning only when asked to', () => {
    const s = Buffer.from(base).toString('latin1');
    const broken = Buffer.from(s.replace(/startxref\s+\d+/, 'startxref\n17'), 'latin1');
    expectCode(() => PdfReader.fromBuffer(broken), 'PDF_MALFORMED');
    const r = PdfReader.fromBuffer(broken, { allowReconstruct: true });
    expect(r.reconstructed).toBe(true);
    expect(r.pageCount).toBe(3);
    expect(r.page(2).dict.name('Type')).toBe('Page');
    expectCode(
      () => PdfReader.fromBuffer(broken, { allowReconstruct: true, maxReconstructBytes: 100 }),
      'PDF_MALFORMED',
    );
  });

  it('finds objects whose xref offsets point at other objects by scanning, only when asked to', () => {
    const damaged = swapXrefOffsets(base, 3, 6);
    expectCode(() => PdfReader.fromBuffer(damaged).resolve(new PdfRef(3, 0)), 'PDF_MALFORMED');
    const good = PdfReader.fromBuffer(base);
    const r = PdfReader.fromBuffer(damaged, { allowReconstruct: true });
    expect(r.repaired).toBe(false);
    // Each number resolves to its own object, though the two entries trade offsets.
    for (const n of [6, 3]) {
      const want = good.resolve(new PdfRef(n, 0));
      const got = r.resolve(new PdfRef(n, 0));
      expect(got instanceof PdfDict ? [...got.entries.keys()] : got).toEqual(
        want instanceof PdfDict ? [...want.entries.keys()] : want,
      );
    }
    expect(r.repaired).toBe(true);
    const table = r.repairedTable()!;
    for (const n of [3, 6]) expect(table.get(n)).toEqual(good.entry(n));
    expect(good.repairedTable()).toBeUndefined();
  });
});

/**
 * Object 4 lives in object stream 5; a later update rewrites stream 5 under the same number with a
 * different object 4 (only the stream gets a new xref entry).
 */
function rewrittenObjectStream(): Uint8Array {
  const parts: Buffer[] = [];
  let at = 0;
  const offsets = new Map<number, number>();
  const put = (num: number | undefined, chunk: string | Buffer) => {
    if (num !== undefined) offsets.set(num, at);
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(b);
    at += b.length;
  };
  const objStm = (num: number, title: string) => {
    const member = `<< /Title (${title}) >>`;
    const data = `4 0\n${member}`;
    put(
      num,
      `${num} 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Length ${data.length} >>\nstream\n${data}\nendstream\nendobj\n`,
    );
  };
  const xref = (num: number, rows: [number, number, number, number][], extra: string) => {
    const bytes = Buffer.alloc(rows.length * 7);
    rows.forEach(([, type, f2, f3], i) => {
      bytes[i * 7] = type;
      bytes.writeUInt32BE(f2, i * 7 + 1);
      bytes.writeUInt16BE(f3, i * 7 + 5);
    });
    const index = rows.map(([n]) => `${n} 1`).join(' ');
    const start = at;
    put(
      num,
      Buffer.concat([
        Buffer.from(
          `${num} 0 obj\n<< /Type /XRef /W [1 4 2] /Index [${index}] /Root 1 0 R /Info 4 0 R ${extra} /Length ${bytes.length} >>\nstream\n`,
          'latin1',
        ),
        bytes,
        Buffer.from('\nendstream\nendobj\n', 'latin1'),
      ]),
    );
    put(undefined, `startxref\n${start}\n%%EOF\n`);
    return start;
  };
  put(undefined, '%PDF-1.7\n');
  put(1, '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  put(2, '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n');
  put(3, '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n');
  objStm(5, 'old');
  const o = (n: number) => offsets.get(n) ?? 0;
  const firstXref = at;
  xref(
    6,
    [
      [0, 0, 0, 65535],
      [1, 1, o(1), 0],
      [2, 1, o(2), 0],
      [3, 1, o(3), 0],
      [4, 2, 5, 0],
      [5, 1, o(5), 0],
      [6, 1, firstXref, 0],
    ],
    '/Size 7',
  );
  objStm(5, 'new');
  const secondXref = at;
  xref(
    7,
    [
      [5, 1, o(5), 0],
      [7, 1, secondXref, 0],
    ],
    `/Size 8 /Prev ${firstXref}`,
  );
  return new Uint8Array(Buffer.concat(parts));
}

describe('object streams rewritten under the same number', () => {
  const title = (r: PdfReader, revision?: number): string | undefined => {
    const info =
      revision === undefined
        ? r.resolve(r.trailer.get('Info'))
        : r.resolveAt(r.trailer.get('Info'), revision);
    const t = info instanceof PdfDict ? info.get('Title') : undefined;
    return t instanceof PdfString ? t.text() : undefined;
  };

  it('each revision reads the members of the stream as it had it, in either order', () => {
    const bytes = rewrittenObjectStream();
    const oldFirst = PdfReader.fromBuffer(bytes);
    expect(oldFirst.revisions).toHaveLength(2);
    expect(title(oldFirst, 0)).toBe('old');
    expect(title(oldFirst)).toBe('new');
    const newFirst = PdfReader.fromBuffer(bytes);
    expect(title(newFirst)).toBe('new');
    expect(title(newFirst, 0)).toBe('old');
  });
});
