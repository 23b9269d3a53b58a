import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../extension/src/profile/demo-profile.js';
import { actionHosts, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  startExtensionSession,
} from '../support/extension-session.js';

// A profile saved or removed in the options page applies to an open portal tab without a reload,
// also on the demo portal, whose built-in profile comes with the manifest's content script.
let s: ExtensionSession;

async function saveProfiles(options: Page, profiles: unknown[]): Promise<void> {
  await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify(profiles, null, 2));
  await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
  await options.getByText(`Đã lưu ${profiles.length} hồ sơ cổng`).waitFor({ timeout: 10_000 });
}

/** Waits until the tab's action hosts, as labels per row, satisfy `ok`. */
async function waitForHosts(page: Page, ok: (rows: string[][]) => boolean): Promise<string[][]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { cdp, hosts } = await actionHosts(page);
    await cdp.detach();
    const rows = hosts.map((h) => h.filter((i) => i.tag === 'button').map((i) => i.text));
    if (ok(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`action hosts never matched: ${JSON.stringify(rows)}`);
    await page.waitForTimeout(250);
  }
}

describe.runIf(daemonCommandsAvailable())('profiles saved in the options page apply to open tabs', () => {
  beforeAll(async () => {
    s = await startExtensionSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('re-decorates on save, un-decorates when rows no longer match, restores on removal — no reload', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
    // Set in the page's own world: still there only if the tab was never reloaded.
    await page.evaluate(() => {
      (globalThis as { sameDocument?: boolean }).sameDocument = true;
    });
    const options = await s.context.newPage();
    await options.goto(`${ORIGIN}/options.html`);

    const verifyOnly = {
      ...DEMO_PORTAL_PROFILE,
      id: 'qlvb-chi-kiem-tra',
      name: 'QLVB — chỉ kiểm tra',
      flows: { sign: false, numberSeal: false, verify: true },
    };
    await saveProfiles(options, [verifyOnly]);
    const rows = await waitForHosts(page, (r) => r.length === 2 && r.every((b) => !b.includes('Ký số')));
    expect(rows.flat()).not.toContain('Cấp số & đóng dấu');

    const noRows = { ...verifyOnly, documents: { ...verifyOnly.documents, row: 'table#khong-co tr' } };
    await saveProfiles(options, [noRows]);
    await waitForHosts(page, (r) => r.length === 0);

    await saveProfiles(options, []);
    await waitForHosts(page, (r) => r.length === 2 && r.every((b) => b.includes('Ký số')));
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });
});
