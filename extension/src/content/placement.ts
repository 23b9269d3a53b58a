import type { FoundDocument } from '../profile/engine.js';

/** Where a host was put for a document: right after its link (or viewer), or inside the row's actions cell. */
export interface Binding {
  readonly host: HTMLElement;
  readonly doc: FoundDocument;
  readonly anchor: Element;
  readonly mode: 'after' | 'inside';
}

/** Puts the host into the row's actions cell when the profile names one, else right after the link. */
export function placeHost(host: HTMLElement, doc: FoundDocument, actionsSelector?: string): Binding {
  const cell = actionsSelector && doc.row !== doc.link ? doc.row.querySelector(actionsSelector) : null;
  if (cell) {
    cell.append(host);
    return { host, doc, anchor: cell, mode: 'inside' };
  }
  doc.link.after(host);
  return { host, doc, anchor: doc.link, mode: 'after' };
}

/** Whether the host still sits where it was put, in the row it was made for. */
export function inPlace(binding: Binding): boolean {
  const { host, doc, anchor, mode } = binding;
  if (!host.isConnected || !doc.link.isConnected) return false;
  if (mode === 'after') return host.previousElementSibling === anchor;
  return host.parentElement === anchor && doc.row.contains(anchor) && doc.row.contains(doc.link);
}

/** The documents the page lists now, by their link (or viewer) element. */
export function byLink(docs: readonly FoundDocument[]): ReadonlyMap<Element, FoundDocument> {
  return new Map(docs.map((d) => [d.link, d]));
}

/** Whether the page still lists the host's link, in the same row, with the same URL. */
export function stillListed(binding: Binding, listed: ReadonlyMap<Element, FoundDocument>): boolean {
  const now = listed.get(binding.doc.link);
  return now !== undefined && now.row === binding.doc.row && now.url === binding.doc.url;
}
