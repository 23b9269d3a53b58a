import browser from 'webextension-polyfill';
import type { Flow } from '../messaging/messages.js';

/** Opens the extension-owned confirmation window for a flow; the page's DOM never shows consent UI. */
export async function openFlowWindow(
  flow: Exclude<Flow, 'verify' | 'register'>,
  urls: readonly string[],
  tabId: number | undefined,
): Promise<void> {
  const params = new URLSearchParams({ flow });
  for (const u of urls) params.append('u', u);
  if (tabId !== undefined) params.set('tab', String(tabId));
  await browser.windows.create({
    url: browser.runtime.getURL(`signing.html?${params.toString()}`),
    type: 'popup',
    width: 980,
    height: 820,
  });
}
