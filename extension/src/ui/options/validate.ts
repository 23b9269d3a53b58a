import { type PortalProfile, portalProfileSchema } from '../../profile/schema.js';

export type ParseResult = { ok: true; profiles: PortalProfile[] } | { ok: false; errors: string[] };

/** Parses the editor text as a JSON array of profiles and validates each against the profile schema. */
export function parseProfiles(text: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`JSON không hợp lệ: ${(e as Error).message}`] };
  }
  if (!Array.isArray(json)) return { ok: false, errors: ['Cần một mảng JSON các hồ sơ cổng ([ … ]).'] };
  const errors: string[] = [];
  const profiles: PortalProfile[] = [];
  const ids = new Set<string>();
  json.forEach((item, i) => {
    const parsed = portalProfileSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`[${i}] ${issue.path.join('.') || '(gốc)'}: ${issue.message}`);
      return;
    }
    if (ids.has(parsed.data.id)) errors.push(`[${i}] id: trùng mã hồ sơ "${parsed.data.id}"`);
    ids.add(parsed.data.id);
    profiles.push(parsed.data);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profiles };
}

/** Origins a set of profiles needs host access to (requested as optional host permissions). */
export function originsOf(profiles: readonly PortalProfile[]): string[] {
  return [
    ...new Set(
      profiles.flatMap((p) => p.matches.map((m) => m.replace(/^(\w+|\*):\/\/([^/]+)\/.*$/, '$1://$2/*'))),
    ),
  ];
}
