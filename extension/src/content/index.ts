import browser from 'webextension-polyfill';
import { setUiLanguage } from '../i18n/language.js';
import { storedLanguage } from '../i18n/load-language.js';
import {
  type ContentRequest,
  type Flow,
  isDeliverPart,
  isDeliverRequest,
  isFillRequest,
  isPreviewRequest,
  isRecheckRequest,
} from '../messaging/messages.js';
import { type FoundDocument, findDocuments, findPdfLinks, findViewers } from '../profile/engine.js';
import { previewProfile } from '../profile/preview.js';
import { fillRegistration } from '../profile/registration-fill.js';
import type { PortalProfile } from '../profile/schema.js';
import {
  flowsForRole,
  isUserRole,
  portalUserRole,
  USER_ROLE_KEY,
  type UserRole,
} from '../profile/user-role.js';
import { type DecorateOptions, decorate, reconcile, showVerdict, withdraw } from './decorate.js';
import { deliver } from './deliver.js';
import { findDocxDrafts } from './docx-drafts.js';
import { registrationHints } from './registration-hints.js';
import { acceptPart, takeDocument } from './transfers.js';
import { createVerifyQueue } from './verify-queue.js';

const selected = new Set<string>();

// The background validates profiles and answers for this tab; the content script stays small (no zod, no React).
function requestFlow(flow: Flow, url: string, hints: { outgoing?: boolean; page?: string } = {}): void {
  // With batch signing allowed, a sign button signs the clicked document and every selected one.
  const urls =
    flow === 'sign' || flow === 'numberSeal' ? [url, ...[...selected].filter((u) => u !== url)] : [url];
  const message: ContentRequest = { type: 'flow.open', flow, urls, ...hints };
  void browser.runtime.sendMessage(message);
}

function openReport(url: string): void {
  const message: ContentRequest = { type: 'report.open', url };
  void browser.runtime.sendMessage(message);
}

interface Running {
  /** The background's answer this run decorates with: a different one (profile edited) restarts it. */
  readonly answer: string;
  readonly observer: MutationObserver;
  readonly listener: (message: unknown) => Promise<unknown> | undefined;
}
let running: Running | undefined;

async function askProfile(): Promise<{ profile?: PortalProfile; allowed: boolean; batchSigning?: boolean }> {
  const request: ContentRequest = { type: 'profile.get', url: location.href };
  const answer = (await browser.runtime.sendMessage(request)) as
    | { profile?: PortalProfile; allowed: boolean; batchSigning?: boolean }
    | undefined;
  return answer ?? { allowed: false };
}

async function pickedRole(): Promise<UserRole | undefined> {
  const stored = (await browser.storage.local.get(USER_ROLE_KEY))[USER_ROLE_KEY];
  return isUserRole(stored) ? stored : undefined;
}

/** Removes everything this script added once the portal is no longer served (access removed). */
function stop(): void {
  if (!running) return;
  running.observer.disconnect();
  browser.runtime.onMessage.removeListener(running.listener);
  running = undefined;
  selected.clear();
  withdraw();
}

/** Asks the background whether this page is served, and starts or stops accordingly. */
async function checkOnce(): Promise<void> {
  // The buttons speak the language chosen in the options (the portal page's own lang is left alone).
  setUiLanguage(await storedLanguage());
  const answer = await askProfile();
  if (!answer.allowed) {
    stop();
    return;
  }
  const profile = answer.profile;
  // Each role sees only its flows: the role the portal shows (profile mapping), else the one picked in the options.
  const role = (profile && portalUserRole(document, profile.userRole)) ?? (await pickedRole());
  const key = JSON.stringify({ answer, role });
  if (running?.answer === key) return;
  // The profile or the role changed in the meantime: withdraw the old buttons, decorate anew.
  stop();
  const pageUrl = location.href;
  const queue = createVerifyQueue(showVerdict);
  const flows = profile
    ? flowsForRole(
        (['sign', 'numberSeal', 'verify', 'register'] as const).filter((f) => profile.flows[f]),
        role,
      )
    : (['verify'] as const);
  const verifying = profile ? profile.flows.verify : true;
  // Document rows and embedded viewers as the page shows them now (links re-resolved each time).
  const current = (): FoundDocument[] =>
    profile
      ? [...findDocuments(document, profile, pageUrl), ...findViewers(document, profile, pageUrl)]
      : findPdfLinks(document, pageUrl);
  const options: DecorateOptions = {
    flows,
    // "Vào sổ" also says what the profile knows of the row: outgoing or not, its registration page.
    onAction: (flow, url) =>
      requestFlow(
        flow,
        url,
        flow === 'register'
          ? registrationHints(
              profile,
              current().find((d) => d.url === url),
              pageUrl,
            )
          : {},
      ),
    current,
    ...(profile?.documents.actions ? { actionsSelector: profile.documents.actions } : {}),
    selectable: answer.batchSigning === true,
    onSelect: (url: string, on: boolean) => (on ? selected.add(url) : selected.delete(url)),
    onBadge: openReport,
  };
  // DOCX drafts get only "Chuyển PDF" (when the profile and the role offer it), and are never verified.
  const draftFlows = profile?.flows.convert ? flowsForRole(['convert'], role) : [];
  const drafts = (): FoundDocument[] =>
    profile && draftFlows.length > 0 ? findDocxDrafts(document, profile, pageUrl) : [];
  const draftOptions: DecorateOptions = {
    flows: draftFlows,
    onAction: requestFlow,
    current: drafts,
    ...(profile?.documents.actions ? { actionsSelector: profile.documents.actions } : {}),
    badgeLabel: 'DOCX',
  };
  const run = () => {
    const docs = current();
    const draftDocs = drafts();
    reconcile([...docs, ...draftDocs]);
    decorate(draftDocs, draftOptions);
    const added = decorate(docs, options);
    if (verifying) for (const doc of added) queue.add(doc.url);
  };
  run();
  // Only the extension itself can send runtime messages to a content script; pages cannot.
  // Answers (a promise) only the messages it handles, so other listeners' answers are not pre-empted.
  const listener = (message: unknown) => {
    if (isFillRequest(message)) {
      return Promise.resolve(
        profile ? fillRegistration(document, profile, message.values) : { filled: [], notFilled: [] },
      );
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
  };
  browser.runtime.onMessage.addListener(listener);
  const observer = new MutationObserver(run);
  observer.observe(document.body, { childList: true, subtree: true });
  running = { answer: key, observer, listener };
}

let checking: Promise<void> = Promise.resolve();
// One check at a time: a recheck arriving while the first answer is pending must not start twice.
function check(): Promise<void> {
  checking = checking.then(checkOnce, checkOnce);
  return checking;
}

// The background injects this file into open tabs after a grant; a second copy in the same isolated
// world only asks the first one to check again.
const world = globalThis as { vanthuCheck?: () => Promise<void> };
if (world.vanthuCheck) {
  void world.vanthuCheck();
} else {
  world.vanthuCheck = check;
  // The options page's preview runs on any page this script is on, even one no saved profile covers yet;
  // `access.recheck` comes from the background when a permission or a profile went away.
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isPreviewRequest(message)) {
      return Promise.resolve(previewProfile(document, message.profile, location.href));
    }
    if (isRecheckRequest(message)) return check().then(() => ({ ok: true }));
    return undefined;
  });
  // The role picked in the options changes which flows the rows offer.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && USER_ROLE_KEY in changes) void check();
  });
  void check();
}
