import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import { signAsIncoming } from '../support/demo-incoming.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openFlow,
  openPortalPage,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';
import { type ScreenProblems, screenProblems, shootAtWidths } from '../support/screen-checks.js';

// A first day's screens in Vietnamese, each at 1366×768 and 1024×768 (into docs/img, which the README
// and docs show): no English word, no raw field tag, no horizontal overflow, no tab broken in two.
const IMG = 'docs/img';
let s: ExtensionSession;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function expectClean(name: string, seen: Record<number, ScreenProblems>): void {
  for (const [width, p] of Object.entries(seen)) {
    expect({ screen: `${name}@${width}`, ...p }).toEqual({
      screen: `${name}@${width}`,
      english: [],
      tags: [],
      overflow: false,
      wrappedTabs: [],
    });
  }
}

async function extensionPage(path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`${ORIGIN}/${path}`);
  return page;
}

describe.runIf(daemonCommandsAvailable())('the first day, screen by screen, in Vietnamese', () => {
  beforeAll(async () => {
    s = await startExtensionSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a portal row carries one compact "vanthu" menu holding the flows', async () => {
    const page = await openPortalPage(s, 'vanthu', '/du-thao');
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
    const menu = await waitForItem(page, (i) => i.attributes['aria-haspopup'] === 'menu');
    expect(menu.text).toBe('vanthu ▾');
    expect(menu.attributes['aria-expanded']).toBe('false');
    const closed = await shootAtWidths(page, IMG, 'portal-row');
    for (const p of Object.values(closed)) expect(p.overflow).toBe(false);
    await clickItem(page, (i) => i.attributes['aria-haspopup'] === 'menu');
    await waitForItem(page, (i) => i.text === 'Ký số' && !('hidden' in i.attributes), 5_000);
    await page.screenshot({ path: `${IMG}/portal-row-menu-1024.png` });
    await page.close();
  });

  it('the signing window', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    const win = await openFlow(s, page, 'Ký số');
    expectClean('signing', await shootAtWidths(win, IMG, 'signing-window'));
    await win.close();
    await page.close();
  });

  it('the report opens with a one-line verdict, roles by name and Vietnam time', async () => {
    const good = signAsIncoming(s, 'den-001');
    const page = await openPortalPage(s, 'vanthu', '/van-ban-den');
    await waitForItem(page, (i) => i.attributes['data-state'] === 'valid', 60_000);
    await clickItem(page, (i) => i.attributes['data-state'] === 'valid');
    await expect.poll(() => sessionValue(s.context, 'report:current')).toBe(sha256(good));
    const panel = await extensionPage(`sidepanel.html#report=${sha256(good)}`);
    const banner = panel.getByTestId('report-indication');
    await expect(banner.textContent({ timeout: 20_000 })).resolves.toContain('Đã ký — 1 chữ ký, hợp lệ');
    const signature = (await panel.getByTestId('signature').first().textContent()) ?? '';
    expect(signature).toContain('Người có thẩm quyền ký');
    expect(signature).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d \(GMT\+7\)/);
    expectClean('report', await shootAtWidths(panel, IMG, 'report'));
    // The side panel's own width: every tab on one line.
    expectClean('report', await shootAtWidths(panel, IMG, 'report-panel', [360]));
    await panel.close();
    await page.close();
  });

  it('every side-panel tab, the popup and the options page', async () => {
    for (const tab of ['incoming', 'outgoing', 'book', 'records', 'exchange']) {
      const panel = await extensionPage(`sidepanel.html#tab=${tab}`);
      await panel.waitForTimeout(1_500);
      expectClean(tab, await shootAtWidths(panel, IMG, `panel-${tab}`, [360]));
      expectClean(tab, { 1024: await screenProblems(panel) });
      await panel.close();
    }
    const popup = await extensionPage('popup.html');
    await popup.getByTestId('daemon-state').waitFor({ timeout: 20_000 });
    expectClean('popup', await shootAtWidths(popup, IMG, 'popup', [360]));
    await popup.close();
    const options = await extensionPage('options.html');
    await options.waitForTimeout(1_000);
    expectClean('options', await shootAtWidths(options, IMG, 'options'));
    await options.close();
  });
});
