import { documentUrlOf, type FoundDocument } from '../profile/engine.js';
import type { PortalProfile } from '../profile/schema.js';

/**
 * DOCX drafts of the page: each row's `documents.docxLink` whose URL is on the portal, when the
 * profile offers "Chuyển PDF" (`flows.convert`). Never the PDF links: those keep their own flows.
 */
export function findDocxDrafts(root: ParentNode, profile: PortalProfile, pageUrl: string): FoundDocument[] {
  const selector = profile.documents.docxLink;
  if (!profile.flows.convert || !selector) return [];
  const found: FoundDocument[] = [];
  for (const row of Array.from(root.querySelectorAll(profile.documents.row))) {
    for (const link of Array.from(row.querySelectorAll(selector))) {
      const url = documentUrlOf(link, profile, pageUrl);
      if (url !== undefined) found.push({ row, link, url });
    }
  }
  return found;
}
