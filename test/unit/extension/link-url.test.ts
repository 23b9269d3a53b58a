import { describe, expect, it } from 'vitest';
import { resolveLinkUrl, sameSiteDocumentUrl } from '../../../extension/src/profile/link-url.js';
import { type LinkUrlRule, portalProfileSchema } from '../../../extension/src/profile/schema.js';

const PAGE = 'http://qlvb.cantho.gov.vn/VanBan/DanhSach.aspx';
const context = { pageUrl: PAGE, matches: ['http://qlvb.cantho.gov.vn/*', 'https://tep.cantho.gov.vn/*'] };
const link = (attributes: Record<string, string>) => ({
  getAttribute: (name: string) => attributes[name] ?? null,
});

const WINDOW_OPEN: LinkUrlRule = { from: 'onclick', pattern: "window\\.open\\('([^']+)'", url: '$1' };
const DATA_FID: LinkUrlRule = { urlTemplate: '/Handlers/DownloadFile.ashx?fid={data-fid}' };

describe('document URL of a link (URL rules, then href)', () => {
  it('takes the URL a window.open onclick opens behind a javascript: href', () => {
    const a = link({
      href: 'javascript:void(0)',
      onclick: "window.open('/Handlers/DownloadFile.ashx?fid=12'); return false;",
    });
    expect(resolveLinkUrl(a, [WINDOW_OPEN], context)).toBe(
      'http://qlvb.cantho.gov.vn/Handlers/DownloadFile.ashx?fid=12',
    );
  });

  it('fills a URL template from a data-* attribute, encoded so an id cannot restructure the URL', () => {
    expect(resolveLinkUrl(link({ 'data-fid': '7' }), [DATA_FID], context)).toBe(
      'http://qlvb.cantho.gov.vn/Handlers/DownloadFile.ashx?fid=7',
    );
    expect(resolveLinkUrl(link({ 'data-fid': '7&fid=8#x' }), [DATA_FID], context)).toBe(
      'http://qlvb.cantho.gov.vn/Handlers/DownloadFile.ashx?fid=7%26fid%3D8%23x',
    );
    expect(
      resolveLinkUrl(link({ 'data-fid': '//evil.example/x' }), [{ urlTemplate: '{data-fid}' }], context),
    ).toBe('http://qlvb.cantho.gov.vn/VanBan/%2F%2Fevil.example%2Fx');
  });

  it('tries the rules in order and falls back to a real href', () => {
    const rules = [WINDOW_OPEN, DATA_FID];
    expect(resolveLinkUrl(link({ 'data-fid': '3', onclick: 'return true;' }), rules, context)).toContain(
      'fid=3',
    );
    expect(resolveLinkUrl(link({ href: '/tep/a.pdf' }), rules, context)).toBe(
      'http://qlvb.cantho.gov.vn/tep/a.pdf',
    );
  });

  it('gives no URL for a __doPostBack or javascript: link without a rule that applies', () => {
    const postBack = link({ href: "javascript:__doPostBack('grdVanBan$ctl05$lnkTai','')" });
    expect(resolveLinkUrl(postBack, [DATA_FID], context)).toBeUndefined();
    expect(resolveLinkUrl(link({ href: 'javascript:void(0)' }), [], context)).toBeUndefined();
    // A rule yielding a javascript: URL is refused like such an href.
    const evil = link({ onclick: "window.open('javascript:alert(document.cookie)')" });
    expect(resolveLinkUrl(evil, [WINDOW_OPEN], context)).toBeUndefined();
    expect(
      resolveLinkUrl(link({ onclick: "window.open(' JavaScript:alert(1)')" }), [WINDOW_OPEN], context),
    ).toBeUndefined();
  });

  it('keeps only same-site URLs: the page origin or a site the profile matches', () => {
    expect(sameSiteDocumentUrl('https://tep.cantho.gov.vn/a.pdf', context)).toBe(
      'https://tep.cantho.gov.vn/a.pdf',
    );
    expect(sameSiteDocumentUrl('https://evil.example/a.pdf', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('//evil.example/a.pdf', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('https://qlvb.cantho.gov.vn/a.pdf', context)).toBeUndefined();
    const offsite = link({ onclick: "window.open('https://evil.example/Handlers/DownloadFile.ashx?fid=1')" });
    expect(resolveLinkUrl(offsite, [WINDOW_OPEN], context)).toBeUndefined();
  });

  it('refuses data:, blob:, file: URLs and URLs with credentials', () => {
    expect(sameSiteDocumentUrl('data:application/pdf;base64,JVBERi0=', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('blob:http://qlvb.cantho.gov.vn/1234', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('file:///etc/passwd', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('http://user:pw@qlvb.cantho.gov.vn/a.pdf', context)).toBeUndefined();
    expect(sameSiteDocumentUrl('http://[::1', context)).toBeUndefined();
  });

  it('a rule whose attribute is missing or empty, or whose capture did not take part, does not apply', () => {
    expect(resolveLinkUrl(link({ 'data-fid': '' }), [DATA_FID], context)).toBeUndefined();
    const optional: LinkUrlRule = { from: 'onclick', pattern: "open\\('([^']+)'\\)|x", url: '$1' };
    expect(resolveLinkUrl(link({ onclick: 'x' }), [optional], context)).toBeUndefined();
  });
});

describe('URL rules in the profile schema', () => {
  const base = {
    id: 'webforms',
    name: 'Cổng WebForms',
    version: 1,
    matches: ['http://qlvb.cantho.gov.vn/*'],
    documents: { row: 'tr', pdfLink: 'a' },
  };
  const withRules = (url: unknown) =>
    portalProfileSchema.safeParse({ ...base, documents: { ...base.documents, url } });

  it('accepts templates and attribute patterns', () => {
    expect(withRules([WINDOW_OPEN, DATA_FID]).success).toBe(true);
  });

  it('refuses a pattern that does not compile, unknown keys, mixed shapes and bad placeholders', () => {
    expect(withRules([{ from: 'onclick', pattern: '(', url: '$1' }]).success).toBe(false);
    expect(withRules([{ ...DATA_FID, from: 'href' }]).success).toBe(false);
    expect(withRules([{ urlTemplate: '/x?fid={data fid}' }]).success).toBe(false);
    expect(withRules([{ urlTemplate: '/x?fid={data-fid' }]).success).toBe(false);
    expect(withRules([{ from: 'on click', pattern: 'x', url: '$1' }]).success).toBe(false);
    expect(withRules([]).success).toBe(false);
  });
});
