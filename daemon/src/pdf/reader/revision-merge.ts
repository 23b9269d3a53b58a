import { PdfDict } from './objects.js';
import type { Revision } from './reader.js';

/**
 * Groups the xref sections (read newest first along /Prev) into revisions as the file stood at each
 * of its ends. For every distinct section end (the %%EOF after it), the startxref written just
 * before that end names the chain a reader of the file cut there would follow; a section belongs
 * to the first such prefix whose chain reaches it. So a linearized file's main xref joins its
 * first-page xref, two sections written before one %%EOF make one revision, and a section
 * reachable only from a later startxref — bytes left unreferenced inside a signed range and
 * chained in by a later update — is part of that later revision, never of the signed one.
 * Within a revision newer entries win and the newest trailer is completed by older keys.
 */
export function mergeSectionsOfOneRevision(
  newestFirst: Revision[],
  /** The section a reader of the file cut at `end` starts from, as an index into newestFirst. */
  startAt: (end: number) => number | undefined,
): Revision[] {
  const n = newestFirst.length;
  const prevOf = (i: number): number | undefined => {
    const next = i + 1;
    return next < n ? next : undefined;
  };
  const group = new Array<number | undefined>(n).fill(undefined);
  const ends = [...new Set(newestFirst.map((s) => s.endOffset))].sort((a, b) => a - b);
  for (const end of ends) {
    let i = startAt(end);
    for (let steps = 0; i !== undefined && steps < n; steps++, i = prevOf(i)) {
      if (group[i] === undefined) group[i] = end;
    }
  }
  const last = ends[ends.length - 1]!;
  const byEnd = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const end = group[i] ?? last;
    const list = byEnd.get(end) ?? [];
    list.push(i);
    byEnd.set(end, list);
  }
  const out: Revision[] = [];
  for (const end of [...byEnd.keys()].sort((a, b) => b - a)) {
    const members = byEnd.get(end)!.sort((a, b) => a - b);
    const newest = newestFirst[members[0]!]!;
    const entries = new Map<number, Revision['entries'] extends ReadonlyMap<number, infer E> ? E : never>();
    const trailer = new PdfDict(new Map(newest.trailer.entries));
    let endOffset = end;
    for (const i of [...members].reverse()) {
      for (const [num, e] of newestFirst[i]!.entries) entries.set(num, e);
      endOffset = Math.max(endOffset, newestFirst[i]!.endOffset);
    }
    for (const i of members.slice(1)) {
      for (const [key, value] of newestFirst[i]!.trailer.entries) {
        if (key !== 'Prev' && !trailer.has(key)) trailer.entries.set(key, value);
      }
    }
    out.push({ ...newest, trailer, entries, endOffset });
  }
  // Revisions must end in file order; anything else is folded into the newer revision.
  const ordered: Revision[] = [];
  for (const rev of out) {
    const newer = ordered[ordered.length - 1];
    if (!newer || rev.endOffset < newer.endOffset) ordered.push(rev);
    else {
      const entries = new Map(rev.entries);
      for (const [num, e] of newer.entries) entries.set(num, e);
      ordered[ordered.length - 1] = { ...newer, entries, endOffset: rev.endOffset };
    }
  }
  return ordered;
}
