import { toVanthuError } from '@vanthu/shared/errors/index';
import { type VerifyResult, verifyResultSchema } from '@vanthu/shared/protocol/index';
import browser from 'webextension-polyfill';
import { errorLine } from '../i18n/errors.js';
import { say, setUiLanguage } from '../i18n/language.js';
import { storedLanguage } from '../i18n/load-language.js';
import { PANEL_TAB_KEY, type PanelTabRequest } from '../messaging/panel-tab.js';
import { documentName } from '../net/document-name.js';
import type { VerifyBadge } from '../messaging/verify-badge.js';
import { CURRENT_REPORT_KEY, reportKey, type StoredReport } from '../verify/stored-report.js';
import { badgeFor } from '../verify/summary.js';
import type { DaemonClient } from './daemon/client.js';
import { sha256Hex } from './daemon/proof.js';

async function storedReport(sha256: string | undefined): Promise<VerifyResult | undefined> {
  if (!sha256) return undefined;
  const stored = (await browser.storage.session.get(reportKey(sha256)))[reportKey(sha256)] as
    | StoredReport
    | undefined;
  const parsed = verifyResultSchema.safeParse(stored?.report);
  return parsed.success ? parsed.data : undefined;
}

/** storage.session key of the SHA-256 last seen behind a document URL. */
const urlKey = (url: string) => `url:${url}`;

async function fetchPdf(url: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; name: string }> {
  const res = await fetch(url, { credentials: 'include' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // An expired portal session answers with its login page: that is not the document.
  if (String.fromCharCode(...bytes.subarray(0, 5)) !== '%PDF-') throw new Error('not a PDF');
  // A download handler (DownloadFile.ashx?fid=3) names the file in Content-Disposition only.
  return { bytes, name: documentName(res.headers.get('content-disposition'), url) };
}

/**
 * Fetches the PDF with the portal session, and verifies it through the daemon unless a report for the
 * same bytes (SHA-256) is already cached in storage.session for this browser session.
 */
export async function verifyUrl(client: DaemonClient, url: string): Promise<VerifyBadge> {
  // Badges speak the language chosen in the options, read afresh: the worker outlives a change.
  setUiLanguage(await storedLanguage());
  let bytes: Uint8Array<ArrayBuffer>;
  let name: string;
  try {
    ({ bytes, name } = await fetchPdf(url));
  } catch (e) {
    return {
      state: 'unknown',
      label: say('Không tải được tệp', 'Cannot load the file'),
      title: say(`Không tải được ${url}: ${String(e)}`, `Cannot load ${url}: ${String(e)}`),
    };
  }
  const sha256 = await sha256Hex(bytes);
  const cached = (await browser.storage.session.get(reportKey(sha256)))[reportKey(sha256)] as
    | StoredReport
    | undefined;
  await browser.storage.session.set({ [urlKey(url)]: sha256 });
  if (cached && verifyResultSchema.safeParse(cached.report).success) return badgeFor(cached.report);
  try {
    const { result } = await client.request(
      'verify',
      { document: { bytes: bytes.length, sha256 } },
      { document: bytes },
    );
    const stored: StoredReport = { url, name, checkedAt: new Date().toISOString(), report: result };
    await browser.storage.session.set({ [reportKey(sha256)]: stored });
    return badgeFor(result);
  } catch (e) {
    const error = toVanthuError(e);
    return {
      state: 'unknown',
      label: say('Chưa kiểm tra được', 'Not checked'),
      title: errorLine(error),
      sha256,
    };
  }
}

/** A side-panel tab for a document: fixed, or chosen from its verification report ("Vào sổ"). */
export type PanelTabChoice = 'report' | ((report: VerifyResult | undefined) => 'incoming' | 'outgoing');

/**
 * Points the side panel at the report of the PDF behind `url` and opens it next to the portal tab, on
 * the report tab or (for "Vào sổ") on the registration the report's document calls for, which pre-fills
 * from that document.
 */
export async function openReport(
  client: DaemonClient,
  url: string,
  tabId: number | undefined,
  choice: PanelTabChoice = 'report',
): Promise<void> {
  const openPanel =
    tabId === undefined ? Promise.reject(new Error('no tab')) : chrome.sidePanel.open({ tabId });
  // sidePanel.open must run while the click's user gesture is still valid: start it before any await.
  const opened = await openPanel.then(
    () => true,
    () => false,
  );
  const pointAt = (tab: string) => {
    const request: PanelTabRequest = { tab, at: Date.now() };
    return browser.storage.session.set({ [PANEL_TAB_KEY]: request });
  };
  if (choice === 'report') await pointAt(choice);
  // The document behind the URL as it is now (the portal may have replaced it since its badge was
  // made): a report cached for the same bytes is reused, and only when the fetch fails is the last one
  // seen behind the URL shown.
  const lastSeen = (await browser.storage.session.get(urlKey(url)))[urlKey(url)] as string | undefined;
  const sha256 = (await verifyUrl(client, url)).sha256 ?? lastSeen;
  // A registration's book follows the document: known only once its report is.
  const panelTab = choice === 'report' ? choice : choice(await storedReport(sha256));
  if (choice !== 'report') await pointAt(panelTab);
  await browser.storage.session.set({ [CURRENT_REPORT_KEY]: sha256 ?? null });
  if (!opened) {
    // Without a side panel (or a gesture), the same page opens in a small extension window.
    await browser.windows.create({
      url: browser.runtime.getURL(`sidepanel.html#tab=${panelTab}&report=${sha256 ?? ''}`),
      type: 'popup',
      width: 480,
      height: 800,
    });
  }
}
