import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type ProcessLimits, ProcessPool } from '../../workers/process-pool.js';
import type { PageDocument } from './page-document.js';
import type { RawItem } from './pdfjs-items.js';

/**
 * Limits of the text processes. A page document holds at most MAX_PAGE_DECODED (128 MiB) of
 * decoded streams, so a real page stays well within them; pdf.js with its modules loaded takes
 * about 100 MB.
 */
export const TEXT_LIMITS: ProcessLimits = { workers: 2, maxHeapMb: 384, maxRssMb: 768, timeoutSeconds: 60 };

const PDFJS = 'pdfjs-dist/legacy/build/pdf.mjs';

/** A page document to read, with the fonts of its text items when `fonts` is set. */
export type PageJob = PageDocument & { fonts?: boolean };

let pool: ProcessPool<PageJob, RawItem[]> | undefined;

/**
 * The process-wide pool reading page text for document.inspect, signature anchors and placeholders,
 * and registry prefill: pdf.js never runs in the daemon (or `vanthu sign`) itself.
 */
export function textPool(): ProcessPool<PageJob, RawItem[]> {
  pool ??= new ProcessPool(
    {
      entry: new URL('./text-worker', import.meta.url),
      task: "reading the document's text",
      plainModules: [pathToFileURL(createRequire(import.meta.url).resolve(PDFJS)).href],
    },
    () => TEXT_LIMITS,
  );
  return pool;
}

/** Stops the text processes (idle ones never keep a process alive; this is for an orderly end). */
export async function closeTextPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.close();
}
