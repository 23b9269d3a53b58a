import { checkProfile } from '../../profile/check.js';
import type { PortalProfile } from '../../profile/schema.js';
import { say } from '../../i18n/language.js';

export type ParseResult = { ok: true; profiles: PortalProfile[] } | { ok: false; errors: string[] };

/** The editor text as a JSON array (each item not yet validated), or why it is not one. */
export function parseProfileArray(
  text: string,
): { ok: true; items: unknown[] } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${say('JSON không hợp lệ:', 'Invalid JSON:')} ${(e as Error).message}`] };
  }
  if (!Array.isArray(json))
    return {
      ok: false,
      errors: [
        say('Cần một mảng JSON các hồ sơ cổng ([ … ]).', 'Expected a JSON array of portal profiles ([ … ]).'),
      ],
    };
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
    if (ids.has(profile.id))
      errors.push(`[${i}] id: ${say('trùng mã hồ sơ', 'duplicate profile id')} "${profile.id}"`);
    ids.add(profile.id);
    profiles.push(profile);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, profiles };
}

export { originsOf } from '../../profile/origins.js';
