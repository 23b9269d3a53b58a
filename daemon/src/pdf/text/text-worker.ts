import { serveJobs } from '../../workers/serve-jobs.js';
import type { TextLine } from './extract.js';
import { checkDecodedSizes } from './decoded-size.js';
import type { PageDocument } from './page-document.js';
import { linesOfPageDocument, pdfjs } from './pdfjs-lines.js';

/**
 * Text process of the TextPool: checks a page document's decoded sizes, then has pdf.js read it.
 * It runs under the pool's heap cap, memory watch and time limit; pdf.js is loaded before the first
 * page arrives.
 */
serveJobs<PageDocument, TextLine[]>(async (doc) => {
  await checkDecodedSizes(doc);
  return linesOfPageDocument(doc.bytes);
}, pdfjs);
