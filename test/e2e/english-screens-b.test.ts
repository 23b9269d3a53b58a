import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHosts, clickItem, waitForItem } from '../support/closed-shadow.js';
import { signAsIncoming } from '../support/demo-incoming.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';
import { screenProblems } from '../support/screen-checks.js';

// English chosen in the options: the side panel's tabs, the report and the portal row menu speak
// English only. A line with a Vietnamese letter is a leak, unless it is the document's own content.
const IMG = 'docs/img';
const VIETNAMESE = /[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựíìỉĩịóòỏõúùủũụýỳỷỹỵéèẻẽẹ]/i;
/** Document content the screens quote as it is: names from certificates, the document's own text. */
const CONTENT = [/Nguyễn|Trần|Lê Văn|Phạm|Ủy ban|UBND|Sở |Văn phòng|Phòng /];
const leaks = (lines: readonly string[]) =>
  lines.filter((l) => VIETNAMESE.test(l) && !CONTENT.some((c) => c.test(l)));
let s: ExtensionSession;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function extensionPage(path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`${ORIGIN}/${path}`);
  return page;
}

interface Seen {
  readonly vietnamese: string[];
  readonly overflow: boolean;
  readonly wrappedTabs: string[];
}

/**
 * Screenshots at 360 and 1366 px into docs/img/en-<name>-<width>.png; at each, the Vietnamese lines
 * and the layout problems (English names are longer: no overflow, no tab cut off or broken in two).
 */
async function shootLeaks(page: Page, name: string): Promise<Record<string, Seen>> {
  const out: Record<string, Seen> = {};
  for (const width of [360, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${IMG}/en-${name}-${width}.png` });
    // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts
    const text = await page.evaluate(() => document.body.innerText);
    const { overflow, wrappedTabs } = await screenProblems(page);
    out[`${name}@${width}`] = { vietnamese: leaks(text.split('\n')), overflow, wrappedTabs };
  }
  return out;
}

const none = (seen: Record<string, Seen>) =>
  Object.fromEntries(Object.keys(seen).map((k) => [k, { vietnamese: [], overflow: false, wrappedTabs: [] }]));

describe.runIf(daemonCommandsAvailable())('English chosen in the options', () => {
  beforeAll(async () => {
    s = await startExtensionSession();
    const options = await extensionPage('options.html');
    await options.getByTestId('preferences').locator('select').first().selectOption('en');
    await options.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
      timeout: 10_000,
    });
    await options.close();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the report of a signed document speaks English', async () => {
    const good = signAsIncoming(s, 'den-001');
    const page = await openPortalPage(s, 'vanthu', '/van-ban-den');
    await waitForItem(page, (i) => i.attributes['data-state'] === 'valid', 60_000);
    await clickItem(page, (i) => i.attributes['data-state'] === 'valid');
    await expect.poll(() => sessionValue(s.context, 'report:current')).toBe(sha256(good));
    const panel = await extensionPage(`sidepanel.html#report=${sha256(good)}`);
    await panel.getByTestId('signature').first().waitFor({ timeout: 20_000 });
    const seen = await shootLeaks(panel, 'report');
    expect(seen).toEqual(none(seen));
    await panel.close();
    await page.close();
  });

  it('every side-panel tab speaks English', async () => {
    for (const tab of ['incoming', 'outgoing', 'book', 'records', 'exchange']) {
      const panel = await extensionPage(`sidepanel.html#tab=${tab}`);
      await panel.waitForTimeout(1_500);
      const seen = await shootLeaks(panel, `panel-${tab}`);
      expect(seen).toEqual(none(seen));
      await panel.close();
    }
  });

  it("the portal row's menu and badges speak English", async () => {
    const page = await openPortalPage(s, 'vanthu', '/du-thao');
    const menu = await waitForItem(page, (i) => i.attributes['aria-haspopup'] === 'menu');
    await clickItem(page, (i) => i.nodeId === menu.nodeId);
    await waitForItem(page, (i) => i.tag === 'button' && !('hidden' in i.attributes), 5_000);
    for (const width of [360, 1366]) {
      await page.setViewportSize({ width, height: 768 });
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${IMG}/en-portal-row-menu-${width}.png` });
    }
    // Only our injected items: the portal's own page text is the portal's, in its own language.
    const { hosts } = await actionHosts(page);
    const injected = hosts
      .flat()
      .flatMap((i) => [i.text, i.attributes.title ?? '', i.attributes['aria-label'] ?? '']);
    expect(injected.length).toBeGreaterThan(0);
    expect(leaks(injected)).toEqual([]);
    await page.close();
  });
});
