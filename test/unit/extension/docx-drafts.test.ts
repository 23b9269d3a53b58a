import { describe, expect, it } from 'vitest';
import { findDocxDrafts } from '../../../extension/src/content/docx-drafts.js';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import type { PortalProfile } from '../../../extension/src/profile/schema.js';
import { flowsForRole } from '../../../extension/src/profile/user-role.js';
import { pdfNameOf } from '../../../extension/src/ui/convert/load-draft.js';

const PAGE = 'http://127.0.0.1:3000/van-ban/dt-002';

/** A page as the finder sees it: rows answering their selector, links answering theirs with an href. */
function pageWith(rows: { selector: string; links: Record<string, string[]> }[]): ParentNode {
  const rowEls = rows.map((r) => ({
    querySelectorAll: (sel: string) =>
      (r.links[sel] ?? []).map((href) => ({ getAttribute: (n: string) => (n === 'href' ? href : null) })),
  }));
  return {
    querySelectorAll: (sel: string) => rowEls.filter((_, i) => rows[i]!.selector === sel),
  } as unknown as ParentNode;
}

const DRAFT_PAGE = pageWith([
  { selector: 'table.ds-van-ban tr.van-ban', links: { 'a.tep-pdf': ['/tep/dt-002.pdf'] } },
  {
    selector: 'table.ds-van-ban tr.van-ban',
    links: { 'a.tep-docx': ['/tep/dt-002.docx', 'https://elsewhere.example/x.docx'] },
  },
]);

describe('"Chuyển PDF" is offered on DOCX drafts only', () => {
  it('finds the rows’ DOCX links on the portal, not the PDF links nor another site', () => {
    expect(findDocxDrafts(DRAFT_PAGE, DEMO_PORTAL_PROFILE, PAGE).map((d) => d.url)).toEqual([
      'http://127.0.0.1:3000/tep/dt-002.docx',
    ]);
  });

  it('offers nothing unless the profile turns the flow on and names the link', () => {
    const off: PortalProfile = {
      ...DEMO_PORTAL_PROFILE,
      flows: { ...DEMO_PORTAL_PROFILE.flows, convert: false },
    };
    expect(findDocxDrafts(DRAFT_PAGE, off, PAGE)).toEqual([]);
    const { docxLink: _, ...documents } = DEMO_PORTAL_PROFILE.documents;
    expect(findDocxDrafts(DRAFT_PAGE, { ...DEMO_PORTAL_PROFILE, documents }, PAGE)).toEqual([]);
  });

  it('belongs to those who draft and issue: văn thư and chuyên viên, not lãnh đạo', () => {
    expect(flowsForRole(['convert'], 'vanthu')).toEqual(['convert']);
    expect(flowsForRole(['convert'], 'chuyenvien')).toEqual(['convert']);
    expect(flowsForRole(['convert'], 'lanhdao')).toEqual([]);
  });

  it('the PDF keeps the draft’s name', () => {
    expect(pdfNameOf('du-thao-qd.docx')).toBe('du-thao-qd.pdf');
    expect(pdfNameOf('Tờ trình.DOCX')).toBe('Tờ trình.pdf');
    expect(pdfNameOf('.docx')).toBe('du-thao.pdf');
  });
});
