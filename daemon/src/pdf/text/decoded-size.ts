import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createInflate } from 'node:zlib';
import { VanthuError } from '@vanthu/shared/errors/index';
import { formatBytes } from '../reader/filters.js';
import type { PageDocument } from './page-document.js';

/**
 * Decoded size one stream of a page (content, font program, form XObject) may reach before text
 * extraction. Real pages stay far below: a dense vector drawing's content is a few MB, a CJK font
 * program some 20 MB; the scanned images that reach tens of MB are not part of a page document.
 */
export const MAX_STREAM_DECODED = 64 * 1024 * 1024;
/** Decoded size of all the streams of one page document together (pdf.js holds them at once). */
export const MAX_PAGE_DECODED = 128 * 1024 * 1024;

const FLATE = new Set(['FlateDecode', 'Fl']);

class TooLarge extends Error {}

/**
 * Refuses a page document whose Flate streams inflate past MAX_STREAM_DECODED each or
 * MAX_PAGE_DECODED together, before pdf.js (which decodes with no limit) sees it. Sizes are
 * counted on a streaming inflate that is abandoned at the limit, so checking costs a few chunks of
 * memory, never the decoded data. The Flate stages leading a filter chain are checked; other
 * filters (LZW, run-length, ASCII) are left to the memory limit of the process extracting the text.
 */
export async function checkDecodedSizes(doc: PageDocument): Promise<void> {
  let total = 0;
  for (const s of doc.streams) {
    if (s.filters.length === 0) {
      total += s.length;
      continue;
    }
    const stages = s.filters.findIndex((f) => !FLATE.has(f));
    if (stages === 0) continue;
    const data = doc.bytes.subarray(s.start, s.start + s.length);
    const size = await inflatedSize(data, stages < 0 ? s.filters.length : stages, MAX_STREAM_DECODED);
    if (size === undefined) {
      throw new VanthuError(
        'PDF_MALFORMED',
        `object ${s.object}: stream decodes to more than ${formatBytes(MAX_STREAM_DECODED)}`,
      );
    }
    total += size;
    if (total > MAX_PAGE_DECODED) {
      throw new VanthuError(
        'PDF_MALFORMED',
        `the page's content, fonts and forms decode to more than ${formatBytes(MAX_PAGE_DECODED)} (at object ${s.object})`,
      );
    }
  }
}

/**
 * Bytes that `stages` chained inflates produce from `data`, or undefined past `limit` at any
 * stage. Corrupt data counts up to the point where inflating fails, as a decoder stops there too.
 */
async function inflatedSize(data: Uint8Array, stages: number, limit: number): Promise<number | undefined> {
  const counters: Transform[] = [];
  for (let i = 0; i < stages; i++) counters.push(counter(limit));
  let produced = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      produced += chunk.length;
      done();
    },
  });
  const chain = counters.flatMap((c) => [
    // Z_SYNC_FLUSH: a stream cut short (no final block) still yields what it holds, as in the reader.
    createInflate({ finishFlush: constants.Z_SYNC_FLUSH }),
    c,
  ]);
  try {
    await pipeline([
      Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]),
      ...chain,
      sink,
    ]);
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
  }
  return produced;
}

/** Passes data through, failing with TooLarge once more than `limit` bytes went by. */
function counter(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(new TooLarge());
      else done(null, chunk);
    },
  });
}
