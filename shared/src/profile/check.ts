import { type ProfileProblem, profileProblems } from './problems.js';
import { type PortalProfile, portalProfileSchema } from './schema.js';

export type ProfileCheck =
  | { ok: true; profile: PortalProfile }
  | { ok: false; errors: string[]; problems: ProfileProblem[] };

/**
 * Validates one profile against the schema (the extension and `vanthu profile check` share it);
 * errors as "path: message" lines in Vietnamese (prefix, e.g. "[0] "), and the problems in both languages.
 */
export function checkProfile(value: unknown, prefix = ''): ProfileCheck {
  const parsed = portalProfileSchema.safeParse(value);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems = profileProblems(parsed.error.issues, value);
  return {
    ok: false,
    errors: problems.map((p) => `${prefix}${p.path || '(gốc)'}: ${p.vi}`),
    problems,
  };
}
