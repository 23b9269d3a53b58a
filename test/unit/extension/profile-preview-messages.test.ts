import { describe, expect, it } from 'vitest';
import { isContentRequest, isPreviewRequest } from '../../../extension/src/messaging/messages.js';
import { isPageRequest } from '../../../extension/src/messaging/page-requests.js';
import { isPanelTabRequest } from '../../../extension/src/messaging/panel-tab.js';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { checkProfile } from '../../../extension/src/profile/check.js';
import { portalProfileSchema } from '../../../extension/src/profile/schema.js';

describe('"Vào sổ" flow and the profile preview messages', () => {
  it('flows.register is optional and off unless a profile sets it; the demo profile sets it', () => {
    const { register: _r, ...flows } = DEMO_PORTAL_PROFILE.flows;
    const parsed = portalProfileSchema.parse({ ...DEMO_PORTAL_PROFILE, flows });
    expect(parsed.flows.register).toBeUndefined();
    expect(DEMO_PORTAL_PROFILE.flows.register).toBe(true);
    const bad = portalProfileSchema.safeParse({
      ...DEMO_PORTAL_PROFILE,
      flows: { ...flows, register: 'yes' },
    });
    expect(bad.success).toBe(false);
  });

  it('checkProfile returns the parsed profile or path-prefixed errors', () => {
    expect(checkProfile(DEMO_PORTAL_PROFILE)).toEqual({ ok: true, profile: DEMO_PORTAL_PROFILE });
    const bad = checkProfile({ ...DEMO_PORTAL_PROFILE, documents: { row: '' } }, '[2] ');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[2\] documents\.row: /),
        expect.stringMatching(/^\[2\] documents\.pdfLink: /),
      ]),
    );
  });

  it('content requests accept the register flow and nothing unknown', () => {
    expect(
      isContentRequest({ type: 'flow.open', flow: 'register', urls: ['http://127.0.0.1/tep/a.pdf'] }),
    ).toBe(true);
    expect(isContentRequest({ type: 'flow.open', flow: 'delete', urls: [] })).toBe(false);
    expect(isContentRequest({ type: 'flow.open', flow: 'register', urls: [1] })).toBe(false);
  });

  it('a preview request names an integer tab; the content script only runs a profile object', () => {
    expect(isPageRequest({ type: 'profile.preview', tabId: 7, profile: {} })).toBe(true);
    expect(isPageRequest({ type: 'profile.preview', tabId: '7', profile: {} })).toBe(false);
    expect(isPageRequest({ type: 'profile.preview', profile: {} })).toBe(false);
    expect(isPreviewRequest({ type: 'preview.run', profile: DEMO_PORTAL_PROFILE })).toBe(true);
    expect(isPreviewRequest({ type: 'preview.run', profile: null })).toBe(false);
    expect(isPreviewRequest({ type: 'profile.preview', profile: DEMO_PORTAL_PROFILE })).toBe(false);
  });

  it('the side panel follows only well-formed tab requests', () => {
    expect(isPanelTabRequest({ tab: 'incoming', at: 1 })).toBe(true);
    expect(isPanelTabRequest({ tab: 'incoming' })).toBe(false);
    expect(isPanelTabRequest('incoming')).toBe(false);
    expect(isPanelTabRequest(null)).toBe(false);
  });
});
