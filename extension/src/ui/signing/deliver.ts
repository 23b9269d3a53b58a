import browser from 'webextension-polyfill';
import { downloadPdf } from '../../dom/download.js';
import { deliveryMessages } from './delivery-messages.js';

/** "qd-12.pdf" → "qd-12-da-ky.pdf": the portal keeps the signed copy under a telling name. */
export function signedName(name: string, suffix: string): string {
  const base = name.replace(/\.pdf$/i, '');
  return `${base}-${suffix}.pdf`;
}

/**
 * Hands the signed PDF back to the portal tab, whose content script puts it into the profile's upload
 * input (or downloads it). Runtime messages carry JSON only, so this one hop is base64, in parts for a
 * large file; without a tab the window downloads the file itself.
 */
export async function deliverToPortal(
  tabId: number | undefined,
  filename: string,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<'uploaded' | 'downloaded'> {
  if (tabId !== undefined) {
    let answer: { result?: 'uploaded' | 'downloaded' } | undefined;
    try {
      for (const message of deliveryMessages(filename, bytes, crypto.randomUUID())) {
        answer = (await browser.tabs.sendMessage(tabId, message)) as typeof answer;
      }
    } catch {
      answer = undefined;
    }
    if (answer?.result) return answer.result;
  }
  downloadPdf(document, bytes, filename);
  return 'downloaded';
}
