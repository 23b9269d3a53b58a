import browser from 'webextension-polyfill';
import { portalPatterns, registrationStep } from '../profile/origins.js';
import { onLatePolicy } from './managed-policy.js';
import { allowlistedOrigins, loadProfiles } from './profiles.js';

/** The one dynamically registered content script: portals onboarded after the build. */
export const PORTAL_SCRIPT_ID = 'vanthu-portals';
const CONTENT_SCRIPT = 'content.js';

/** Match patterns of the manifest's own content script (the demo origins and any build-time origins). */
function staticMatches(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((cs) => cs.matches ?? []);
}

/** Portal patterns a profile or the allowlist covers and the extension holds a host permission for. */
async function grantedPortalPatterns(): Promise<string[]> {
  const wanted = portalPatterns(await loadProfiles(), await allowlistedOrigins(), staticMatches());
  const held = await Promise.all(
    wanted.map((p) => browser.permissions.contains({ origins: [p] }).catch(() => false)),
  );
  return wanted.filter((_, i) => held[i]);
}

async function registeredMatches(): Promise<string[] | undefined> {
  const [script] = await browser.scripting.getRegisteredContentScripts({ ids: [PORTAL_SCRIPT_ID] });
  return script ? (script.matches ?? []) : undefined;
}

/** Runs the content script once in open tabs of newly covered portals, so nobody has to reload. */
async function injectIntoOpenTabs(patterns: readonly string[]): Promise<void> {
  if (patterns.length === 0) return;
  const tabs = await browser.tabs.query({ url: [...patterns] });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.scripting
            .executeScript({ target: { tabId: tab.id }, files: [CONTENT_SCRIPT] })
            // A tab that navigated away or shows an error page: the registered script covers its next load.
            .catch(() => undefined),
    ),
  );
}

/**
 * Asks every tab's content script to check again whether it may stay (after a permission was removed
 * or a profile changed); tabs without our content script just do not answer.
 */
async function recheckOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : browser.tabs.sendMessage(tab.id, { type: 'access.recheck' }).catch(() => undefined),
    ),
  );
}

async function sync(profilesChanged: boolean): Promise<void> {
  const wanted = await grantedPortalPatterns();
  const current = await registeredMatches();
  const step = registrationStep(current, wanted);
  const script = {
    id: PORTAL_SCRIPT_ID,
    js: [CONTENT_SCRIPT],
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (step.action === 'register') {
    await browser.scripting.registerContentScripts([{ ...script, matches: [...step.matches] }]);
  } else if (step.action === 'update') {
    await browser.scripting.updateContentScripts([{ ...script, matches: [...step.matches] }]);
  } else if (step.action === 'unregister') {
    await browser.scripting.unregisterContentScripts({ ids: [PORTAL_SCRIPT_ID] });
  }
  const before = new Set(current ?? []);
  await injectIntoOpenTabs(wanted.filter((p) => !before.has(p)));
  // A changed profile must reach open tabs too, also those of built-in sites (manifest content scripts).
  if (profilesChanged || (current ?? []).some((p) => !wanted.includes(p))) await recheckOpenTabs();
}

let queue: Promise<void> = Promise.resolve();

/**
 * Brings the registration in line with profiles, allowlist and permissions; calls run one at a time.
 * After a profile change every open tab re-reads its profile (re-decorated or un-decorated, no reload).
 */
export function syncPortalScripts(profilesChanged = false): Promise<void> {
  queue = queue
    .then(() => sync(profilesChanged))
    .catch((e: unknown) => console.error('vanthu: content script sync failed', e));
  return queue;
}

/** Re-syncs whenever one of its inputs may have changed. */
export function watchPortalScripts(): void {
  // Admin profiles that arrive after a sync went on without them apply to open tabs as a change would.
  onLatePolicy(() => void syncPortalScripts(true));
  browser.runtime.onInstalled.addListener(() => void syncPortalScripts());
  browser.runtime.onStartup.addListener(() => void syncPortalScripts());
  browser.permissions.onAdded.addListener(() => void syncPortalScripts());
  browser.permissions.onRemoved.addListener(() => void syncPortalScripts());
  browser.storage.onChanged.addListener((changes, area) => {
    if ((area === 'local' || area === 'managed') && ('profiles' in changes || 'origins' in changes)) {
      void syncPortalScripts(true);
    }
  });
}
