import { DEMO_PORTAL_PROFILE } from './demo-profile.js';
import type { PortalProfile } from './schema.js';

/**
 * Profiles shipped inside the extension. Only the demo build (VANTHU_DEMO=1, what `npm start` loads)
 * carries the demo portal's profile; the production build carries none (the constant is folded at
 * build time, so the demo profile is not even in its bundle): an agency's portals come from admin
 * policy or the options page.
 */
export const BUILTIN_PROFILES: readonly PortalProfile[] = import.meta.env.VANTHU_DEMO
  ? [DEMO_PORTAL_PROFILE]
  : [];
