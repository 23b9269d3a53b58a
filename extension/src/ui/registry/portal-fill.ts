import browser from 'webextension-polyfill';
import type { FillRequest } from '../../messaging/messages.js';

export interface FillReply {
  filled?: string[];
  notFilled?: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the registration to the portal tab's content script. A registration page that "Vào sổ" opened
 * may still be loading, and its content script starts only after the load: the fill waits for the tab,
 * then retries until the script answers (15 s for a loading tab, 1.5 s for one already loaded).
 */
export async function fillPortalTab(tabId: number, message: FillRequest): Promise<FillReply | undefined> {
  const first = await browser.tabs.get(tabId).catch(() => undefined);
  if (!first) return undefined;
  const deadline = Date.now() + (first.status === 'complete' ? 1_500 : 15_000);
  for (;;) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab) return undefined;
    if (tab.status === 'complete') {
      const reply = (await browser.tabs.sendMessage(tabId, message).catch(() => undefined)) as
        | FillReply
        | undefined;
      if (reply !== undefined) return reply;
    }
    if (Date.now() > deadline) return undefined;
    await sleep(250);
  }
}
