import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHosts, clickItem, waitForItem } from '../support/closed-shadow.js';
import { signInPlace } from '../support/demo-incoming.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  forgetSessionValue,
  ORIGIN,
  openPortalPage,
  screenshotsDir,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';

// "Vào sổ" opens the book the row and the document call for, the issuing organisation is pre-filled,
// and each demo user sees only its role's flows — the demo portal, the real daemon, the demo build.
let s: ExtensionSession;
let SHOTS: string;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The flow labels of every row's menu, once the rows are decorated. */
async function rowFlows(page: Page): Promise<string[][]> {
  await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Kiểm tra chữ ký');
  const { cdp, hosts } = await actionHosts(page);
  await cdp.detach();
  return hosts.map((h) => h.filter((i) => i.tag === 'button' && 'role' in i.attributes).map((i) => i.text));
}

/** Clicks "Vào sổ" on the first row and returns the side panel tab the background points at. */
async function register(page: Page, sha: string): Promise<string | undefined> {
  await forgetSessionValue(s.context, 'panel:tab');
  // A reloaded page is decorated again before its items can be clicked.
  await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
  await clickItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
  await expect.poll(() => sessionValue(s.context, 'report:current'), { timeout: 30_000 }).toBe(sha);
  await expect.poll(() => sessionValue(s.context, 'panel:tab'), { timeout: 20_000 }).toBeDefined();
  return ((await sessionValue(s.context, 'panel:tab')) as { tab?: string } | undefined)?.tab;
}

describe.runIf(daemonCommandsAvailable())('registration follows the document and the portal user', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    s = await startExtensionSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('the demo profile reads the portal user role: lãnh đạo signs and checks, văn thư does everything', async () => {
    const official = await openPortalPage(s, 'lanhdao', '/du-thao');
    const asOfficial = await rowFlows(official);
    expect(asOfficial.length).toBe(2);
    for (const flows of asOfficial) expect(flows.sort()).toEqual(['Kiểm tra chữ ký', 'Ký số']);
    await official.close();
    const specialist = await openPortalPage(s, 'chuyenvien', '/du-thao');
    for (const flows of await rowFlows(specialist)) expect(flows).toEqual(['Kiểm tra chữ ký']);
    await specialist.close();
    const clerk = await openPortalPage(s, 'vanthu', '/du-thao');
    for (const flows of await rowFlows(clerk)) {
      expect(flows.sort()).toEqual(['Cấp số & đóng dấu', 'Kiểm tra chữ ký', 'Ký số', 'Vào sổ']);
    }
    await clerk.close();
  });

  it('"Vào sổ" on a draft opens the outgoing registration', async () => {
    // Not signed yet: only the profile's mark on the row (the drafts list) says it is ours.
    const draft = readFileSync(s.portal.pdfPath('dt-001'));
    const page = await openPortalPage(s, 'vanthu', '/du-thao');
    expect(await register(page, sha256(draft))).toBe('outgoing');
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html`);
    await panel.getByTestId('register-outgoing').waitFor({ timeout: 20_000 });
    await expect(panel.getByTestId('chosen-document').textContent({ timeout: 20_000 })).resolves.toContain(
      'dt-001.pdf',
    );
    await expect.poll(() => panel.inputValue('[id="f-CodeNotation"]'), { timeout: 30_000 }).toBe('QĐ-UBND');
    await panel.screenshot({ path: `${SHOTS}/registration-draft-outgoing.png`, fullPage: true });
    await panel.close();
    await page.close();
  });

  it('an arrival opens the incoming registration, its issuer from the header, then from the seal', async () => {
    const approved = signInPlace(s, 'den-001', 'approver');
    const page = await openPortalPage(s, 'vanthu', '/van-ban-den');
    expect(await register(page, sha256(approved))).toBe('incoming');
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html`);
    await panel.getByTestId('register-incoming').waitFor({ timeout: 20_000 });
    // Not sealed: the organisation the header names at the top left.
    await expect
      .poll(() => panel.inputValue('[id="f-OrganName"]'), { timeout: 30_000 })
      .toBe('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
    await panel.close();

    // Sealed: the seal certificate's organisation.
    const sealed = signInPlace(s, 'den-001', 'seal');
    await page.reload();
    expect(await register(page, sha256(sealed))).toBe('incoming');
    const again = await s.context.newPage();
    await again.goto(`${ORIGIN}/sidepanel.html`);
    await again.getByTestId('register-incoming').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => again.inputValue('[id="f-OrganName"]'), { timeout: 30_000 })
      .toBe('Ủy ban nhân dân thành phố Cần Thơ');
    await again.screenshot({ path: `${SHOTS}/registration-arrival-organ.png`, fullPage: true });
    await again.close();
    await page.close();
  });
});
