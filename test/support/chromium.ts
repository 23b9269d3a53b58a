import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumWithManagedPolicy } from './chromium-policy.js';

export const CHROMIUM = '/usr/bin/chromium';

/** The system Chromium with the unpacked extension loaded, in a throwaway profile. Never downloads a browser. */
export async function launchWithExtension(
  extensionDir: string,
  options: {
    prepare?: (userDataDir: string) => void | Promise<void>;
    /** The extension's storage.managed (admin policy), for this browser only (see chromium-policy.ts). */
    managedPolicy?: Record<string, unknown>;
  } = {},
): Promise<{ context: BrowserContext; userDataDir: string; close(): Promise<void> }> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'vanthu-chromium-'));
  // e.g. register a native-messaging host in <userDataDir>/NativeMessagingHosts before the browser starts.
  await options.prepare?.(userDataDir);
  const policyDir = options.managedPolicy && (await mkdtemp(join(tmpdir(), 'vanthu-chromium-policy-')));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath:
      policyDir && options.managedPolicy
        ? chromiumWithManagedPolicy(policyDir, options.managedPolicy, CHROMIUM)
        : CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
      if (policyDir) await rm(policyDir, { recursive: true, force: true });
    },
  };
}
