import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daemonCommandsAvailable,
  openFlow,
  openPortalPage,
  outcomeOf,
  submitFlow,
  fillSettled,
} from '../support/extension-session.js';
import {
  CITY,
  HOME_AFFAIRS,
  type OfficeDay,
  openPanel,
  registerBook,
  startOfficeDay,
  statusesReceived,
} from '../support/office-day.js';
import { pdftotext } from '../support/validators.js';

// The office day of NĐ 30, in Chromium, between two agencies on one local axis: UBND thành phố Cần
// Thơ signs, numbers from its register, seals and sends; Sở Nội vụ registers (03), assigns with a
// deadline per unit (04), handles (05), completes (06) and files; the city recalls (13) and Sở Nội vụ
// agrees (15). Every step is a clerk's click in the extension; only the set-up is done by hand.
let day: OfficeDay;
const SHOTS = 'docs/img';
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/office-day-${name}.png`, fullPage: true });

/** Nothing wider than the page: the panel is a narrow column. */
const noOverflow = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  );

/** The text of a test id, polled until it matches. */
const pollText = (page: Page, testId: string, timeout = 30_000) =>
  expect.poll(
    async () => (await page.getByTestId(testId).count()) && (await page.getByTestId(testId).textContent()),
    {
      timeout,
    },
  );

const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
/** A date `days` from today, yyyy-mm-dd (a unit's deadline). */
const inDays = (days: number) =>
  new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

describe.runIf(daemonCommandsAvailable())('the office day between two agencies', () => {
  beforeAll(async () => {
    day = await startOfficeDay();
  }, 240_000);

  afterAll(async () => {
    await day?.close();
  });

  it('signs, numbers from the register, seals, sends; the other agency registers, assigns, handles, files; the recall is answered on both sides', async () => {
    const city = day.city.session;

    // 1. lanhdao signs the draft.
    const draft = await openPortalPage(city, 'lanhdao', '/van-ban/dt-001');
    const signWin = await openFlow(city, draft, 'Ký số');
    // The signed file goes back through the portal's upload form: the tab is closed once the portal
    // has answered, never in the middle of that navigation (a close there can hang the browser).
    const signedUploaded = draft.waitForURL(/\/van-ban\/dt-001\/tai-len$/, { timeout: 60_000 });
    await submitFlow(city, signWin, city.demo.signaturePng, 'Ký số');
    expect(await outcomeOf(signWin)).toContain('Đã ký số 1 văn bản');
    await signedUploaded;
    await signWin.close();
    await draft.close();

    // 2. vanthu numbers it from the register and seals it.
    const clerkPage = await openPortalPage(city, 'vanthu', '/van-ban/dt-001');
    const sealWin = await openFlow(city, clerkPage, 'Cấp số & đóng dấu');
    await sealWin.setViewportSize({ width: 1024, height: 768 });
    await fillSettled(sealWin.getByLabel('Ký hiệu loại văn bản'), 'QĐ-UBND');
    await sealWin.getByRole('button', { name: 'Lấy số', exact: true }).click();
    await expect
      .poll(() => sealWin.getByTestId('reserved-number').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+\/QĐ-UBND$/);
    const number = (await sealWin.getByTestId('reserved-number').textContent())!;
    await expect
      .poll(() => sealWin.getByLabel('Trích yếu nội dung').inputValue(), { timeout: 15_000 })
      .not.toBe('');
    await shot(sealWin, '1-number-seal');
    const uploaded = clerkPage.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
    await submitFlow(city, sealWin, city.demo.sealPng, 'Cấp số & đóng dấu');
    expect(await outcomeOf(sealWin)).toContain(`Số ${number} đã vào sổ văn bản đi`);
    await uploaded;
    await sealWin.close();
    await clerkPage.close();

    // The register gave that number, and the stamp on the sealed PDF is the register's.
    const issued = registerBook(day.city.session, 'outgoing').filter((e) => e.state === 'issued');
    expect(issued).toHaveLength(1);
    const outgoing = issued[0]!;
    const [numeral, notation] = number.split('/');
    expect(`${outgoing.fields['CodeNumber']}/${outgoing.fields['CodeNotation']}`).toBe(number);
    expect(outgoing.fields['IssuedDate']).toBe(today);
    const stamped = pdftotext(city.portal.pdfPath('dt-001'), 1).normalize('NFC');
    expect(stamped).toMatch(new RegExp(`${numeral}\\s*/\\s*${notation}`));
    const documentId = `${CITY.code},${today.replaceAll('-', '/')},${number}`;

    // 3. The clerk opens the entry in Văn bản đi and sends it to Sở Nội vụ.
    const cityPanel = await openPanel(day.city, 'tab=outgoing');
    await cityPanel.locator(`[data-entry-link="${outgoing.id}"]`).click({ timeout: 30_000 });
    await cityPanel.getByTestId('entry-number').waitFor({ timeout: 20_000 });
    expect(await cityPanel.getByTestId('entry-number').textContent()).toBe(`Số ${number}`);
    await cityPanel.getByLabel('Tìm theo tên hoặc mã định danh').fill('noi vu');
    await cityPanel
      .getByRole('button', { name: new RegExp(`^${HOME_AFFAIRS.name}`) })
      .click({ timeout: 20_000 });
    await cityPanel.getByRole('button', { name: 'Gửi qua trục liên thông' }).click();
    // Each recipient by its name, its delivery in words.
    await pollText(cityPanel, 'deliveries').toContain(`${HOME_AFFAIRS.name}: `);
    expect(await cityPanel.locator(`[data-recipient="${HOME_AFFAIRS.code}"]`).count()).toBe(1);
    await shot(cityPanel, '2-sent');
    await noOverflow(cityPanel);

    // 4. Sở Nội vụ's clerk sees the arrival, its signatures valid (green), and registers it (03).
    const homePanel = await openPanel(day.home, 'tab=exchange');
    const exchange = homePanel.getByTestId('exchange');
    await exchange.getByRole('tab', { name: /^Văn bản đến/ }).click();
    const arrival = homePanel.locator('li[data-arrival]').filter({ hasText: number });
    await expect.poll(() => arrival.count(), { timeout: 60_000 }).toBe(1);
    const valid = arrival.getByText('Chữ ký hợp lệ');
    await expect.poll(() => valid.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await valid.first().evaluate((e) => getComputedStyle(e).color)).toBe('rgb(4, 120, 87)');
    await shot(homePanel, '3-arrival');
    await arrival.locator('[data-register]').click();
    await homePanel.getByTestId('chosen-arrival').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => homePanel.inputValue('[id="f-CodeNotation"]'), { timeout: 20_000 })
      .toBe(notation);
    // No portal form holds an arrival from the axis: the button promises only the register.
    await homePanel.getByRole('button', { name: 'Vào sổ', exact: true }).click();
    await pollText(homePanel, 'registered').toContain('Số đến 1');
    await shot(homePanel, '4-registered');
    const incoming = registerBook(day.home.session, 'incoming');
    expect(incoming).toHaveLength(1);
    expect(incoming[0]!.number).toBe(1);
    expect(`${incoming[0]!.fields['CodeNumber']}/${incoming[0]!.fields['CodeNotation']}`).toBe(number);
    await expect.poll(() => statusesReceived(day.city, documentId), { timeout: 30_000 }).toContain('03');

    // 5. Assignment per Điều 7.2: a lead unit and a cooperating unit, each with its deadline (04).
    await homePanel.getByTestId('open-entry').click();
    await homePanel.getByTestId('assign-form').waitFor({ timeout: 20_000 });
    await homePanel.getByLabel('Đơn vị chủ trì', { exact: true }).fill('Phòng Công chức, viên chức');
    await homePanel.getByLabel('Hạn xử lý của đơn vị chủ trì').fill(ddmmyyyy(inDays(10)));
    await homePanel.getByLabel('Đơn vị phối hợp 1', { exact: true }).fill('Phòng Tổ chức biên chế');
    await homePanel.getByLabel('Hạn xử lý của đơn vị phối hợp 1').fill(ddmmyyyy(inDays(7)));
    await homePanel.getByLabel('Ý kiến chỉ đạo').fill('Đề xuất phương án triển khai, báo cáo Giám đốc.');
    await shot(homePanel, '5-assign-form');
    await noOverflow(homePanel);
    await homePanel.getByRole('button', { name: 'Phân công', exact: true }).click();
    await pollText(homePanel, 'assignments').toContain(
      `Chủ trì: Phòng Công chức, viên chức — hạn ${ddmmyyyy(inDays(10))}`,
    );
    expect(await homePanel.getByTestId('assignments').textContent()).toContain(
      `Phối hợp: Phòng Tổ chức biên chế — hạn ${ddmmyyyy(inDays(7))}`,
    );
    expect(await homePanel.getByTestId('entry-state').textContent()).toBe('Đã phân công xử lý');
    await shot(homePanel, '5-assigned');
    await noOverflow(homePanel);

    // 6. In progress (05), then completed (06).
    await homePanel.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await pollText(homePanel, 'entry-state').toBe('Đang xử lý');
    await homePanel.getByRole('button', { name: 'Hoàn thành xử lý' }).click();
    await pollText(homePanel, 'entry-state').toBe('Đã hoàn thành xử lý');

    // 7. A hồ sơ is opened in the Hồ sơ tab, and the entry is filed into it from the entry itself.
    const records = await openPanel(day.home, 'tab=records');
    await records.getByText('Lập hồ sơ ngoài danh mục').click();
    await records.fill('[id="f-FileCode.FileNotation"]', '05.CCVC');
    await records.fill('[id="f-Title"]', 'Hồ sơ triển khai quy chế công tác văn thư năm 2026');
    await records.fill('[id="f-Maintenance"]', '10 năm');
    await records.fill('[id="f-Creator"]', 'Phòng Công chức, viên chức');
    await records.fill('[id="f-StartDate"]', ddmmyyyy(today));
    await records.getByRole('button', { name: 'Lập hồ sơ', exact: true }).click();
    await records.getByTestId('record').waitFor({ timeout: 20_000 });
    await records.close();
    await homePanel.reload();
    const recordChoice = homePanel.getByLabel('Hồ sơ', { exact: true });
    await expect.poll(() => recordChoice.locator('option').count(), { timeout: 20_000 }).toBe(2);
    await recordChoice.selectOption({ index: 1 });
    await homePanel.getByRole('button', { name: 'Đưa vào hồ sơ' }).click();
    await pollText(homePanel, 'filed-in').toContain('05.CCVC');
    await shot(homePanel, '6-completed-filed');
    await noOverflow(homePanel);
    await expect
      .poll(() => statusesReceived(day.city, documentId).filter((c) => c !== '01'), { timeout: 30_000 })
      .toEqual(['03', '04', '05', '06']);

    // The city sees Sở Nội vụ's last answer on its entry.
    await pollText(cityPanel, 'deliveries').toContain('Đã hoàn thành xử lý');

    // 8. The city recalls the document (13) with its reason.
    await cityPanel.getByText('Thu hồi văn bản', { exact: true }).click();
    await cityPanel.getByLabel('Lý do thu hồi').fill('Ban hành nhầm phụ lục, sẽ ban hành văn bản thay thế');
    await cityPanel.getByRole('button', { name: 'Gửi yêu cầu thu hồi' }).click();
    await pollText(cityPanel, 'entry-state').toBe('Đã thu hồi');
    await shot(cityPanel, '7-recall-sent');

    // 9. Sở Nội vụ sees the request on its entry, which is no longer current, and agrees (15).
    await pollText(homePanel, 'recall-answer', 60_000).toContain('Ban hành nhầm phụ lục');
    await pollText(homePanel, 'recalled').toContain('không còn là văn bản hiện hành');
    await shot(homePanel, '8-recall-received');
    await homePanel.getByLabel('Lý do trả lời thu hồi').fill('Đồng ý, chờ văn bản thay thế');
    await homePanel.getByRole('button', { name: 'Đồng ý thu hồi', exact: true }).click();
    await pollText(homePanel, 'recalled').toContain('Đã đồng ý thu hồi');
    expect(await homePanel.getByTestId('recall-answer').count()).toBe(0);
    await shot(homePanel, '9-recall-answered');

    // 10. The city sees the answer; the sender received 03, 04, 05, 06 and then 15, in that order.
    await pollText(cityPanel, 'deliveries', 60_000).toContain('Đồng ý thu hồi');
    expect(await cityPanel.getByTestId('deliveries').textContent()).toContain('Đồng ý, chờ văn bản thay thế');
    await shot(cityPanel, '10-recall-accepted');
    await noOverflow(cityPanel);
    expect(statusesReceived(day.city, documentId).filter((c) => c !== '01')).toEqual([
      '03',
      '04',
      '05',
      '06',
      '15',
    ]);
    // The recall state on both sides: both entries recalled, each keeping its number.
    const cityAfter = registerBook(day.city.session, 'outgoing').find((e) => e.id === outgoing.id)!;
    expect(cityAfter.state).toBe('recalled');
    expect(`${cityAfter.fields['CodeNumber']}/${cityAfter.fields['CodeNotation']}`).toBe(number);
    const homeAfter = registerBook(day.home.session, 'incoming')[0]!;
    expect(homeAfter.state).toBe('recalled');
    expect(homeAfter.number).toBe(1);
    // No raw status code or English on the clerk's screens.
    for (const page of [cityPanel, homePanel]) {
      const text = (await page.locator('body').textContent()) ?? '';
      // A status is said in words, never as "(03)" or "03 · …".
      expect(text).not.toMatch(/\(\s*(0[1-6]|1[356])\s*\)|(^|\s)(0[1-6]|1[356])\s·|trạng thái \d\d/);
      expect(text).not.toMatch(/\b(recalled|assigned|in_progress|delivered|acknowledged)\b/);
    }
  }, 600_000);
});
