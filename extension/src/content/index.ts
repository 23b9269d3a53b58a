import browser from 'webextension-polyfill';
import {
  type ContentRequest,
  type Flow,
  isDeliverPart,
  isDeliverRequest,
  isFillRequest,
  isPreviewRequest,
} from '../messaging/messages.js';
import { fillRegistration, type FoundDocument, findDocuments, findPdfLinks } from '../profile/engine.js';
import { previewProfile } from '../profile/preview.js';
import type { PortalProfile } from '../profile/schema.js';
import { decorate, showBadge } from './decorate.js';
import { deliver } from './deliver.js';
import { acceptPart, takeDocument } from './transfers.js';
import { createVerifyQueue } from './verify-queue.js';

const selected = new Set<string>();

// The background validates profiles and answers for this tab; the content script stays small (no zod, no React).
function requestFlow(flow: Flow, url: string): void {
  // With batch signing allowed, a sign button signs the clicked document and every selected one.
  const urls =
    flow === 'sign' || flow === 'numberSeal' ? [url, ...[...selected].filter((u) => u !== url)] : [url];
  const message: ContentRequest = { type: 'flow.open', flow, urls };
  void browser.runtime.sendMessage(message);
}

function openReport(url: string): void {
  const message: ContentRequest = { type: 'report.open', url };
  void browser.runtime.sendMessage(message);
}

async function main(): Promise<void> {
  const pageUrl = location.href;
  const request: ContentRequest = { type: 'profile.get', url: pageUrl };
  const answer = (await browser.runtime.sendMessage(request)) as {
    profile?: PortalProfile;
    allowed: boolean;
    batchSigning?: boolean;
  };
  if (!answer?.allowed) return;
  const profile = answer.profile;
  const links = new Map<string, Element[]>();
  const queue = createVerifyQueue((url, badge) => {
    for (const link of links.get(url) ?? []) showBadge(link, badge);
  });
  const hooks = {
    selectable: answer.batchSigning === true,
    onSelect: (url: string, on: boolean) => (on ? selected.add(url) : selected.delete(url)),
    onBadge: openReport,
  };
  const track = (docs: FoundDocument[]) => {
    for (const doc of docs) {
      const list = links.get(doc.url) ?? [];
      if (!list.includes(doc.link)) list.push(doc.link);
      links.set(doc.url, list);
      queue.add(doc.url);
    }
  };
  const run = () => {
    if (profile) {
      const flows = (['sign', 'numberSeal', 'verify', 'register'] as const).filter((f) => profile.flows[f]);
      const docs = findDocuments(document, profile, pageUrl);
      if (decorate(docs, flows, requestFlow, profile.documents.actions, hooks) > 0 && profile.flows.verify) {
        track(docs);
      }
    } else {
      const docs = findPdfLinks(document, pageUrl);
      if (decorate(docs, ['verify'], requestFlow, undefined, hooks) > 0) track(docs);
    }
  };
  run();
  // Only the extension itself can send runtime messages to a content script; pages cannot.
  // Answers (a promise) only the messages it handles, so other listeners' answers are not pre-empted.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isFillRequest(message)) {
      return Promise.resolve({ filled: profile ? fillRegistration(document, profile, message.values) : [] });
    }
    if (isDeliverPart(message)) {
      acceptPart(message);
      return Promise.resolve({ ok: true });
    }
    if (!isDeliverRequest(message)) return undefined;
    const bytes = takeDocument(message);
    return Promise.resolve(
      bytes ? { result: deliver(profile, message.filename, bytes) } : { error: 'incomplete transfer' },
    );
  });
  new MutationObserver(run).observe(document.body, { childList: true, subtree: true });
}

// The options page's preview runs on any page this script is on, even one no saved profile covers yet.
browser.runtime.onMessage.addListener((message: unknown) =>
  isPreviewRequest(message)
    ? Promise.resolve(previewProfile(document, message.profile, location.href))
    : undefined,
);
void main();
