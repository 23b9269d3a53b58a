import browser from 'webextension-polyfill';
import { registrationBook } from '../profile/registration-book.js';
import type { DaemonClient } from './daemon/client.js';
import { openReport } from './verify-service.js';

/**
 * "Vào sổ": the side panel opens on the book the row and the document call for (outgoing for a draft
 * or an outgoing document, incoming for an arrival), pre-filled from the document; a portal whose form
 * is on its own page (`registration.page`, already checked to be on the tab's origin) shows that page
 * in the same tab, where the registration the clerk saves is then filled in.
 */
export async function openRegistration(
  client: DaemonClient,
  url: string,
  tabId: number | undefined,
  hints: { readonly outgoing?: boolean; readonly page?: string },
): Promise<void> {
  await openReport(client, url, tabId, (report) => registrationBook(hints.outgoing, report?.signatures));
  if (hints.page && tabId !== undefined) await browser.tabs.update(tabId, { url: hints.page });
}
