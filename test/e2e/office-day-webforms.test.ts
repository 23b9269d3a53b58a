import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickItem, type ShadowItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openFlow,
  outcomeOf,
  sessionValue,
  startExtensionSession,
  submitFlow,
  fillSettled,
} from '../support/extension-session.js';
import { CITY, registerBook, signAsSent } from '../support/office-day.js';
import { webFormsProfile } from '../support/portal-webforms/profile.js';
import {
  DEMO_PASSWORD,
  startWebFormsPortal,
  type WebFormsPortal,
} from '../support/portal-webforms/server.js';
import { setSiteAccess } from '../support/site-access.js';
import { stepTrace } from '../support/step-trace.js';
import { pdftotext } from '../support/validators.js';

// The short office day on the WebForms-style portal: the clerk registers an arrival from its iframe
// viewer into the incoming book (the portal's own "Vào sổ" form filled with the register's number),
// and numbers and seals a signed draft with the outgoing book's next number.
const HOST = '127.0.0.2';
const PATTERN = `http://${HOST}/*`;
let s: ExtensionSession;
let wf: WebFormsPortal;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function openAs(user: string, path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`${wf.url}/Login.aspx`);
  await page.fill('#MainContent_txtTenDangNhap', user);
  await page.fill('#MainContent_txtMatKhau', DEMO_PASSWORD);
  await page.click('#MainContent_btnDangNhap');
  await page.waitForURL(/DanhSach\.aspx/);
  await page.goto(`${wf.url}${path}`);
  return page;
}

describe.runIf(daemonCommandsAvailable())('the office day on a WebForms portal', () => {
  beforeAll(async () => {
    s = await startExtensionSession({
      config: { registry: { organId: CITY.code, organName: CITY.name } },
    });
    wf = await startWebFormsPortal({ dataDir: join(s.home, 'webforms'), host: HOST });
    await setSiteAccess(s.context, PATTERN, 'add');
    const options = await s.context.newPage();
    await options.goto(`${ORIGIN}/options.html`);
    await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([webFormsProfile([PATTERN])]));
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await expect(options.getByRole('status').textContent()).resolves.toBe('Đã lưu 1 hồ sơ cổng.');
    await options.close();
  }, 180_000);

  afterAll(async () => {
    await wf?.close();
    await s?.close();
  });

  it('an arrival is registered as Số đến 1 and the portal form gets that number', async () => {
    // Set-up: document 4 as another agency sent it, signed by its approver.
    signAsSent(s, wf.pdfPath(4));
    const sent = readFileSync(wf.pdfPath(4));
    const viewer = await openAs('vanthu', '/VanBan/ChiTiet.aspx?id=4');
    const badge = (i: ShadowItem) => i.attributes['data-state'] === 'valid';
    await waitForItem(viewer, badge, 60_000);
    await clickItem(viewer, badge);
    await expect
      .poll(() => sessionValue(s.context, 'report:current'), { timeout: 20_000 })
      .toBe(sha256(sent));
    // The portal's own "Vào sổ" form, the portal tab the panel fills.
    await viewer.goto(`${wf.url}/VanBan/VaoSo.aspx?id=4`);
    const panel = await s.context.newPage();
    await panel.setViewportSize({ width: 380, height: 900 });
    await panel.goto(`${ORIGIN}/sidepanel.html#report=${sha256(sent)}`);
    await panel.getByRole('button', { name: 'Vào sổ văn bản đến' }).click({ timeout: 30_000 });
    await expect.poll(() => panel.inputValue('[id="f-CodeNumber"]'), { timeout: 30_000 }).toBe('87');
    await viewer.bringToFront();
    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await expect
      .poll(
        async () =>
          (await panel.getByTestId('registered').count()) && panel.getByTestId('registered').textContent(),
        {
          timeout: 30_000,
        },
      )
      .toContain('Số đến 1');
    await panel.screenshot({ path: 'docs/img/office-day-webforms-registered.png', fullPage: true });
    await expect.poll(() => viewer.inputValue('#MainContent_txtSoDen'), { timeout: 20_000 }).toBe('1');
    await viewer.click('#MainContent_btnLuu');
    await viewer.waitForSelector('#MainContent_lblThongBao');
    expect(wf.registration(4)).toMatchObject({
      txtSoDen: '1',
      txtTrichYeu: expect.stringContaining('giao chỉ tiêu'),
    });
    const incoming = registerBook(s, 'incoming');
    expect(incoming.map((e) => [e.number, e.fields['CodeNumber'], e.fields['CodeNotation']])).toEqual([
      [1, '87', 'QĐ-UBND'],
    ]);
    expect(incoming[0]!.file?.sha256).toBe(sha256(sent));
    await panel.close();
    await viewer.close();
  });

  it('a signed draft is numbered from the outgoing book and sealed: the stamp is the register number', async () => {
    const step = stepTrace('office-day-webforms');
    const draft = await openAs('lanhdao', '/VanBan/ChiTiet.aspx?id=1');
    step('the approver has the draft open');
    await draft.waitForSelector('iframe#ifrXemVanBan + vanthu-actions', { timeout: 15_000 });
    const signWin = await openFlow(s, draft, 'Ký số');
    step('the signing window is connected');
    await submitFlow(s, signWin, s.demo.signaturePng, 'Ký số');
    step('Ký số submitted');
    expect(await outcomeOf(signWin)).toContain('Đã ký số 1 văn bản');
    step('signed');
    // The tab is closed once the portal has answered the upload of the signed file, never in the
    // middle of that postback (a close there can hang the browser).
    await draft.locator('#MainContent_lblThongBao').waitFor({ timeout: 30_000 });
    step('the portal saved the signed file');
    await signWin.close();
    await draft.close();
    step('the approver closed the draft');

    const page = await openAs('vanthu', '/VanBan/ChiTiet.aspx?id=1');
    step('the clerk has the signed draft open');
    await page.waitForSelector('iframe#ifrXemVanBan + vanthu-actions', { timeout: 15_000 });
    const win = await openFlow(s, page, 'Cấp số & đóng dấu');
    step('the numbering window is connected');
    await fillSettled(win.getByLabel('Ký hiệu loại văn bản'), 'QĐ-UBND');
    await win.getByRole('button', { name: 'Lấy số', exact: true }).click({ timeout: 30_000 });
    step('Lấy số clicked');
    const shown = win.getByTestId('reserved-number');
    await expect.poll(() => shown.textContent(), { timeout: 15_000 }).toMatch(/^\d+\/QĐ-UBND$/);
    const number = (await shown.textContent())!;
    step(`${number} reserved`);
    await expect
      .poll(() => win.getByLabel('Trích yếu nội dung').inputValue(), { timeout: 15_000 })
      .not.toBe('');
    step('the abstract is pre-filled');
    await submitFlow(s, win, s.demo.sealPng, 'Cấp số & đóng dấu');
    step('Cấp số & đóng dấu submitted');
    expect(await outcomeOf(win)).toContain(`Số ${number} đã vào sổ văn bản đi`);
    step('numbered and sealed');
    await win.screenshot({ path: 'docs/img/office-day-webforms-sealed.png' });
    await win.close();
    const notice = page.locator('#MainContent_lblThongBao');
    await notice.waitFor({ timeout: 30_000 });
    step('the portal saved the sealed file');

    // The outgoing book's first number, today's date, kept with this very file; the stamp says the same.
    const issued = registerBook(s, 'outgoing').filter((e) => e.state === 'issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.number).toBe(1);
    expect(`${issued[0]!.fields['CodeNumber']}/${issued[0]!.fields['CodeNotation']}`).toBe(number);
    expect(issued[0]!.fields['IssuedDate']).toBe(today);
    expect(issued[0]!.file?.sha256).toBe(sha256(readFileSync(wf.pdfPath(1))));
    const [numeral, notation] = number.split('/');
    const text = pdftotext(wf.pdfPath(1), 1).normalize('NFC');
    expect(text).toMatch(new RegExp(`${numeral}\\s*/\\s*${notation}`));
    await page.close();
  });
});
