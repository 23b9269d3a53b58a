import browser from 'webextension-polyfill';
import { storedLanguage } from '../../i18n/load-language.js';
import { DaemonClient } from './client.js';
import { forgetPairing, loadPairing } from './pairing.js';
import { browserSocket } from './socket.js';

/** The Origin Chromium sends on this extension's WebSockets (the daemon binds the auth proof to it). */
export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('')).origin;
}

/**
 * A daemon client for this extension context (service worker or an extension page). Pages that move
 * documents (the confirmation window) hold their own client, so PDF bytes go straight over their own
 * socket instead of through runtime messages.
 */
export function createBrowserClient(): DaemonClient {
  return new DaemonClient({
    loadPairing,
    forgetPairing,
    open: browserSocket,
    origin: extensionOrigin(),
    clientVersion: browser.runtime.getManifest().version,
    // The daemon words what it says (sign warnings, chain warnings) in the user's language, read from
    // storage at each connection: the service worker has no page that loaded it first.
    lang: storedLanguage,
  });
}
