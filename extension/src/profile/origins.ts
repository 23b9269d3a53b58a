import type { PortalProfile } from './schema.js';

/** The host-permission pattern of a match pattern: its scheme and host (with port), any path. */
export function originPatternOf(matchPattern: string): string {
  return matchPattern.replace(/^(\w+|\*):\/\/([^/]+)\/.*$/, '$1://$2/*');
}

/** Origins a set of profiles needs host access to (requested as optional host permissions). */
export function originsOf(profiles: readonly PortalProfile[]): string[] {
  return [...new Set(profiles.flatMap((p) => p.matches.map(originPatternOf)))];
}

/**
 * An allowlisted origin ("https://qlvb.example.gov.vn" or with a port) as a match pattern, or undefined
 * when it is not an http(s) origin (a path, a wildcard or garbage in admin policy is ignored).
 */
export function patternOfOrigin(origin: string): string | undefined {
  if (!/^https?:\/\/[^/*?#@]+$/.test(origin)) return undefined;
  try {
    const url = new URL(origin);
    return url.origin === origin.toLowerCase() ? `${url.origin}/*` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Match patterns the dynamic content script must cover: the origins of every profile and every
 * allowlisted origin, less those the manifest's own content script already covers (it would run twice).
 */
export function portalPatterns(
  profiles: readonly PortalProfile[],
  allowlisted: readonly string[],
  staticMatches: readonly string[],
): string[] {
  const fromOrigins = allowlisted.flatMap((o) => patternOfOrigin(o) ?? []);
  const wanted = new Set([...originsOf(profiles), ...fromOrigins]);
  for (const covered of staticMatches) wanted.delete(covered);
  return [...wanted].sort();
}

export type RegistrationStep =
  | { readonly action: 'none' }
  | { readonly action: 'register' | 'update'; readonly matches: readonly string[] }
  | { readonly action: 'unregister' };

/** What to do with the registered script (`current` its matches, undefined if none) to reach `wanted`. */
export function registrationStep(
  current: readonly string[] | undefined,
  wanted: readonly string[],
): RegistrationStep {
  if (wanted.length === 0) return current ? { action: 'unregister' } : { action: 'none' };
  if (!current) return { action: 'register', matches: wanted };
  const same = current.length === wanted.length && [...current].sort().every((m, i) => m === wanted[i]);
  return same ? { action: 'none' } : { action: 'update', matches: wanted };
}
