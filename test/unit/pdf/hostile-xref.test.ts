import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import {
  classicTableEntryBomb,
  objectStreamFlateBomb,
  xrefStreamEntryBomb,
  xrefStreamFlateBomb,
} from '../../support/hostile-pdf.js';

/** Opens `bytes` (and resolves the catalog and pages), returning the error code, time and heap growth. */
function open(bytes: Uint8Array): { code: string | undefined; message: string; ms: number; heapMb: number } {
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  try {
    const r = PdfReader.fromBuffer(bytes);
    r.pageCount;
    return { code: undefined, message: '', ms: performance.now() - t, heapMb: 0 };
  } catch (e) {
    return {
      code: (e as { code?: string }).code,
      message: (e as Error).message,
      ms: performance.now() - t,
      heapMb: (process.memoryUsage().heapUsed - heap) / 2 ** 20,
    };
  }
}

describe('PdfReader bounds hostile cross-reference data', () => {
  it('the hostile files are well-formed apart from their bomb', () => {
    expect(PdfReader.fromBuffer(xrefStreamEntryBomb(0)).pageCount).toBe(1);
    expect(PdfReader.fromBuffer(xrefStreamFlateBomb(0)).pageCount).toBe(1);
    expect(PdfReader.fromBuffer(objectStreamFlateBomb(0)).pageCount).toBe(1);
  });

  it('refuses xref streams declaring millions of entries (/W [1 0 0]) before decoding them', () => {
    const bytes = xrefStreamEntryBomb();
    expect(bytes.length).toBeLessThan(140 * 1024);
    const r = open(bytes);
    expect(r.code).toBe('PDF_MALFORMED');
    expect(r.message).toMatch(/more entries than a \d+-byte file can hold/);
    expect(r.ms).toBeLessThan(1000);
    expect(r.heapMb).toBeLessThan(32);
  });

  it('refuses a classic table subsection claiming more rows than the file has bytes for', () => {
    const r = open(classicTableEntryBomb(5_000_000));
    expect(r.code).toBe('PDF_MALFORMED');
    expect(r.message).toMatch(/declares 5000000 entries past the end of the file/);
    expect(r.ms).toBeLessThan(1000);
  });

  it('stops inflating an xref stream at what its declared rows need', () => {
    const r = open(xrefStreamFlateBomb(100));
    expect(r.code).toBe('PDF_MALFORMED');
    expect(r.message).toMatch(/stream decodes to more than \d+ bytes/);
    expect(r.ms).toBeLessThan(1000);
  });

  it('stops inflating an object stream at the object-stream limit', () => {
    const r = open(objectStreamFlateBomb(100));
    expect(r.code).toBe('PDF_MALFORMED');
    expect(r.message).toMatch(/stream decodes to more than 32 MiB/);
  });
});
