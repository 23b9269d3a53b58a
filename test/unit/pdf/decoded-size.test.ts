import { constants, deflateSync, inflateSync } from 'node:zlib';
import { VanthuError } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import { DecodedTooLarge, decodeStream } from '../../../daemon/src/pdf/reader/filters.js';
import {
  PdfDict,
  PdfName,
  type PdfObject,
  PdfReader,
  PdfStream,
} from '../../../daemon/src/pdf/reader/index.js';
import {
  MAX_PAGE_DECODED,
  MAX_STREAM_DECODED,
  checkDecodedSizes,
} from '../../../daemon/src/pdf/text/decoded-size.js';
import { pageDocument } from '../../../daemon/src/pdf/text/page-document.js';
import { type ContentStream, deflatedSpaces, pageWithContents } from '../../support/content-bomb.js';

const flate = new PdfDict(new Map([['Filter', PdfName.of('FlateDecode')]]));

describe('decodeStream limit', () => {
  const data = deflateSync(Buffer.alloc(1000, 0x20));

  it('decodes data of exactly the limit', () => {
    expect(decodeStream(flate, data, 1000).length).toBe(1000);
  });

  it('refuses data one byte over the limit with DecodedTooLarge', () => {
    expect(() => decodeStream(flate, data, 999)).toThrow(DecodedTooLarge);
    expect(() => decodeStream(flate, data, 999)).toThrow('stream decodes to more than 999 bytes');
  });

  it('the reader turns it into PDF_MALFORMED', async () => {
    const pdf = pageWithContents([{ data: await deflatedSpaces(2048), filter: '/FlateDecode' }]);
    const r = PdfReader.fromBuffer(pdf);
    const [ref] = r.resolve(r.page(0).dict.get('Contents')) as PdfObject[];
    const s = r.resolve(ref);
    if (!(s instanceof PdfStream)) throw new Error('no content stream');
    expect(r.streamData(s, 2048).length).toBe(2048);
    expect(() => r.streamData(s, 2047)).toThrow(
      expect.objectContaining({
        code: 'PDF_MALFORMED',
        message: expect.stringContaining('more than 2047 bytes'),
      }),
    );
  });
});

/** Runs checkDecodedSizes on the page document of a one-page PDF with `contents`. */
async function check(contents: ContentStream[]): Promise<VanthuError | undefined> {
  const doc = pageDocument(PdfReader.fromBuffer(pageWithContents(contents)), 0);
  return checkDecodedSizes(doc).then(
    () => undefined,
    (e: VanthuError) => e,
  );
}

describe('checkDecodedSizes (before text extraction)', () => {
  it(`accepts a content stream of exactly ${MAX_STREAM_DECODED / 2 ** 20} MiB`, async () => {
    expect(
      await check([{ data: await deflatedSpaces(MAX_STREAM_DECODED), filter: '/FlateDecode' }]),
    ).toBeUndefined();
  });

  it('refuses one byte more, naming the object', async () => {
    const e = await check([{ data: await deflatedSpaces(MAX_STREAM_DECODED + 1), filter: '/FlateDecode' }]);
    expect(e).toBeInstanceOf(VanthuError);
    expect(e?.code).toBe('PDF_MALFORMED');
    expect(e?.message).toContain('object 5: stream decodes to more than 64 MiB');
  });

  it('lets a damaged stream through (pdf.js reads what it can of it)', async () => {
    const text = Buffer.from('BT /F1 12 Tf 72 760 Td (Cong van) Tj ET\n'.repeat(50), 'latin1');
    // No final block; then a block of the invalid type 3: inflating fails there.
    const damaged = Buffer.concat([
      deflateSync(text, { finishFlush: constants.Z_SYNC_FLUSH }),
      Buffer.from([0x07, 0, 0, 0]),
    ]);
    expect(() => inflateSync(damaged)).toThrow('invalid block type');
    expect(await check([{ data: damaged, filter: '/FlateDecode' }])).toBeUndefined();
  });

  it('checks every stage of chained Flate filters', async () => {
    const inner = await deflatedSpaces(MAX_STREAM_DECODED + 1);
    const e = await check([{ data: deflateSync(inner), filter: '[/FlateDecode /FlateDecode]' }]);
    expect(e?.message).toContain('object 5: stream decodes to more than 64 MiB');
  });

  it('checks the Flate stages that lead a chain with other filters', async () => {
    const e = await check([
      { data: await deflatedSpaces(MAX_STREAM_DECODED + 1), filter: '[/FlateDecode /ASCIIHexDecode]' },
    ]);
    expect(e?.message).toContain('object 5: stream decodes to more than 64 MiB');
  });

  it('bounds the page as a whole', async () => {
    const part = await deflatedSpaces(MAX_STREAM_DECODED - 1024);
    const streams = Array.from(
      { length: Math.ceil(MAX_PAGE_DECODED / MAX_STREAM_DECODED) + 1 },
      (): ContentStream => ({ data: part, filter: '/FlateDecode' }),
    );
    const e = await check(streams);
    expect(e?.code).toBe('PDF_MALFORMED');
    expect(e?.message).toMatch(/decode to more than 128 MiB \(at object \d+\)/);
  });

  it('accepts an ordinary page', async () => {
    const text = Buffer.from('BT /F1 12 Tf 72 760 Td (Cong van) Tj ET\n', 'latin1');
    expect(
      await check([{ data: deflateSync(text), filter: '/FlateDecode' }, { data: text }]),
    ).toBeUndefined();
  });
});
