import { checkProfile } from '../../profile/check.js';
import type { PortalProfile } from '../../profile/schema.js';

export type ParseResult = { ok: true; profiles: PortalProfile[] } | { ok: false; errors: string[] };

/** The editor text as a JSON array (each item not yet validated), or why it is not one. */
export function parseProfileArray(
  text: string,
): { ok: true; items: unknown[] } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`JSON không hợp lệ: ${(e as Error).message}`] };
  }
  if (!Array.isArray(json)) return { ok: false, errors: ['Cần một mảng JSON các hồ sơ cổng ([ … ]).'] };
  return { ok: true, items: json };
}

/** Parses the editor text as a JSON array of profiles and validates each against the profile schema. */
export function parseProfiles(text: string): ParseResult {
  const array = parseProfileArray(text);
  if (!array.ok) return array;
  const json = array.items;
  const errors: string[] = [];
  const profiles: PortalProfile[] = [];
  const ids = new Set<string>();
  json.forEach((item, i) => {
    const checked = checkProfile(item, `[${i}] `);
    if (!checked.ok) {
      errors.push(...checked.errors);
      return;
    }
    const { profile } = checked;
    if (ids.has(profile.id)) errors.push(`[${i}] id: trùng mã hồ sơ "${profile.id}"`);
    ids.add(profile.id);
    profiles.push(profile);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profiles };
}

export { originsOf } from '../../profile/origins.js';
