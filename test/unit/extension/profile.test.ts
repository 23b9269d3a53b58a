import { describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { profileFor } from '../../../extension/src/profile/engine.js';
import { compileMatchPattern, urlMatches } from '../../../extension/src/profile/match.js';
import { portalProfileSchema, profileJsonSchema } from '../../../extension/src/profile/schema.js';

describe('match patterns', () => {
  it('matches any port when the pattern names none, like Chromium', () => {
    expect(urlMatches(['http://127.0.0.1/*'], 'http://127.0.0.1:41234/den')).toBe(true);
    expect(urlMatches(['http://127.0.0.1/*'], 'http://127.0.0.2/den')).toBe(false);
  });
  it('honours an explicit port, subdomain wildcards and the scheme', () => {
    expect(urlMatches(['https://qlvb.example.vn:8443/*'], 'https://qlvb.example.vn:8443/a')).toBe(true);
    expect(urlMatches(['https://qlvb.example.vn:8443/*'], 'https://qlvb.example.vn:9443/a')).toBe(false);
    expect(urlMatches(['https://*.cantho.gov.vn/qlvb/*'], 'https://vpub.cantho.gov.vn/qlvb/x')).toBe(true);
    expect(urlMatches(['https://*.cantho.gov.vn/qlvb/*'], 'https://evilcantho.gov.vn/qlvb/x')).toBe(false);
    expect(urlMatches(['https://*.cantho.gov.vn/*'], 'http://vpub.cantho.gov.vn/')).toBe(false);
  });
  it('does not let a dot in the host match any character', () => {
    expect(compileMatchPattern('http://a.b/*').test('http://axb/')).toBe(false);
  });
  it('refuses malformed patterns', () => {
    expect(() => compileMatchPattern('127.0.0.1/*')).toThrow();
  });
});

describe('profile schema', () => {
  it('accepts the built-in demo profile and picks it for demo URLs only', () => {
    expect(portalProfileSchema.parse(DEMO_PORTAL_PROFILE)).toEqual(DEMO_PORTAL_PROFILE);
    expect(profileFor([DEMO_PORTAL_PROFILE], 'http://localhost:3000/van-ban-den')?.id).toBe('demo-qlvb');
    expect(profileFor([DEMO_PORTAL_PROFILE], 'https://example.org/')).toBeUndefined();
  });
  it('rejects unknown keys, unknown registration tags and bad match patterns', () => {
    const base = { ...DEMO_PORTAL_PROFILE };
    expect(portalProfileSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(portalProfileSchema.safeParse({ ...base, matches: ['<all_urls>'] }).success).toBe(false);
    const badField = { ...base, registration: { form: 'form', fields: { SoDen: 'input' } } };
    expect(portalProfileSchema.safeParse(badField).success).toBe(false);
  });
  it('fills defaults for flows and upload', () => {
    const { flows: _f, upload: _u, ...rest } = DEMO_PORTAL_PROFILE;
    const parsed = portalProfileSchema.parse(rest);
    expect(parsed.upload).toEqual({ mode: 'download' });
    expect(parsed.flows).toEqual({ sign: true, numberSeal: true, verify: true });
  });
  it('exports a JSON Schema that names the required keys', () => {
    const schema = profileJsonSchema();
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'name', 'version', 'matches', 'documents']),
    );
  });
});
