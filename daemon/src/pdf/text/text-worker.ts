import { serveJobs } from '../../workers/serve-jobs.js';
import { checkDecodedSizes } from './decoded-size.js';
import type { PageJob } from './text-pool.js';
import { type RawItem, pageItems, pdfjs } from './pdfjs-items.js';

/**
 * Text process of the text pool: checks a page document's decoded sizes, then has pdf.js read its
 * text items (grouped into lines by the caller: this process loads no more than it needs).
 * It runs under the pool's heap cap, memory watch and time limit; pdf.js is loaded before the first
 * page arrives.
 */
serveJobs<PageJob, RawItem[]>(async (doc) => {
  await checkDecodedSizes(doc);
  return pageItems(doc.bytes, doc.fonts === true);
}, pdfjs);
