import { resolveLinkUrl, sameSiteDocumentUrl } from './link-url.js';
import { urlMatches } from './match.js';
import type { PortalProfile } from './schema.js';

/** A document the profile found on the page: its row, its link (or viewer) element and its absolute URL. */
export interface FoundDocument {
  readonly row: Element;
  readonly link: Element;
  readonly url: string;
}

export function profileFor(profiles: readonly PortalProfile[], url: string): PortalProfile | undefined {
  return profiles.find((p) => urlMatches(p.matches, url));
}

/** The URL a profile's link element stands for now (its rules, then its href), if it is a document of the portal. */
export function documentUrlOf(link: Element, profile: PortalProfile, pageUrl: string): string | undefined {
  return resolveLinkUrl(link, profile.documents.url ?? [], { pageUrl, matches: profile.matches });
}

/**
 * Rows and PDF links by the profile's selectors, each link's URL from the profile's URL rules or its
 * href; a link whose URL is not on the portal (same origin or the profile's matches) is ignored.
 */
export function findDocuments(root: ParentNode, profile: PortalProfile, pageUrl: string): FoundDocument[] {
  const pattern = profile.documents.linkPattern ? new RegExp(profile.documents.linkPattern) : undefined;
  const found: FoundDocument[] = [];
  for (const row of Array.from(root.querySelectorAll(profile.documents.row))) {
    for (const link of Array.from(row.querySelectorAll(profile.documents.pdfLink))) {
      const url = documentUrlOf(link, profile, pageUrl);
      if (url === undefined || (pattern && !pattern.test(url))) continue;
      found.push({ row, link, url });
    }
  }
  return found;
}

/** Generic fallback for an allowlisted origin without a profile: every same-origin link ending in .pdf. */
export function findPdfLinks(root: ParentNode, pageUrl: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const el of Array.from(root.querySelectorAll('a[href]'))) {
    const url = pdfLinkUrlOf(el, pageUrl);
    if (url) found.push({ row: el.parentElement ?? el, link: el, url });
  }
  return found;
}

/** The fallback's URL for a link: its href when that is a same-origin http(s) URL ending in .pdf. */
export function pdfLinkUrlOf(link: Element, pageUrl: string): string | undefined {
  const url = sameSiteDocumentUrl(link.getAttribute('href') ?? '', { pageUrl, matches: [] });
  return url && /\.pdf$/i.test(new URL(url).pathname) ? url : undefined;
}

/** The PDF an embedded viewer (iframe src, embed src, object data) shows, if it is on the portal. */
export function viewerUrlOf(viewer: Element, profile: PortalProfile, pageUrl: string): string | undefined {
  const src = viewer.getAttribute(viewer.tagName === 'OBJECT' ? 'data' : 'src') ?? viewer.getAttribute('src');
  return src ? sameSiteDocumentUrl(src, { pageUrl, matches: profile.matches }) : undefined;
}

/** Embedded viewers (iframe, embed, object) showing a portal PDF on a document page; each is its own row. */
export function findViewers(root: ParentNode, profile: PortalProfile, pageUrl: string): FoundDocument[] {
  if (!profile.viewers) return [];
  const found: FoundDocument[] = [];
  for (const viewer of Array.from(root.querySelectorAll(profile.viewers))) {
    const url = viewerUrlOf(viewer, profile, pageUrl);
    if (url) found.push({ row: viewer, link: viewer, url });
  }
  return found;
}

/** Puts a signed PDF into the portal's file input (the portal's own form then uploads it). */
export function putIntoFileInput(root: ParentNode, selector: string, file: File): boolean {
  const input = root.querySelector(selector);
  if (!(input instanceof HTMLInputElement) || input.type !== 'file') return false;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
