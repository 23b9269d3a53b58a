import browser from 'webextension-polyfill';
import { CURRENT_REPORT_KEY, reportKey, type StoredReport } from '../../verify/stored-report.js';

/**
 * The portal document the clerk chose: named in the address (#doc=…), else the one whose
 * verification report the side panel last showed (the badge next to the portal's link).
 */
export async function chosenDocumentUrl(): Promise<string | undefined> {
  const params = new URLSearchParams(location.hash.slice(1));
  const doc = params.get('doc');
  if (doc) return doc;
  const sha =
    params.get('report') ?? (await browser.storage.session.get(CURRENT_REPORT_KEY))[CURRENT_REPORT_KEY];
  if (typeof sha !== 'string' || !sha) return undefined;
  const stored = (await browser.storage.session.get(reportKey(sha)))[reportKey(sha)] as
    | StoredReport
    | undefined;
  return stored?.url;
}

/** The portal tab the document belongs to (the most recently used tab on its origin). */
export async function portalTabOf(url: string): Promise<number | undefined> {
  const tabs = await browser.tabs.query({ url: `${new URL(url).origin}/*` });
  return tabs.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0]?.id;
}
