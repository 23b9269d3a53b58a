import { PdfDict } from './objects.js';
import type { Revision } from './reader.js';

/**
 * Xref sections that belong to one revision, folded into it. Sections are read newest first along
 * /Prev; in a plain chain each older section ends (at its %%EOF) before the newer one. A section
 * that does not — a linearized file's main xref behind its first-page xref, or an update that
 * wrote two sections before one %%EOF — is part of the newer section's revision: its entries fill
 * in under the newer ones, its trailer keys fill in the ones the newer trailer lacks (a linearized
 * main trailer carries no /Root), and the revision ends at the later of the two ends.
 */
export function mergeSectionsOfOneRevision(newestFirst: Revision[]): Revision[] {
  const out: Revision[] = [];
  for (const section of newestFirst) {
    const newer = out[out.length - 1];
    if (!newer || section.endOffset < newer.endOffset) {
      out.push(section);
      continue;
    }
    const entries = new Map(section.entries);
    for (const [num, e] of newer.entries) entries.set(num, e);
    const trailer = new PdfDict(new Map(newer.trailer.entries));
    for (const [key, value] of section.trailer.entries) {
      if (key !== 'Prev' && !trailer.has(key)) trailer.entries.set(key, value);
    }
    out[out.length - 1] = { ...newer, trailer, entries, endOffset: section.endOffset };
  }
  return out;
}
