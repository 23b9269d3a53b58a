import browser, { type Runtime } from 'webextension-polyfill';
import { LANGUAGE_KEY } from '../i18n/language.js';
import { isContentRequest } from '../messaging/messages.js';
import { isPageRequest } from '../messaging/page-requests.js';
import { sameSiteDocumentUrl } from '../profile/link-url.js';
import { samePortalPage } from '../profile/registration-page.js';
import type { PortalProfile } from '../profile/schema.js';
import { createBrowserClient } from './daemon/browser-client.js';
import { daemonStatus } from './daemon-status.js';
import { openFlowWindow } from './flow-window.js';
import { watchManagedPolicy } from './managed-policy.js';
import { watchPortalScripts } from './portal-scripts.js';
import { previewOnTab } from './profile-preview.js';
import { batchSigningAllowed, resolveTab } from './profiles.js';
import { openRegistration } from './registration-open.js';
import { openReport, verifyUrl } from './verify-service.js';

const daemon = createBrowserClient();
watchManagedPolicy();
watchPortalScripts();

/**
 * Only this extension's own content scripts and pages may talk to the background; a content script's
 * tab must be on a portal an enabled profile (or the allowlist) covers, and every document URL it names
 * must be an http(s) URL on that same origin or on a site the profile's matches list.
 */
async function checkedSender(
  sender: Runtime.MessageSender,
): Promise<{ tabUrl: string; profile?: PortalProfile } | undefined> {
  if (sender.id !== browser.runtime.id) return undefined;
  const tabUrl = sender.tab?.url;
  if (!tabUrl) return undefined;
  const resolved = await resolveTab(tabUrl);
  return resolved.allowed
    ? { tabUrl, ...(resolved.profile ? { profile: resolved.profile } : {}) }
    : undefined;
}

/** An extension page (popup, options, side panel, confirmation window): its URL is on our own origin. */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('')) === true;
}

async function onPageRequest(message: unknown, sender: Runtime.MessageSender): Promise<unknown> {
  if (!isPageRequest(message) || !fromExtensionPage(sender)) return undefined;
  if (message.type === 'daemon.reset') {
    daemon.reset();
    return { ok: true };
  }
  if (message.type === 'profile.preview') return previewOnTab(message.tabId, message.profile);
  return daemonStatus(daemon);
}

browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender) => {
  if (isPageRequest(message)) return onPageRequest(message, sender);
  if (!isContentRequest(message)) return undefined;
  if (message.type === 'profile.get') {
    if (sender.id !== browser.runtime.id || !sender.tab?.url) return { allowed: false };
    return { ...(await resolveTab(sender.tab.url)), batchSigning: await batchSigningAllowed() };
  }
  const checked = await checkedSender(sender);
  if (!checked) return { ok: false };
  const urls = message.type === 'flow.open' ? message.urls : [message.url];
  const context = { pageUrl: checked.tabUrl, matches: checked.profile?.matches ?? [] };
  if (!urls.every((u) => sameSiteDocumentUrl(u, context) === u)) return { ok: false };
  if (message.type === 'verify.url') return verifyUrl(daemon, message.url);
  if (message.type === 'report.open' || message.flow === 'verify') {
    await openReport(daemon, urls[0] ?? '', sender.tab?.id);
    return { ok: true };
  }
  if (message.flow === 'register') {
    // The profile must offer "Vào sổ"; the side panel's registration then pre-fills from the report.
    if (!checked.profile?.flows.register) return { ok: false };
    // A registration page named by the row's values: only on the portal tab's own origin.
    const page = message.page === undefined ? undefined : samePortalPage(message.page, checked.tabUrl);
    if (message.page !== undefined && !page) return { ok: false };
    await openRegistration(daemon, urls[0] ?? '', sender.tab?.id, {
      ...(message.outgoing !== undefined ? { outgoing: message.outgoing } : {}),
      ...(page ? { page } : {}),
    });
    return { ok: true };
  }
  // "Chuyển PDF" only where the profile offers it, for one DOCX draft at a time.
  if (message.flow === 'convert' && (!checked.profile?.flows.convert || urls.length !== 1))
    return { ok: false };
  await openFlowWindow(message.flow, message.urls, sender.tab?.id);
  return { ok: true };
});

// A new manual pairing (options page) replaces the connection made with the old secret; a new
// language, the one whose hello worded the daemon's warnings in the old language.
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && ('manualPairing' in changes || LANGUAGE_KEY in changes)) daemon.reset();
});
