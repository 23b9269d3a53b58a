import { urlMatches } from './match.js';
import type { PortalProfile, RegistrationTag } from './schema.js';

/** A document the profile found on the page: its row, its PDF link and the link's absolute URL. */
export interface FoundDocument {
  readonly row: Element;
  readonly link: HTMLAnchorElement;
  readonly url: string;
}

export function profileFor(profiles: readonly PortalProfile[], url: string): PortalProfile | undefined {
  return profiles.find((p) => urlMatches(p.matches, url));
}

/** Rows and PDF links by the profile's selectors; links outside the page's own origin are ignored. */
export function findDocuments(root: ParentNode, profile: PortalProfile, pageUrl: string): FoundDocument[] {
  const pattern = profile.documents.linkPattern ? new RegExp(profile.documents.linkPattern) : undefined;
  const origin = new URL(pageUrl).origin;
  const found: FoundDocument[] = [];
  for (const row of Array.from(root.querySelectorAll(profile.documents.row))) {
    for (const el of Array.from(row.querySelectorAll(profile.documents.pdfLink))) {
      const href = el.getAttribute('href');
      if (href === null || el.tagName !== 'A') continue;
      let url: string;
      try {
        url = new URL(href, pageUrl).href;
      } catch {
        continue;
      }
      if (new URL(url).origin !== origin) continue;
      if (pattern && !pattern.test(url)) continue;
      found.push({ row, link: el as HTMLAnchorElement, url });
    }
  }
  return found;
}

/** Generic fallback for an allowlisted origin without a profile: every same-origin link ending in .pdf. */
export function findPdfLinks(root: ParentNode, pageUrl: string): FoundDocument[] {
  const origin = new URL(pageUrl).origin;
  const found: FoundDocument[] = [];
  for (const el of Array.from(root.querySelectorAll('a[href]'))) {
    const url = new URL(el.getAttribute('href') ?? '', pageUrl);
    if (url.origin === origin && /\.pdf$/i.test(url.pathname)) {
      found.push({ row: el.parentElement ?? el, link: el as HTMLAnchorElement, url: url.href });
    }
  }
  return found;
}

/** URLs of PDFs shown in embedded viewers (iframe, embed, object) on a document page. */
export function findViewerUrls(root: ParentNode, profile: PortalProfile, pageUrl: string): string[] {
  if (!profile.viewers) return [];
  const origin = new URL(pageUrl).origin;
  const urls: string[] = [];
  for (const el of Array.from(root.querySelectorAll(profile.viewers))) {
    const src = el.getAttribute('src') ?? el.getAttribute('data');
    if (!src) continue;
    const url = new URL(src, pageUrl);
    if (url.origin === origin) urls.push(url.href);
  }
  return urls;
}

/** Writes registration values into the portal's own form fields and fires the events its scripts expect. */
export function fillRegistration(
  root: ParentNode,
  profile: PortalProfile,
  values: Partial<Record<RegistrationTag, string>>,
): RegistrationTag[] {
  const mapping = profile.registration;
  if (!mapping) return [];
  const form = root.querySelector(mapping.form);
  if (!form) return [];
  const filled: RegistrationTag[] = [];
  for (const [tag, sel] of Object.entries(mapping.fields) as [RegistrationTag, string][]) {
    const value = values[tag];
    const field = form.querySelector(sel);
    if (value === undefined || !field || !('value' in field)) continue;
    (field as HTMLInputElement).value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    filled.push(tag);
  }
  return filled;
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
