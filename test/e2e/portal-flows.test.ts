import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../extension/src/profile/demo-profile.js';
import { actionHosts, clickItem, waitForItem } from '../support/closed-shadow.js';
import { signAsIncoming } from '../support/demo-incoming.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  screenshotsDir,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';

// The profile editor's preview, "Vào sổ" on portal rows, and the batch control's absence without the
// admin policy — against the real daemon, the demo portal and the built extension.
let s: ExtensionSession;
let SHOTS: string;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Runs the editor's draft on the portal tab showing `path` and waits for the outcome. */
async function preview(options: Page, draft: unknown, path: string): Promise<void> {
  await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([draft], null, 2));
  const select = options.getByLabel('Trang cổng để thử');
  // The list is refreshed when it gets focus: the portal tab opened after the options page is there.
  await select.focus();
  const option = select.locator('option', { hasText: path }).first();
  await option.waitFor({ state: 'attached' });
  await select.selectOption((await option.getAttribute('value')) ?? '');
  await options.getByRole('button', { name: 'Thử trên trang này' }).click();
}

describe.runIf(daemonCommandsAvailable())('profile preview, "Vào sổ" and the batch control', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    s = await startExtensionSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('the options page previews a draft profile on an open portal tab without saving it', async () => {
    const page = await openPortalPage(s, 'vanthu', '/van-ban/den-001');
    await page.waitForSelector('vanthu-actions');
    const options = await s.context.newPage();
    await options.goto(`${ORIGIN}/options.html`);
    const draft = { ...DEMO_PORTAL_PROFILE, id: 'thu-nghiem', name: 'Bản nháp' };
    await preview(options, draft, '/van-ban/den-001');
    const result = options.getByTestId('preview-result');
    await result.waitFor({ timeout: 20_000 });
    expect(await options.getByTestId('preview-documents').textContent()).toBe('1');
    expect(await options.getByTestId('preview-rows').getAttribute('data-missing')).toBe('false');
    expect(await options.getByTestId('preview-links').textContent()).toContain('1');
    expect(await options.getByTestId('preview-field-ArrivalNumber').textContent()).toContain(
      'ArrivalNumber → input name="so_den"',
    );
    expect(await options.getByTestId('preview-field-Subject').textContent()).toContain(
      'textarea name="trich_yeu"',
    );
    expect(await options.getByTestId('preview-upload').getAttribute('data-missing')).toBe('false');
    expect(await result.textContent()).toContain('hồ sơ áp dụng cho trang này');
    await options.screenshot({ path: `${SHOTS}/30-profile-preview.png`, fullPage: true });

    // A wrong row selector and an unknown field: nothing found, both selectors in red.
    const wrong = {
      ...draft,
      documents: { ...draft.documents, row: 'table#grdVanBan tr.dong' },
      registration: {
        ...draft.registration,
        fields: { ...draft.registration?.fields, DueDate: '#txtHanXuLy' },
      },
    };
    await preview(options, wrong, '/van-ban/den-001');
    await expect.poll(() => options.getByTestId('preview-rows').getAttribute('data-missing')).toBe('true');
    expect(await options.getByTestId('preview-documents').textContent()).toBe('0');
    expect(await options.getByTestId('preview-rows').textContent()).toContain('table#grdVanBan tr.dong0');
    const rowColor = await options
      .getByTestId('preview-rows')
      .locator('code')
      .evaluate((c) => getComputedStyle(c).color);
    expect(rowColor).toBe('rgb(185, 28, 28)');
    expect(await options.getByTestId('preview-field-DueDate').getAttribute('data-missing')).toBe('true');
    expect(await options.getByTestId('preview-field-ArrivalNumber').getAttribute('data-missing')).toBe(
      'false',
    );
    await options.screenshot({ path: `${SHOTS}/31-profile-preview-wrong.png`, fullPage: true });

    // The background validates the draft: an invalid one is refused with its path, and runs nowhere.
    await preview(options, { ...draft, matches: ['<all_urls>'] }, '/van-ban/den-001');
    await expect
      .poll(async () => (await options.getByTestId('preview-errors').textContent()) ?? '')
      .toContain('matches[0]');
    // Nothing was saved, and the portal page carries no trace of the draft.
    expect(await sessionValue(s.context, 'profiles', 'local')).toBeUndefined();
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('thu-nghiem'))).toBe(false);
    await options.close();
    await page.close();
  });

  it('"Vào sổ" on a portal row opens the incoming registration pre-filled from that PDF', async () => {
    const good = signAsIncoming(s, 'den-001');
    const page = await openPortalPage(s, 'vanthu', '/van-ban-den');
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
    // A page script's click on the host does nothing; only the trusted click below counts.
    await page.evaluate(() => (document.querySelector('vanthu-actions') as HTMLElement).click());
    await page.waitForTimeout(300);
    expect(await sessionValue(s.context, 'panel:tab')).toBeUndefined();
    await clickItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
    await expect
      .poll(async () => ((await sessionValue(s.context, 'panel:tab')) as { tab?: string } | undefined)?.tab, {
        timeout: 20_000,
      })
      .toBe('incoming');
    await expect
      .poll(() => sessionValue(s.context, 'report:current'), { timeout: 30_000 })
      .toBe(sha256(good));

    // The side panel as chrome.sidePanel.open shows it: no address of its own, the tab the background asked for.
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html`);
    await panel.getByTestId('register-incoming').waitFor({ timeout: 20_000 });
    await expect(panel.getByTestId('chosen-document').textContent({ timeout: 20_000 })).resolves.toContain(
      'den-001.pdf',
    );
    await expect.poll(() => panel.inputValue('[id="f-CodeNumber"]'), { timeout: 30_000 }).toBe('87');
    expect(await panel.inputValue('[id="f-CodeNotation"]')).toBe('QĐ-UBND');
    expect(await panel.inputValue('[id="f-SignerInfo.FullName"]')).toBe('Trần Văn Minh');
    await panel.screenshot({ path: `${SHOTS}/32-vao-so-prefilled.png`, fullPage: true });
    await panel.close();
    await page.close();
  });

  it('without the batchSigning policy the rows carry no selection checkbox', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
    const { cdp, hosts } = await actionHosts(page);
    await cdp.detach();
    expect(hosts.length).toBe(2);
    expect(hosts.flat().filter((i) => i.tag === 'input')).toEqual([]);
    await page.close();
  });
});
