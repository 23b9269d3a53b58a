import { VanthuError } from '@vanthu/shared/errors/index';
import { patternOfOrigin } from '../profile/origins.js';

/** The parts of the root manifest.json a build-time portal list touches. */
export interface ManifestWithHosts {
  host_permissions?: string[];
  content_scripts?: { matches?: string[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

/**
 * Match patterns of VANTHU_PORTAL_ORIGINS ("https://qlvb.a.gov.vn, https://qlvb.b.gov.vn:8443"),
 * separated by commas or white space; anything that is not a bare http(s) origin is refused.
 */
export function parsePortalOrigins(list: string | undefined): string[] {
  const items = (list ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
  return [
    ...new Set(
      items.map((origin) => {
        const pattern = patternOfOrigin(origin);
        if (!pattern) {
          throw new VanthuError(
            'INVALID_INPUT',
            `VANTHU_PORTAL_ORIGINS: "${origin}" is not an origin such as https://qlvb.example.gov.vn`,
          );
        }
        return pattern;
      }),
    ),
  ];
}

/**
 * The manifest of an agency's managed build: its portal origins become required host permissions
 * (granted at install, so a force-installed extension needs no prompt) and matches of the static
 * content script. Without origins the manifest is returned unchanged.
 */
export function withPortalOrigins<M extends ManifestWithHosts>(manifest: M, patterns: readonly string[]): M {
  if (patterns.length === 0) return manifest;
  const add = (list: readonly string[] | undefined) => [...new Set([...(list ?? []), ...patterns])];
  const [first, ...others] = manifest.content_scripts ?? [];
  if (!first) throw new VanthuError('INVALID_INPUT', 'manifest.json declares no content script');
  return {
    ...manifest,
    host_permissions: add(manifest.host_permissions),
    content_scripts: [{ ...first, matches: add(first.matches) }, ...others],
  };
}
