import browser from 'webextension-polyfill';
import { type ContentRequest, type Flow, isDeliverRequest, isFillRequest } from '../messaging/messages.js';
import { fillRegistration, findDocuments, findPdfLinks } from '../profile/engine.js';
import type { PortalProfile } from '../profile/schema.js';
import { decorate } from './decorate.js';
import { deliver } from './deliver.js';

// The background validates profiles and answers for this tab; the content script stays small (no zod, no React).
function requestFlow(flow: Flow, url: string): void {
  const message: ContentRequest = { type: 'flow.open', flow, urls: [url] };
  void browser.runtime.sendMessage(message);
}

async function main(): Promise<void> {
  const pageUrl = location.href;
  const request: ContentRequest = { type: 'profile.get', url: pageUrl };
  const answer = (await browser.runtime.sendMessage(request)) as {
    profile?: PortalProfile;
    allowed: boolean;
  };
  if (!answer?.allowed) return;
  const profile = answer.profile;
  const run = () => {
    if (profile) {
      const flows = (['sign', 'numberSeal', 'verify'] as const).filter((f) => profile.flows[f]);
      decorate(findDocuments(document, profile, pageUrl), flows, requestFlow, profile.documents.actions);
    } else {
      decorate(findPdfLinks(document, pageUrl), ['verify'], requestFlow);
    }
  };
  run();
  // Only the extension itself can send runtime messages to a content script; pages cannot.
  browser.runtime.onMessage.addListener(async (message: unknown) => {
    if (isFillRequest(message)) {
      return { filled: profile ? fillRegistration(document, profile, message.values) : [] };
    }
    if (!isDeliverRequest(message)) return undefined;
    return { result: deliver(profile, message.filename, message.base64) };
  });
  new MutationObserver(run).observe(document.body, { childList: true, subtree: true });
}

void main();
