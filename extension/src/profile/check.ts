import { type PortalProfile, portalProfileSchema } from './schema.js';

export type ProfileCheck = { ok: true; profile: PortalProfile } | { ok: false; errors: string[] };

/** Validates one profile against the schema; errors as "path: message" lines (prefix, e.g. "[0] "). */
export function checkProfile(value: unknown, prefix = ''): ProfileCheck {
  const parsed = portalProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map(
      (issue) => `${prefix}${issue.path.join('.') || '(gốc)'}: ${issue.message}`,
    ),
  };
}
