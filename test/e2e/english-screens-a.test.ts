import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  startExtensionSession,
} from '../support/extension-session.js';
import { shootAtWidths } from '../support/screen-checks.js';

// With English chosen in the options, the signing window (both flows), the popup and the options page
// show no Vietnamese of their own: one language at a time. Document content stays as it is.
const IMG = 'docs/img';
let s: ExtensionSession;

/** A Vietnamese letter with a diacritic: a line holding one is Vietnamese text. */
const VIETNAMESE = /[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựíìỉĩịóòỏõúùủũụýỳỷỹỵéèẻẽẹ]/i;

/**
 * What stays as it is in either language, taken out of a line before it is judged (the rest of the line
 * must still be English): names from the demo certificates and the name a draft's signature block prints
 * (the name-mismatch warning quotes both), the draft's own notation, the portal's page
 * title and its built-in profile's name, and Vietnamese in the language choice under its own name.
 */
const KEPT_AS_IS: readonly string[] = [
  'Trần Văn Minh',
  'Trần Văn Hùng',
  'Ủy ban nhân dân thành phố Cần Thơ',
  'UBND thành phố Cần Thơ',
  'QĐ-UBND',
  'Dự thảo - Hệ thống QLVB',
  'Cổng QLVB mẫu',
  'Tiếng Việt',
];

async function vietnameseLines(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts
  const text = await page.evaluate(() => document.body.innerText);
  const judged = (line: string) => KEPT_AS_IS.reduce((rest, kept) => rest.replaceAll(kept, ''), line);
  return text.split('\n').filter((line) => VIETNAMESE.test(judged(line)));
}

async function extensionPage(path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`${ORIGIN}/${path}`);
  return page;
}

/** Clicks a portal row's flow (labelled in whichever language the content script speaks) and waits for the window. */
async function openWindow(page: Page, labels: readonly string[]): Promise<Page> {
  const isFlow = (i: { tag: string; text: string }) => i.tag === 'button' && labels.includes(i.text);
  await waitForItem(page, isFlow);
  const opened = s.context.waitForEvent('page', (p) => p.url().startsWith(`${ORIGIN}/signing.html`));
  await clickItem(page, isFlow);
  const win = await opened;
  await win.getByTestId('sha256').waitFor({ timeout: 30_000 });
  // Connected to the daemon: the token's certificates are listed.
  await win.locator('select option').first().waitFor({ state: 'attached', timeout: 30_000 });
  await win.waitForTimeout(500);
  return win;
}

async function expectEnglish(page: Page, name: string): Promise<void> {
  await shootAtWidths(page, IMG, `en-${name}`, [1366]);
  expect({ screen: name, vietnamese: await vietnameseLines(page) }).toEqual({ screen: name, vietnamese: [] });
}

describe.runIf(daemonCommandsAvailable())('English chosen in the options', () => {
  beforeAll(async () => {
    s = await startExtensionSession({
      config: { registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' } },
    });
    const options = await extensionPage('options.html');
    const select = options.getByTestId('preferences').locator('select').first();
    await select.waitFor({ timeout: 20_000 });
    // Choosing a language reloads the page in it.
    await Promise.all([options.waitForEvent('load'), select.selectOption('en')]);
    await expect(options.locator('html').getAttribute('lang')).resolves.toBe('en');
    await options.close();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the signing window, to sign', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    const win = await openWindow(page, ['Ký số', 'Sign']);
    await expectEnglish(win, 'signing-window');
    await win.close();
    await page.close();
  });

  it('the signing window, to number and seal', async () => {
    const page = await openPortalPage(s, 'vanthu', '/du-thao');
    const win = await openWindow(page, ['Cấp số & đóng dấu', 'Number & seal']);
    await win.getByLabel('Document type notation').fill('QĐ-UBND');
    await win.getByRole('button', { name: 'Take a number' }).click();
    await expect.poll(() => win.getByTestId('reserved-number').textContent()).toMatch(/^\d+\/QĐ-UBND$/);
    await expectEnglish(win, 'number-seal');
    await win.close();
    await page.close();
  });

  it('the popup', async () => {
    const popup = await extensionPage('popup.html');
    await popup.getByTestId('daemon-state').waitFor({ timeout: 20_000 });
    await expectEnglish(popup, 'popup');
    await popup.close();
  });

  it('the options page', async () => {
    const options = await extensionPage('options.html');
    await options.waitForTimeout(1_000);
    await expectEnglish(options, 'options');
    await options.close();
  });
});
