import { describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { originsOf, parseProfiles } from '../../../extension/src/ui/options/validate.js';

describe('options page profile validation', () => {
  it('accepts an array of valid profiles', () => {
    const result = parseProfiles(JSON.stringify([DEMO_PORTAL_PROFILE]));
    expect(result).toEqual({ ok: true, profiles: [DEMO_PORTAL_PROFILE] });
  });
  it('reports broken JSON, a non-array and schema errors with their path', () => {
    const broken = parseProfiles('[{');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]).toMatch(/^JSON không hợp lệ/);
    const object = parseProfiles('{}');
    expect(!object.ok && object.errors).toEqual(['Cần một mảng JSON các hồ sơ cổng ([ … ]).']);
    const bad = parseProfiles(JSON.stringify([{ ...DEMO_PORTAL_PROFILE, matches: ['ftp://x/*'] }]));
    expect(!bad.ok && bad.errors.some((e) => e.startsWith('[0] matches[0]:'))).toBe(true);
  });
  it('refuses two profiles with the same id', () => {
    const dup = parseProfiles(JSON.stringify([DEMO_PORTAL_PROFILE, DEMO_PORTAL_PROFILE]));
    expect(!dup.ok && dup.errors).toEqual(['[1] id: trùng mã hồ sơ "demo-qlvb"']);
  });
  it('derives the host permissions to request from the match patterns', () => {
    const p = {
      ...DEMO_PORTAL_PROFILE,
      matches: ['https://qlvb.cantho.gov.vn:8443/vb/*', 'https://*.snv.gov.vn/*'],
    };
    expect(originsOf([p])).toEqual(['https://qlvb.cantho.gov.vn:8443/*', 'https://*.snv.gov.vn/*']);
  });
});
