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

/**
 * The manifest a build writes: the root manifest.json (no portal at all) with the build's portal
 * origins added, and a content script left without matches dropped (Chrome refuses empty matches;
 * portals onboarded later get the dynamically registered script, background/portal-scripts.ts).
 */
export function builtManifest<M extends ManifestWithHosts>(manifest: M, patterns: readonly string[]): M {
  const withOrigins = withPortalOrigins(manifest, patterns);
  const scripts = (withOrigins.content_scripts ?? []).filter((cs) => (cs.matches ?? []).length > 0);
  const { content_scripts: _dropped, ...rest } = withOrigins;
  return (scripts.length > 0 ? { ...rest, content_scripts: scripts } : rest) as M;
}
