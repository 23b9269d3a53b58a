import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';
import { actionHosts } from '../support/closed-shadow.js';
import { type PortalBrowser, startPortalBrowser } from '../support/portal-browser.js';
import { DEMO_PASSWORD, type DemoPortal } from '../support/portal/server.js';

// A portal the manifest does not cover: Linux routes all of 127/8 to lo, so 127.0.0.2 is another origin.
const HOST = '127.0.0.2';
const PATTERN = `http://${HOST}/*`;
const SHOTS = 'test-results/e2e';
let portal: DemoPortal;
let session: PortalBrowser | undefined;
let context: BrowserContext;

type Chrome = {
  developerPrivate: {
    addHostPermission(id: string, host: string): Promise<void>;
    removeHostPermission(id: string, host: string): Promise<void>;
  };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
};

async function worker(): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

async function registered(): Promise<unknown[]> {
  return (await worker()).evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.scripting.getRegisteredContentScripts(),
  );
}

async function grantedOrigins(): Promise<string[]> {
  return (await worker()).evaluate(
    async () =>
      (await (globalThis as unknown as { chrome: Chrome }).chrome.permissions.getAll()).origins ?? [],
  );
}

/**
 * The user's site-access setting for the extension, changed the way chrome://extensions changes it
 * ("Site access" → add a site): the permission prompt of chrome.permissions.request is browser UI that
 * automation cannot click, but a site the user already allowed there is granted without a prompt.
 */
async function siteAccess(action: 'add' | 'remove'): Promise<void> {
  const page = await context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(
    async ({ id, host, action }) => {
      const api = (globalThis as unknown as { chrome: Chrome }).chrome.developerPrivate;
      await (action === 'add' ? api.addHostPermission(id, host) : api.removeHostPermission(id, host));
    },
    { id: EXTENSION_ID, host: PATTERN, action },
  );
  await page.close();
}

async function openList(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${portal.url}/dang-nhap`);
  await page.fill('input[name="ten_dang_nhap"]', 'lanhdao');
  await page.fill('input[name="mat_khau"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/van-ban-den/);
  await page.goto(`${portal.url}${path}`);
  return page;
}

/** Buttons and badge labels of every action host on the page (read through the DevTools protocol). */
async function decorations(page: Page): Promise<string[][]> {
  const { cdp, hosts } = await actionHosts(page);
  await cdp.detach();
  return hosts.map((items) => items.map((i) => (i.tag === 'span' ? `badge:${i.attributes.class}` : i.text)));
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  session = await startPortalBrowser({ host: HOST });
  portal = session.portal;
  context = session.context;
});

afterAll(async () => {
  await session?.close();
});

describe('a portal onboarded after installation', () => {
  let drafts: Page;

  it('gets no content script while no profile and no permission cover it', async () => {
    drafts = await openList('/du-thao');
    await drafts.waitForTimeout(1000);
    expect(await drafts.locator('vanthu-actions').count()).toBe(0);
    expect(await grantedOrigins()).not.toContain(PATTERN);
    expect(await registered()).toEqual([]);
  });

  it('after a profile and the grant, the open tab shows buttons and badges without a reload', async () => {
    await siteAccess('add');
    const options = await context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const profile = {
      id: 'qlvb-moi',
      name: 'Cổng QLVB mới',
      version: 1,
      matches: [`http://${HOST}/*`],
      documents: { row: 'table.ds-van-ban tr.van-ban', pdfLink: 'a.tep-pdf', actions: 'td.thao-tac' },
      flows: { sign: true, numberSeal: true, verify: true },
    };
    await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([profile]));
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await expect(options.getByRole('status').textContent()).resolves.toBe('Đã lưu 1 hồ sơ cổng.');
    await options.close();
    expect(await grantedOrigins()).toContain(PATTERN);

    // The tab opened before the grant: the background injected the script once, nobody reloaded.
    await drafts.waitForSelector('tr.van-ban td.thao-tac vanthu-actions', { timeout: 15_000 });
    const items = await decorations(drafts);
    expect(items).toHaveLength(2);
    for (const host of items) {
      expect(host.slice(0, 3)).toEqual(['Ký số', 'Cấp số & đóng dấu', 'Kiểm tra chữ ký']);
      expect(host[3]).toMatch(/^badge:badge/);
    }
    await drafts.screenshot({ path: `${SHOTS}/onboarding-01-open-tab-decorated.png` });

    const scripts = (await registered()) as {
      id: string;
      matches: string[];
      persistAcrossSessions: boolean;
    }[];
    expect(scripts).toEqual([
      expect.objectContaining({ id: 'vanthu-portals', matches: [PATTERN], persistAcrossSessions: true }),
    ]);
  });

  it('a page of that portal opened later is decorated once by the registered script', async () => {
    const incoming = await openList('/van-ban-den');
    await incoming.waitForSelector('vanthu-actions', { timeout: 15_000 });
    await incoming.waitForTimeout(500);
    const rows = await incoming.locator('tr.van-ban').count();
    expect(await incoming.locator('vanthu-actions').count()).toBe(rows);
    await incoming.close();
  });

  it('after the permission is removed the buttons disappear and the script is unregistered', async () => {
    await siteAccess('remove');
    await expect.poll(grantedOrigins, { timeout: 10_000 }).not.toContain(PATTERN);
    await expect.poll(() => drafts.locator('vanthu-actions').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(registered, { timeout: 10_000 }).toEqual([]);
    await drafts.reload();
    await drafts.waitForTimeout(1000);
    expect(await drafts.locator('vanthu-actions').count()).toBe(0);
    await drafts.screenshot({ path: `${SHOTS}/onboarding-02-access-removed.png` });
  });
});
