import type { BrowserContext } from 'playwright-core';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';

type DeveloperPrivate = {
  addHostPermission(id: string, host: string): Promise<void>;
  removeHostPermission(id: string, host: string): Promise<void>;
};

/**
 * The user's site-access setting for the extension, changed the way chrome://extensions changes it
 * ("Site access" → add a site): the permission prompt of chrome.permissions.request is browser UI that
 * automation cannot click, but a site the user already allowed there is granted without a prompt.
 */
export async function setSiteAccess(
  context: BrowserContext,
  pattern: string,
  action: 'add' | 'remove',
): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    async ({ id, host, action }) => {
      const api = (globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate } }).chrome
        .developerPrivate;
      await (action === 'add' ? api.addHostPermission(id, host) : api.removeHostPermission(id, host));
    },
    { id: EXTENSION_ID, host: pattern, action },
  );
  await page.close();
}
