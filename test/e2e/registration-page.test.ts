import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  screenshotsDir,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';
import { renderPdf, SEED } from '../support/portal/documents.js';
import { webFormsProfile } from '../support/portal-webforms/profile.js';
import {
  DEMO_PASSWORD,
  startWebFormsPortal,
  type WebFormsPortal,
} from '../support/portal-webforms/server.js';
import { setSiteAccess } from '../support/site-access.js';

// A portal whose registration form is on its own page (VanBan/VaoSo.aspx?id=…): the profile names it
// in `registration.page`, "Vào sổ" from the list opens it in the same tab, and the registration the
// clerk saves in the side panel is filled there — the WebForms test portal, the real daemon, the build.
const HOST = '127.0.0.3';
const PATTERN = `http://${HOST}/*`;
let s: ExtensionSession;
let wf: WebFormsPortal;
let SHOTS: string;

describe.runIf(daemonCommandsAvailable())('a registration form on its own portal page', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    s = await startExtensionSession({
      config: { registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' } },
    });
    wf = await startWebFormsPortal({ dataDir: join(s.home, 'webforms'), host: HOST });
    // The first row's document: a numbered, dated decision of another agency.
    const arrival = SEED.find((d) => d.id === 'den-001');
    if (!arrival) throw new Error('seed den-001');
    writeFileSync(wf.pdfPath(1), await renderPdf(arrival));
    await setSiteAccess(s.context, PATTERN, 'add');
    const base = webFormsProfile([PATTERN]);
    if (!base.registration) throw new Error('the WebForms profile maps its registration form');
    const profile = {
      ...base,
      registration: { ...base.registration, page: '/VanBan/VaoSo.aspx?id={data-id}' },
    };
    const options = await s.context.newPage();
    await options.goto(`${ORIGIN}/options.html`);
    await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([profile]));
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await expect(options.getByRole('status').textContent()).resolves.toBe('Đã lưu 1 hồ sơ cổng.');
    // A page template on another origin is refused with its path, and nothing is saved.
    const offOrigin = {
      ...profile,
      registration: { ...profile.registration, page: 'https://evil.example/x' },
    };
    await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([offOrigin]));
    await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await options
      .getByText('[0] registration.page: phải là đường dẫn trên chính cổng', { exact: false })
      .waitFor({ timeout: 10_000 });
    await options.close();
  });

  afterAll(async () => {
    await wf?.close();
    await s?.close();
  });

  it('"Vào sổ" from the list opens the registration page in the same tab, and the saved registration fills it', async () => {
    const page = await s.context.newPage();
    await page.goto(`${wf.url}/Login.aspx`);
    await page.fill('#MainContent_txtTenDangNhap', 'vanthu');
    await page.fill('#MainContent_txtMatKhau', DEMO_PASSWORD);
    await page.click('#MainContent_btnDangNhap');
    await page.waitForURL(/DanhSach\.aspx/);
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
    await clickItem(page, (i) => i.tag === 'button' && i.text === 'Vào sổ');
    await page.waitForURL(`${wf.url}/VanBan/VaoSo.aspx?id=1`, { timeout: 30_000 });
    await expect
      .poll(() => sessionValue(s.context, 'panel:tab'), { timeout: 30_000 })
      .toMatchObject({ tab: 'incoming' });

    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html`);
    await panel.getByTestId('register-incoming').waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.inputValue('[id="f-CodeNumber"]'), { timeout: 30_000 }).toBe('87');
    // The side panel is a tab of its own here: the portal tab must be the one last used on its origin.
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await expect(panel.getByTestId('registered').textContent({ timeout: 30_000 })).resolves.toMatch(
      /Số đến 1 — đã điền \d+ trường vào biểu mẫu của cổng/,
    );
    await panel.screenshot({ path: `${SHOTS}/registration-page-saved.png`, fullPage: true });
    expect(await page.inputValue('#MainContent_txtSoDen')).toBe('1');
    expect(await page.inputValue('#MainContent_txtTrichYeu')).toMatch(/^Về việc giao chỉ tiêu/);
    await page.click('#MainContent_btnLuu');
    await page.waitForSelector('#MainContent_lblThongBao');
    expect(wf.registration(1)).toMatchObject({
      txtSoDen: '1',
      txtSoKyHieu: '87',
      txtNgayVanBan: '28/10/2026',
    });
    await page.screenshot({ path: `${SHOTS}/registration-page-portal.png`, fullPage: true });
    await panel.close();
    await page.close();
  });
});
