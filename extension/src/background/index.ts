import browser, { type Runtime } from 'webextension-polyfill';
import { isContentRequest } from '../messaging/messages.js';
import { resolveTab } from './profiles.js';
import { openFlowWindow } from './flow-window.js';

/**
 * Only this extension's own content scripts and pages may talk to the background; a content script's
 * tab must be on a portal an enabled profile (or the allowlist) covers, and every document URL it names
 * must be on that same origin.
 */
async function checkedSender(sender: Runtime.MessageSender): Promise<string | undefined> {
  if (sender.id !== browser.runtime.id) return undefined;
  const tabUrl = sender.tab?.url;
  if (!tabUrl) return undefined;
  return (await resolveTab(tabUrl)).allowed ? tabUrl : undefined;
}

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  if (!isContentRequest(message)) return undefined;
  const tabUrl = await checkedSender(sender);
  if (message.type === 'profile.get') {
    if (sender.id !== browser.runtime.id || !sender.tab?.url) return { allowed: false };
    return resolveTab(sender.tab.url);
  }
  if (!tabUrl) return { ok: false };
  const origin = new URL(tabUrl).origin;
  if (!message.urls.every((u) => new URL(u).origin === origin)) return { ok: false };
  await openFlowWindow(message.flow, message.urls, sender.tab?.id);
  return { ok: true };
});
