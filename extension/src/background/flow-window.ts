import browser from 'webextension-polyfill';
import type { Flow } from '../messaging/messages.js';

/**
 * Opens the extension-owned window for a flow (signing.html; convert.html for "Chuyển PDF"); the page's
 * DOM never shows consent UI.
 */
export async function openFlowWindow(
  flow: Exclude<Flow, 'verify' | 'register'>,
  urls: readonly string[],
  tabId: number | undefined,
): Promise<void> {
  const params = new URLSearchParams({ flow });
  for (const u of urls) params.append('u', u);
  if (tabId !== undefined) params.set('tab', String(tabId));
  await browser.windows.create({
    url: browser.runtime.getURL(`${flow === 'convert' ? 'convert' : 'signing'}.html?${params.toString()}`),
    type: 'popup',
    width: flow === 'convert' ? 560 : 980,
    height: flow === 'convert' ? 360 : 820,
  });
}
