import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { type DemoProvision, provisionDemo } from '../../daemon/src/demo/provision.js';
import { trustDemoRoot } from '../../daemon/src/launch/demo-trust.js';
import { registerNativeHost } from '../../daemon/src/launch/native-host-manifest.js';
import { startChild, stopChildren, waitForPort } from '../../daemon/src/launch/processes.js';
import { userConfigFile } from '../../daemon/src/token/config.js';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';
import { launchWithExtension } from './chromium.js';
import { type ShadowItem, clickItem, waitForItem } from './closed-shadow.js';
import { buildExtension } from './extension.js';
import { DEMO_PASSWORD, type DemoPortal, startDemoPortal } from './portal/server.js';

export const CLI = fileURLToPath(new URL('../../daemon/bin/vanthu.mjs', import.meta.url));
export const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** Whether this build's CLI has the daemon commands the session drives (`vanthu start`, `native-host`). */
export function daemonCommandsAvailable(): boolean {
  const help = spawnSync(process.execPath, [CLI, '--help', '--lang', 'en'], { encoding: 'utf8' });
  return /^\s+start\s/m.test(help.stdout) && /^\s+native-host\s/m.test(help.stdout);
}

/** A running daemon as the session sees it; the default is `vanthu start` in a child process. */
export type StartDaemon = (env: NodeJS.ProcessEnv, port: number) => Promise<{ stop(): Promise<void> }>;

const cliDaemon: StartDaemon = async (env, port) => {
  const child = startChild('daemon', process.execPath, [CLI, 'start'], env);
  await waitForPort(port, 30_000, child);
  return { stop: () => stopChildren([child]) };
};

/**
 * Everything the browser tests and the extension benchmark run against, for real: a throwaway
 * VANTHU_HOME with the SoftHSM2 demo token and the demo root trusted, the daemon on a free port, the
 * demo portal, and Chromium with the built extension whose profile has the native-messaging host
 * registered (so pairing happens exactly as on a workstation).
 */
export interface ExtensionSession {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly demo: DemoProvision;
  readonly daemonPort: number;
  readonly portal: DemoPortal;
  readonly context: BrowserContext;
  /** The Chromium profile directory (its NativeMessagingHosts/ holds the host manifest). */
  readonly browserProfile: string;
  startDaemon(): Promise<void>;
  stopDaemon(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

export async function startExtensionSession(
  options: {
    startDaemon?: StartDaemon;
    /** Merged into the daemon's config (e.g. `pin: {batchWindowSeconds: 60}`). */
    config?: Record<string, unknown>;
    /** The extension's admin policy (storage.managed) in this session's browser only. */
    managedPolicy?: Record<string, unknown>;
  } = {},
): Promise<ExtensionSession> {
  const home = mkdtempSync(join(tmpdir(), 'vanthu-ext-home-'));
  const env = { ...process.env, VANTHU_HOME: home };
  const demo = await provisionDemo({ env });
  const configFile = userConfigFile(env);
  trustDemoRoot(configFile, demo.rootFile);
  const daemonPort = await freePort();
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
  // The pairing secret in a file of this home: the OS keychain is shared by every test run.
  const ours = { ...config, ...options.config, server: { port: daemonPort }, pairing: { store: 'file' } };
  writeFileSync(configFile, JSON.stringify(ours, null, 2));
  const start = options.startDaemon ?? cliDaemon;
  let daemon: { stop(): Promise<void> } | undefined;
  const session = {
    home,
    env,
    demo,
    daemonPort,
    async startDaemon() {
      daemon = await start(env, daemonPort);
    },
    async stopDaemon() {
      await daemon?.stop();
      daemon = undefined;
    },
  };
  const [dir] = await Promise.all([buildExtension({ demo: true }), session.startDaemon()]);
  const portal = await startDemoPortal({ dataDir: join(home, 'portal') });
  const browser = await launchWithExtension(dir, {
    ...(options.managedPolicy ? { managedPolicy: options.managedPolicy } : {}),
    prepare: (userDataDir) =>
      void registerNativeHost({
        userDataDir,
        wrapperPath: join(home, 'native-host.sh'),
        cli: CLI,
        env: { VANTHU_HOME: home },
      }),
  });
  return {
    ...session,
    portal,
    context: browser.context,
    browserProfile: browser.userDataDir,
    async close() {
      await browser.close();
      await portal.close();
      await session.stopDaemon();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function login(s: ExtensionSession, page: Page, user: string): Promise<void> {
  await page.goto(`${s.portal.url}/dang-nhap`);
  await page.fill('input[name="ten_dang_nhap"]', user);
  await page.fill('input[name="mat_khau"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/van-ban-den/);
}

/** A new tab logged in to the demo portal as `user`, showing `path` (e.g. /van-ban/dt-001). */
export async function openPortalPage(s: ExtensionSession, user: string, path: string): Promise<Page> {
  const page = await s.context.newPage();
  await login(s, page, user);
  await page.goto(`${s.portal.url}${path}`);
  return page;
}

/** Clicks a flow button on a portal page and returns the extension-owned window once it is ready. */
/** Script errors and console errors of each confirmation window, reported when a step fails. */
const windowErrors = new WeakMap<Page, string[]>();

export async function openFlow(
  s: ExtensionSession,
  page: Page,
  label: string,
  timeoutMs = 30_000,
): Promise<Page> {
  const isFlow = (i: ShadowItem) => i.tag === 'button' && i.text === label;
  await waitForItem(page, isFlow);
  const opened = s.context.waitForEvent('page', {
    predicate: (p) => p.url().startsWith(`${ORIGIN}/signing.html`),
    timeout: timeoutMs,
  });
  // The row's menu can miss its first click on a loaded machine (the row re-rendered under it); the
  // flow's item was then never clicked, so the menu is opened again. A click that reached the item
  // is never repeated: that would open a second window.
  for (let attempt = 0; attempt < 3 && !(await clickItem(page, isFlow)); attempt++);
  const win = await opened;
  const errors: string[] = [];
  win.on('pageerror', (e) => errors.push(e.message));
  win.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  windowErrors.set(win, errors);
  await win.getByTestId('sha256').waitFor({ timeout: timeoutMs });
  // Connected to the daemon: the token's certificates are listed.
  await win
    .locator('select[aria-label="Chứng thư số"] option')
    .first()
    .waitFor({ state: 'attached', timeout: timeoutMs });
  return win;
}

/** Picks the image, types the PIN (the demo one unless given), gives consent and submits; returns the click time. */
export async function submitFlow(
  s: ExtensionSession,
  win: Page,
  image: string,
  button: string,
  pin = s.demo.pin,
): Promise<number> {
  await win.locator('input[type="file"]').setInputFiles(image);
  await win.locator('input[type="password"]').fill(pin);
  await win.locator('input[type="checkbox"]').check();
  const t = performance.now();
  try {
    // Bounded: a button that never becomes enabled fails here with the window's state, not at the
    // test's own timeout with nothing said.
    await win.getByRole('button', { name: button, exact: true }).click({ timeout: 60_000 });
  } catch (error) {
    // Keep what the window showed, so a CI log says which precondition of the button was missing.
    await win.screenshot({ path: `${screenshotsDir()}/failed-submit-${Date.now()}.png` }).catch(() => {});
    const state = await win
      .evaluate(() => ({
        text: document.body.textContent,
        pinLength: document.querySelector<HTMLInputElement>('input[type="password"]')?.value.length,
        consent: document.querySelector<HTMLInputElement>('input[type="checkbox"]')?.checked,
        certificate: document.querySelector<HTMLSelectElement>('select[aria-label="Chứng thư số"]')?.value,
        images: document.querySelectorAll('img').length,
      }))
      .catch((e: unknown) => ({ unavailable: String(e) }));
    const errors = windowErrors.get(win) ?? [];
    throw new Error(
      `${(error as Error).message}\nwindow state: ${JSON.stringify(state)}\nwindow errors: ${errors.join(' | ')}`,
    );
  }
  return t;
}

/**
 * Fills a field the window may pre-fill itself (the numbering window proposes the ký hiệu printed
 * on page 1). A pre-fill landing between fill()'s select-all and its typing moves the caret to the
 * end, and the typed text is appended to the proposal; the window never overwrites a field once it
 * has a value, so checking and filling again settles it.
 */
export async function fillSettled(field: Locator, value: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await field.fill(value, { timeout: Math.max(1, deadline - Date.now()) });
    if ((await field.inputValue()) === value) return;
    if (Date.now() > deadline) throw new Error(`the field kept another value than "${value}"`);
  }
}

/** The outcome line the window shows when the flow finished (or failed). */
export async function outcomeOf(win: Page, timeoutMs = 60_000): Promise<string> {
  const outcome = win.getByTestId('outcome');
  await outcome.waitFor({ timeout: timeoutMs });
  return (await outcome.textContent()) ?? '';
}

type StorageArea = { get(k: string): Promise<Record<string, unknown>>; remove(k: string): Promise<void> };

/** A value from the extension's storage (session by default), read in its service worker. */
export async function sessionValue(
  context: BrowserContext,
  key: string,
  area: 'session' | 'local' = 'session',
): Promise<unknown> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(
    async ({ k, a }) => {
      const chrome = (globalThis as unknown as { chrome: { storage: Record<string, StorageArea> } }).chrome;
      return (await (chrome.storage[a] as StorageArea).get(k))[k];
    },
    { k: key, a: area },
  );
}

/** Removes a key from the extension's storage.session (e.g. the pairing of this browser session). */
export async function forgetSessionValue(context: BrowserContext, key: string): Promise<void> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (k) => {
    const chrome = (globalThis as unknown as { chrome: { storage: Record<string, StorageArea> } }).chrome;
    await (chrome.storage['session'] as StorageArea).remove(k);
  }, key);
}

export function screenshotsDir(): string {
  const dir = 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  return dir;
}
