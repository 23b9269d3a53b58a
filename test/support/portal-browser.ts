import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchWithExtension } from './chromium.js';
import { buildExtension } from './extension.js';
import { type DemoPortal, startDemoPortal } from './portal/server.js';

/** A freshly built extension in Chromium and the demo portal in a throwaway data directory. */
export interface PortalBrowser {
  readonly portal: DemoPortal;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function startPortalBrowser(options: { host?: string } = {}): Promise<PortalBrowser> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vanthu-portal-'));
  const [dir, portal] = await Promise.all([
    buildExtension({ demo: true }),
    startDemoPortal({ dataDir, ...(options.host ? { host: options.host } : {}) }),
  ]);
  const browser = await launchWithExtension(dir);
  return {
    portal,
    context: browser.context,
    close: async () => {
      await browser.close();
      await portal.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
