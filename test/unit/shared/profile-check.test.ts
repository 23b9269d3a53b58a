import { describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { checkProfile } from '../../../shared/src/profile/check.js';
import { isPortalPathTemplate } from '../../../shared/src/profile/page-template.js';
import { isSelectorSyntax } from '../../../shared/src/profile/selector-syntax.js';

const registration = DEMO_PORTAL_PROFILE.registration;
if (!registration) throw new Error('the demo profile has a registration mapping');
const withRegistration = (extra: Record<string, unknown>) => ({
  ...DEMO_PORTAL_PROFILE,
  registration: { ...registration, ...extra },
});
const problemsOf = (value: unknown) => {
  const checked = checkProfile(value);
  return checked.ok ? [] : checked.problems;
};

describe('profile selectors', () => {
  it('accepts the selectors portals use', () => {
    for (const s of [
      'table.ds-van-ban tr.van-ban',
      'input[name="so_den"]',
      'a[href$=".pdf"], a[data-fid]',
      'tr:nth-child(2n+1) > td.thao-tac',
      '#ctl00_Main_grid tr[title~="x"]',
      'a[title="a]b"]',
    ]) {
      expect(isSelectorSyntax(s), s).toBe(true);
    }
  });

  it('refuses unbalanced brackets, rule syntax and dangling combinators', () => {
    for (const s of [
      'tr[',
      'a[name="x]',
      'td:not(.a',
      'td)',
      'tr { color: red }',
      'a;b',
      '> tr',
      'tr >',
      'a,',
      ', a',
      'a,,b',
      'a > > b',
      '   ',
    ]) {
      expect(isSelectorSyntax(s), s).toBe(false);
    }
  });
});

describe('registration page templates', () => {
  it('accepts a path on the portal with row placeholders', () => {
    expect(isPortalPathTemplate('/VanBan/DangKy.aspx?id={id}')).toBe(true);
    expect(isPortalPathTemplate('/van-ban/{data-id}/vao-so')).toBe(true);
  });

  it('refuses other origins, schemes and malformed placeholders', () => {
    for (const t of [
      'https://evil.example/DangKy.aspx?id={id}',
      '//evil.example/DangKy.aspx',
      '/\\evil.example/x',
      'javascript:alert(1)',
      'DangKy.aspx?id={id}',
      '/DangKy.aspx?id={id',
      '/DangKy.aspx?id={a b}',
      '/DangKy aspx',
    ]) {
      expect(isPortalPathTemplate(t), t).toBe(false);
    }
  });
});

describe('checkProfile', () => {
  it('accepts the demo profile and a registration page', () => {
    expect(checkProfile(DEMO_PORTAL_PROFILE).ok).toBe(true);
    expect(checkProfile(withRegistration({ page: '/VanBan/DangKy.aspx?id={data-id}' })).ok).toBe(true);
  });

  it('says each problem with its JSON path, in Vietnamese and English', () => {
    expect(problemsOf({ ...DEMO_PORTAL_PROFILE, colour: 'red' })).toEqual([
      { path: '', vi: 'khóa không có trong lược đồ: colour', en: 'unknown key: colour' },
    ]);
    expect(
      problemsOf({ ...DEMO_PORTAL_PROFILE, flows: { sign: 'yes', numberSeal: true, verify: true } }),
    ).toEqual([{ path: 'flows.sign', vi: 'phải là true hoặc false', en: 'must be a boolean' }]);
    expect(problemsOf({ ...DEMO_PORTAL_PROFILE, matches: ['http://127.0.0.1/*', 'ftp://x/*'] })).toEqual([
      expect.objectContaining({ path: 'matches[1]', en: 'not a match pattern (https://host/*)' }),
    ]);
    expect(problemsOf(withRegistration({ fields: { Subject: 'textarea[name="trich_yeu"' } }))).toEqual([
      { path: 'registration.fields.Subject', vi: 'bộ chọn CSS không hợp lệ', en: 'not a valid CSS selector' },
    ]);
    expect(problemsOf(withRegistration({ page: 'https://evil.example/DangKy.aspx?id={id}' }))).toEqual([
      expect.objectContaining({ path: 'registration.page', vi: expect.stringContaining('javascript:') }),
    ]);
  });

  it('errors are "path: message" lines in Vietnamese, with the caller prefix', () => {
    const checked = checkProfile({ ...DEMO_PORTAL_PROFILE, documents: { row: '' } }, '[2] ');
    expect(!checked.ok && checked.errors).toEqual(
      expect.arrayContaining([
        '[2] documents.row: không được để trống',
        '[2] documents.pdfLink: thiếu (bắt buộc)',
      ]),
    );
  });
});
