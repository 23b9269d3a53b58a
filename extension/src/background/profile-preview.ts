import browser from 'webextension-polyfill';
import type { PreviewRequest } from '../messaging/messages.js';
import type { PreviewAnswer } from '../messaging/page-requests.js';
import { checkProfile } from '../profile/check.js';
import { urlMatches } from '../profile/match.js';
import type { ProfilePreview } from '../profile/preview.js';

/**
 * The options page's "test on this page": validates the draft with the schema here, then has the
 * tab's content script run its selectors. Nothing is stored, and the page itself never sees the draft
 * (content scripts live in an isolated world).
 */
export async function previewOnTab(tabId: number, draft: unknown): Promise<PreviewAnswer> {
  const checked = checkProfile(draft);
  if (!checked.ok) return checked;
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.url) {
    return {
      ok: false,
      errors: ['Không đọc được trang của thẻ này (tiện ích chưa được cấp quyền cho cổng).'],
    };
  }
  const request: PreviewRequest = { type: 'preview.run', profile: checked.profile };
  const ask = () =>
    browser.tabs.sendMessage(tabId, request, { frameId: 0 }).catch(() => undefined) as Promise<
      ProfilePreview | undefined
    >;
  let preview = await ask();
  if (!preview?.rows) {
    // A granted portal no saved profile covers yet has no content script: run it once for the preview
    // (it decorates nothing there, profile.get refuses the page).
    const injected = await browser.scripting
      .executeScript({ target: { tabId, frameIds: [0] }, files: ['content.js'] })
      .then(
        () => true,
        () => false,
      );
    if (injected) preview = await ask();
  }
  if (!preview?.rows) {
    return {
      ok: false,
      errors: [
        `Tiện ích chưa chạy trên ${tab.url}: tải lại trang, hoặc cấp quyền truy cập cổng này rồi thử lại.`,
      ],
    };
  }
  return { ok: true, url: tab.url, matchesPage: urlMatches(checked.profile.matches, tab.url), preview };
}
