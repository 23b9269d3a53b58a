import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isVanthuError } from '../../../shared/src/errors/index.js';
import {
  builtManifest,
  parsePortalOrigins,
  withPortalOrigins,
} from '../../../extension/src/manifest/portal-origins.js';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { patternOfOrigin, portalPatterns, registrationStep } from '../../../extension/src/profile/origins.js';

const STATIC = ['http://127.0.0.1/*', 'http://localhost/*'];
const profile = (id: string, matches: string[]) => ({ ...DEMO_PORTAL_PROFILE, id, matches });

describe('dynamic content script: which portals it covers', () => {
  it('turns allowlisted origins into match patterns and ignores what is not an origin', () => {
    expect(patternOfOrigin('https://qlvb.cantho.gov.vn')).toBe('https://qlvb.cantho.gov.vn/*');
    expect(patternOfOrigin('http://127.0.0.2:8080')).toBe('http://127.0.0.2:8080/*');
    for (const bad of [
      'https://x.gov.vn/path',
      '<all_urls>',
      'https://*.gov.vn',
      'ftp://x',
      'x',
      'HTTPS://X',
    ]) {
      expect(patternOfOrigin(bad)).toBeUndefined();
    }
  });

  it('covers every profile origin and allowlisted origin, not what the manifest already covers', () => {
    const profiles = [
      DEMO_PORTAL_PROFILE,
      profile('a', ['https://qlvb.a.gov.vn/vb/*', 'https://qlvb.a.gov.vn/den/*']),
      profile('b', ['http://127.0.0.2/*']),
    ];
    const patterns = portalPatterns(profiles, ['https://qlvb.c.gov.vn', 'javascript:alert(1)'], STATIC);
    expect(patterns).toEqual(['http://127.0.0.2/*', 'https://qlvb.a.gov.vn/*', 'https://qlvb.c.gov.vn/*']);
    expect(patterns).not.toContain('<all_urls>');
    expect(portalPatterns([DEMO_PORTAL_PROFILE], [], STATIC)).toEqual([]);
  });

  it('registers, updates, unregisters or leaves the script as the wanted patterns require', () => {
    expect(registrationStep(undefined, [])).toEqual({ action: 'none' });
    expect(registrationStep(undefined, ['https://a/*'])).toEqual({
      action: 'register',
      matches: ['https://a/*'],
    });
    expect(registrationStep(['https://b/*', 'https://a/*'], ['https://a/*', 'https://b/*'])).toEqual({
      action: 'none',
    });
    expect(registrationStep(['https://a/*'], ['https://a/*', 'https://b/*'])).toEqual({
      action: 'update',
      matches: ['https://a/*', 'https://b/*'],
    });
    expect(registrationStep(['https://a/*'], [])).toEqual({ action: 'unregister' });
  });
});

describe('build-time portal origins (VANTHU_PORTAL_ORIGINS)', () => {
  const root = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8'));

  it('adds the origins to the required host permissions and the static content script', () => {
    const origins = parsePortalOrigins(' https://qlvb.a.gov.vn,http://10.0.0.5:8080  https://qlvb.a.gov.vn ');
    expect(origins).toEqual(['https://qlvb.a.gov.vn/*', 'http://10.0.0.5:8080/*']);
    const built = builtManifest(root, origins);
    expect(built.host_permissions).toEqual(origins);
    expect(built.content_scripts).toHaveLength(1);
    expect(built.content_scripts?.[0]?.matches).toEqual(origins);
    expect(built.content_scripts?.[0]?.js).toEqual(['content.js']);
    expect(built.permissions).toContain('scripting');
    expect(built.optional_host_permissions).toEqual(root.optional_host_permissions);
    expect(JSON.stringify(built)).not.toContain('<all_urls>');
  });

  it('the root manifest names no portal; a build without origins has no host permission and no static content script', () => {
    expect(root.host_permissions).toEqual([]);
    expect(root.content_scripts.flatMap((cs: { matches: string[] }) => cs.matches)).toEqual([]);
    const built = builtManifest(root, []);
    expect(built.host_permissions).toEqual([]);
    expect(built).not.toHaveProperty('content_scripts');
    expect(builtManifest(root, STATIC).content_scripts?.[0]?.matches).toEqual(STATIC);
  });

  it('leaves the manifest unchanged without origins and refuses anything that is not an origin', () => {
    expect(withPortalOrigins(root, parsePortalOrigins(undefined))).toBe(root);
    expect(parsePortalOrigins('  ')).toEqual([]);
    for (const bad of ['https://x.gov.vn/*', '<all_urls>', 'qlvb.a.gov.vn']) {
      let error: unknown;
      try {
        parsePortalOrigins(`https://ok.gov.vn,${bad}`);
      } catch (e) {
        error = e;
      }
      expect(isVanthuError(error) && error.code).toBe('INVALID_INPUT');
      expect(String((error as Error).message)).toContain(bad);
    }
  });
});
