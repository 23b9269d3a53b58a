import type { Flow } from '../messaging/messages.js';

/**
 * The portal user's role, as the options page or a profile's role selector says it; each role sees
 * only its flows (lãnh đạo signs and checks, văn thư does everything, chuyên viên checks and drafts,
 * converting its DOCX drafts to PDF).
 */
export type UserRole = 'lanhdao' | 'vanthu' | 'chuyenvien';

/** storage.local key of the role the user picked in the options. */
export const USER_ROLE_KEY = 'userRole';

export const USER_ROLE_LABELS: Readonly<Record<UserRole, string>> = {
  lanhdao: 'Lãnh đạo',
  vanthu: 'Văn thư',
  chuyenvien: 'Chuyên viên',
};

const ROLE_FLOWS: Readonly<Record<UserRole, readonly Flow[]>> = {
  lanhdao: ['sign', 'verify'],
  vanthu: ['sign', 'numberSeal', 'verify', 'register', 'convert'],
  chuyenvien: ['verify', 'convert'],
};

export const isUserRole = (v: unknown): v is UserRole => typeof v === 'string' && v in ROLE_FLOWS;

/** The flows a role may see, out of those the profile enables; no role known: every enabled flow. */
export function flowsForRole(flows: readonly Flow[], role: UserRole | undefined): Flow[] {
  if (!role) return [...flows];
  return flows.filter((f) => ROLE_FLOWS[role].includes(f));
}

/** The role the portal page shows for its user, through the profile's selector and mapping. */
export function portalUserRole(
  doc: Document,
  rule: { readonly selector: string; readonly map: Readonly<Record<string, UserRole>> } | undefined,
): UserRole | undefined {
  if (!rule) return undefined;
  let text: string | undefined;
  try {
    text = doc.querySelector(rule.selector)?.textContent?.replace(/\s+/g, ' ').trim();
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  const folded = text.normalize('NFC').toLocaleLowerCase('vi');
  const hit = Object.entries(rule.map).find(
    ([label]) => label.normalize('NFC').toLocaleLowerCase('vi') === folded,
  );
  return hit?.[1];
}
