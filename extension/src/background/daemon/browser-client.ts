import browser from 'webextension-polyfill';
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
    lang: 'vi',
  });
}
