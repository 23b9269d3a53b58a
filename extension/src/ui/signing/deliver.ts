import browser from 'webextension-polyfill';
import type { DeliverRequest } from '../../messaging/messages.js';
import { downloadPdf } from '../../dom/download.js';
import { encodeBase64 } from '../../messaging/base64.js';

/** "qd-12.pdf" → "qd-12-da-ky.pdf": the portal keeps the signed copy under a telling name. */
export function signedName(name: string, suffix: string): string {
  const base = name.replace(/\.pdf$/i, '');
  return `${base}-${suffix}.pdf`;
}

/**
 * Hands the signed PDF back to the portal tab, whose content script puts it into the profile's upload
 * input (or downloads it). Runtime messages carry JSON only, so this one hop is base64; without a tab
 * the window downloads the file itself.
 */
export async function deliverToPortal(
  tabId: number | undefined,
  filename: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<'uploaded' | 'downloaded'> {
  if (tabId !== undefined) {
    const message: DeliverRequest = { type: 'document.deliver', filename, base64: encodeBase64(bytes) };
    const answer = (await browser.tabs.sendMessage(tabId, message).catch(() => undefined)) as
      | { result?: 'uploaded' | 'downloaded' }
      | undefined;
    if (answer?.result) return answer.result;
  }
  downloadPdf(document, bytes, filename);
  return 'downloaded';
}
