import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';
import { launchWithExtension } from '../support/chromium.js';
import { clickItem } from '../support/closed-shadow.js';
import { buildExtension } from '../support/extension.js';
import { DEMO_PASSWORD, type DemoPortal, startDemoPortal } from '../support/portal/server.js';

const SHOTS = 'test-results/e2e';
let portal: DemoPortal;
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let context: BrowserContext;
let dataDir: string;

async function login(page: Page, user: string): Promise<void> {
  await page.goto(`${portal.url}/dang-nhap`);
  await page.fill('input[name="ten_dang_nhap"]', user);
  await page.fill('input[name="mat_khau"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/van-ban-den/);
}

/** Sends a runtime message from the extension's service worker to the tab showing `target`. */
async function sendToTab(target: string, message: unknown): Promise<unknown> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(
    async ({ target, message }) => {
      // Runs in the service worker, where `chrome` exists (the test project has no chrome types).
      const tabsApi = (
        globalThis as unknown as {
          chrome: {
            tabs: {
              query(q: object): Promise<{ id?: number; url?: string }[]>;
              sendMessage(id: number, m: unknown): Promise<unknown>;
            };
          };
        }
      ).chrome.tabs;
      const tab = (await tabsApi.query({})).find((t) => t.url === target);
      if (tab?.id === undefined) return 'no tab';
      return tabsApi.sendMessage(tab.id, message);
    },
    { target, message },
  );
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'vanthu-portal-'));
  const [dir, started] = await Promise.all([buildExtension({ demo: true }), startDemoPortal({ dataDir })]);
  portal = started;
  browser = await launchWithExtension(dir);
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await portal?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('extension on the demo portal', () => {
  it('loads with the fixed extension ID', async () => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(new URL(worker.url()).host).toBe(EXTENSION_ID);
  });

  it('decorates every document row with buttons in closed shadow roots', async () => {
    const page = await context.newPage();
    await login(page, 'lanhdao');
    await page.goto(`${portal.url}/du-thao`);
    await page.waitForSelector('tr.van-ban vanthu-actions');
    const info = await page.evaluate(() => {
      const hosts = Array.from(document.querySelectorAll('vanthu-actions'));
      return {
        count: hosts.length,
        rows: document.querySelectorAll('tr.van-ban').length,
        open: hosts.some((h) => h.shadowRoot !== null),
      };
    });
    expect(info.rows).toBe(2);
    expect(info.count).toBe(2);
    expect(info.open).toBe(false);
    const box = await page.locator('vanthu-actions').first().boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    await page.screenshot({ path: `${SHOTS}/01-du-thao-buttons.png` });
    await page.close();
  });

  it('a page script clicking, posting messages or calling the extension opens nothing', async () => {
    const page = await context.newPage();
    await login(page, 'lanhdao');
    await page.goto(`${portal.url}/du-thao`);
    await page.waitForSelector('vanthu-actions');
    const before = context.pages().length;
    const attempts = await page.evaluate(async (id) => {
      for (const host of Array.from(document.querySelectorAll('vanthu-actions'))) {
        host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        (host as HTMLElement).click();
      }
      window.postMessage({ type: 'flow.open', flow: 'sign', urls: ['http://127.0.0.1/x.pdf'] }, '*');
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      let external = 'unavailable';
      if (runtime && typeof runtime.sendMessage === 'function') {
        try {
          (runtime.sendMessage as (id: string, m: unknown) => void)(id, { type: 'flow.open' });
          external = 'sent';
        } catch (e) {
          external = `refused: ${String(e)}`;
        }
      }
      return external;
    }, EXTENSION_ID);
    expect(attempts).not.toBe('sent');
    await page.waitForTimeout(500);
    expect(context.pages().length).toBe(before);
    await page.close();
  });

  it('a real click on "Ký số" opens the extension-owned window with the document hash and rendered pages', async () => {
    const page = await context.newPage();
    await login(page, 'lanhdao');
    await page.goto(`${portal.url}/du-thao`);
    await page.waitForSelector('vanthu-actions');
    const windowPromise = context.waitForEvent('page', (p) =>
      p.url().startsWith(`chrome-extension://${EXTENSION_ID}/signing.html`),
    );
    // Closed shadow roots are out of reach of selectors too: a real (trusted) mouse click on the button,
    // once badges have stopped moving it.
    await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
    const win = await windowPromise;
    const expected = createHash('sha256')
      .update(await readFile(portal.pdfPath('dt-001')))
      .digest('hex');
    await expect(win.getByTestId('sha256').textContent({ timeout: 20_000 })).resolves.toBe(expected);
    await win.waitForSelector('canvas[data-rendered="true"]');
    const size = await win.$eval('canvas', (c) => [c.width, c.height]);
    expect(size).toEqual([595, 841]);
    expect(await win.locator('input[type="password"]').count()).toBe(1);
    expect(await win.getByRole('button', { name: 'Ký số' }).isDisabled()).toBe(true);
    await win.screenshot({ path: `${SHOTS}/02-signing-window.png` });
    await win.close();
    await page.close();
  });

  it('the options page refuses an invalid profile and a saved profile takes precedence over the built-in', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const editor = options.getByLabel('Hồ sơ cổng (JSON)');
    await editor.fill('[{"id":"Sai","name":"x","version":1,"matches":["<all_urls>"]}]');
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    const alert = await options.getByRole('alert').textContent();
    expect(alert).toContain('matches');
    expect(alert).toContain('documents');
    await options.screenshot({ path: `${SHOTS}/03-options-invalid.png` });
    const profile = {
      id: 'qlvb-di',
      name: 'Văn bản đi (thử)',
      version: 1,
      matches: ['http://127.0.0.1/van-ban-di*'],
      documents: { row: 'tr.van-ban', pdfLink: 'a.tep-pdf', actions: 'td:first-child' },
      flows: { sign: false, numberSeal: false, verify: true },
    };
    await editor.fill(JSON.stringify([profile]));
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await expect(options.getByRole('status').textContent()).resolves.toContain('Đã lưu 1 hồ sơ cổng.');
    await options.close();

    const page = await context.newPage();
    await login(page, 'vanthu');
    await page.goto(`${portal.url}/van-ban-di`);
    await page.waitForSelector('tr.van-ban td:first-child vanthu-actions');
    await page.screenshot({ path: `${SHOTS}/04-custom-profile.png` });
    await page.goto(`${portal.url}/du-thao`);
    await page.waitForSelector('tr.van-ban td.thao-tac vanthu-actions');
    await page.close();
  });

  it('a finished PDF handed to the content script lands in the portal through its own upload form', async () => {
    const page = await context.newPage();
    await login(page, 'lanhdao');
    await page.goto(`${portal.url}/van-ban/dt-002`);
    await page.waitForSelector('vanthu-actions');
    const original = await readFile(portal.pdfPath('dt-002'));
    const finished = Buffer.concat([original, Buffer.from('\n%vanthu delivery test\n')]);
    const navigation = page.waitForURL(/\/van-ban\/dt-002\/tai-len$/);
    const answer = (await sendToTab(`${portal.url}/van-ban/dt-002`, {
      type: 'document.deliver',
      filename: 'dt-002-da-ky.pdf',
      base64: finished.toString('base64'),
    })) as { result?: string };
    expect(answer.result).toBe('uploaded');
    await navigation;
    await expect(page.locator('.thong-bao').textContent()).resolves.toContain(
      'dt-002-da-ky.pdf (phiên bản 2)',
    );
    expect(portal.document('dt-002')?.versions).toBe(2);
    expect((await readFile(portal.pdfPath('dt-002'))).equals(finished)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/05-delivered-to-portal.png` });
    await page.close();
  });

  it('registration values are written into the portal form fields the profile maps them to', async () => {
    const page = await context.newPage();
    await login(page, 'vanthu');
    await page.goto(`${portal.url}/van-ban/den-001`);
    await page.waitForSelector('vanthu-actions');
    const values = {
      ArrivalNumber: '1024',
      ArrivalDate: '24/11/2026',
      Subject: 'Về việc giao chỉ tiêu kế hoạch năm 2027 (đã vào sổ)',
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      Language: 'Tiếng Việt',
    };
    const reply = (await sendToTab(`${portal.url}/van-ban/den-001`, {
      type: 'registration.fill',
      values,
    })) as { filled: string[] };
    // Language has no field on this portal: it is skipped, the others are filled.
    expect(reply.filled.sort()).toEqual(['ArrivalDate', 'ArrivalNumber', 'OrganName', 'Subject']);
    await expect(page.inputValue('input[name="so_den"]')).resolves.toBe('1024');
    await expect(page.inputValue('textarea[name="trich_yeu"]')).resolves.toBe(values.Subject);
    await page.screenshot({ path: `${SHOTS}/06-registration-filled.png` });
    await page.click('form#form-vao-so button[type="submit"]');
    await page.waitForSelector('.thong-bao');
    expect(portal.document('den-001')).toMatchObject({
      so_den: '1024',
      ngay_den: '24/11/2026',
      trich_yeu: values.Subject,
    });
    await page.close();
  });

  it('the confirmation window refuses what is not a PDF (an expired portal session answers with its login page)', async () => {
    const page = await context.newPage();
    await login(page, 'lanhdao');
    await page.goto(`${portal.url}/du-thao`);
    await page.waitForSelector('vanthu-actions');
    await context.clearCookies();
    const windowPromise = context.waitForEvent('page', (p) => p.url().includes('/signing.html'));
    await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
    const win = await windowPromise;
    await expect(win.getByTestId('load-error').textContent()).resolves.toContain('tệp không phải PDF');
    expect(await win.getByTestId('sha256').count()).toBe(0);
    await win.screenshot({ path: `${SHOTS}/07-session-expired.png` });
    await win.close();
    await page.close();
  });
});
