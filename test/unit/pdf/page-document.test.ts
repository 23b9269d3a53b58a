import { describe, expect, it } from 'vitest';
import { PdfReader, PdfStream } from '../../../daemon/src/pdf/reader/index.js';
import { pageDocument } from '../../../daemon/src/pdf/text/page-document.js';
import { extractLines } from '../../../daemon/src/pdf/text/extract.js';
import { makeVanBan } from '../../support/pdf-inputs.js';

describe('pageDocument', () => {
  it('copies one page with what its text needs into a small standalone PDF', async () => {
    const src = PdfReader.fromBuffer(await makeVanBan({ pages: 5, padBytes: 2 * 1024 * 1024 }));
    const mini = pageDocument(src, 4).bytes;
    expect(mini.length).toBeLessThan(200_000);
    const r = PdfReader.fromBuffer(mini);
    expect(r.pageCount).toBe(1);
    expect(r.page(0).mediaBox).toEqual(src.page(4).mediaBox);
    const contents = r.resolve(r.page(0).dict.get('Contents'));
    expect(contents instanceof PdfStream || Array.isArray(contents)).toBe(true);
    const text = (await extractLines(src, 4)).map((l) => l.text).join('\n');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('trang 5');
    // The first page read starts a text process.
  }, 60_000);
});
