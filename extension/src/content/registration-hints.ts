import type { FoundDocument } from '../profile/engine.js';
import { rowMarkedOutgoing } from '../profile/registration-book.js';
import { registrationPageUrl } from '../profile/registration-page.js';
import type { PortalProfile } from '../profile/schema.js';

/**
 * Whether this page shows the registration form: the form with one of its mapped fields in it (a
 * WebForms page wraps everything, the list included, in one `form#form1`).
 */
function formShown(mapping: NonNullable<PortalProfile['registration']>): boolean {
  try {
    const form = document.querySelector(mapping.form);
    return !!form && Object.values(mapping.fields).some((field) => !!field && !!form.querySelector(field));
  } catch {
    return false;
  }
}

/** What "Vào sổ" sends besides the document: whether the profile marks its row outgoing, and its registration page. */
export function registrationHints(
  profile: PortalProfile | undefined,
  doc: FoundDocument | undefined,
  pageUrl: string,
): { outgoing?: boolean; page?: string } {
  const mapping = profile?.registration;
  if (!mapping || !doc) return {};
  const outgoing = rowMarkedOutgoing(doc.row, mapping.outgoingRows);
  // The form is on its own page only when this page does not already show it.
  const page =
    mapping.page && !formShown(mapping)
      ? registrationPageUrl(mapping.page, [doc.row, doc.link], pageUrl)
      : undefined;
  return { ...(outgoing !== undefined ? { outgoing } : {}), ...(page ? { page } : {}) };
}
