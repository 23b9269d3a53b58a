import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../shared/src/extension-id.js';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import { signAsIncoming } from '../support/demo-incoming.js';
import {
  CLI,
  daemonCommandsAvailable,
  forgetSessionValue,
  type ExtensionSession,
  openPortalPage,
  ORIGIN,
  openFlow,
  outcomeOf,
  screenshotsDir,
  sessionValue,
  startExtensionSession,
  submitFlow,
  fillSettled,
} from '../support/extension-session.js';
import { startImpostorDaemon } from '../support/impostor-daemon.js';
import { makeNssDb, pdfsig, pdftotext } from '../support/validators.js';

// The whole chain for real: the built extension in Chromium, paired through the native-messaging host,
// the daemon (`vanthu start`) with the SoftHSM2 demo token, and the demo portal.
let s: ExtensionSession;
let nssDb: string;
let SHOTS: string;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function confirm(win: Page, image: string, button: string): Promise<string> {
  await submitFlow(s, win, image, button);
  return outcomeOf(win);
}

// Runs once the daemon's `vanthu start` and `vanthu native-host` are part of the CLI build.
describe.runIf(daemonCommandsAvailable())('extension with the daemon and the demo token', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    // The office's register: "Cấp số & đóng dấu" takes its numbers from the outgoing book.
    s = await startExtensionSession({
      config: { registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' } },
    });
    nssDb = makeNssDb(s.home, readFileSync(s.demo.rootFile, 'utf8'));
  });

  afterAll(async () => {
    await s?.close();
  });

  it('pairs through the native-messaging host; the popup shows the daemon and the demo token', async () => {
    const popup = await s.context.newPage();
    await popup.goto(`${ORIGIN}/popup.html`);
    await popup.locator('[data-testid="daemon-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    const tokens = await popup.getByTestId('tokens').textContent();
    expect(tokens).toContain('vanthu-demo');
    expect(tokens).toContain('Trần Văn Minh');
    await popup.screenshot({ path: `${SHOTS}/01-popup-connected.png` });
    await popup.close();
  });

  it('an official signs a draft and the signed PDF lands back in the portal', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/van-ban/dt-001');
    const before = readFileSync(s.portal.pdfPath('dt-001'));
    const win = await openFlow(s, page, 'Ký số');
    expect(await win.getByTestId('sha256').textContent()).toBe(sha256(before));
    await win.screenshot({ path: `${SHOTS}/02-sign-window.png` });
    const uploaded = page.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
    const outcome = await confirm(win, s.demo.signaturePng, 'Ký số');
    expect(outcome).toContain('Đã ký số 1 văn bản');
    expect(outcome).toContain('đã đưa vào cổng');
    // The PIN never stays in the window.
    expect(await win.locator('input[type="password"]').inputValue()).toBe('');
    await win.screenshot({ path: `${SHOTS}/03-signed.png` });
    await uploaded;
    await expect(page.locator('.thong-bao').textContent()).resolves.toContain(
      'dt-001-da-ky.pdf (phiên bản 2)',
    );
    await page.screenshot({ path: `${SHOTS}/04-portal-signed-version.png` });
    const after = readFileSync(s.portal.pdfPath('dt-001'));
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    const sigs = pdfsig(s.portal.pdfPath('dt-001'), nssDb);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
    await win.close();
    await page.close();
  });

  it("a clerk numbers and seals it with the number the register gives: two signatures pdfsig accepts, the register's number and today's date in the text layer", async () => {
    const page = await openPortalPage(s, 'vanthu', '/van-ban/dt-001');
    const win = await openFlow(s, page, 'Cấp số & đóng dấu');
    await win.setViewportSize({ width: 1024, height: 768 });
    // The seal certificate (CN = the organisation) is preselected.
    expect(await win.locator('select[aria-label="Chứng thư số"]').inputValue()).toBe(s.demo.seal.keyUri);
    // No number or date to type: the clerk picks the book and the type, the register gives the number.
    expect(await win.locator('input[aria-label="Số, ký hiệu"], input[type="date"]').count()).toBe(0);
    await fillSettled(win.getByLabel('Ký hiệu loại văn bản'), 'QĐ-UBND');
    await win.getByRole('button', { name: 'Lấy số', exact: true }).click();
    const shown = win.getByTestId('reserved-number');
    await expect.poll(() => shown.textContent(), { timeout: 15_000 }).toMatch(/^\d+\/QĐ-UBND$/);
    const number = (await shown.textContent())!;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    expect(await win.getByTestId('reserved-date').textContent()).toBe(`${d}/${m}/${y}`);
    // The type and the trích yếu for the outgoing book come from the draft's own text.
    await expect
      .poll(() => win.getByLabel('Trích yếu nội dung').inputValue(), { timeout: 15_000 })
      .toContain('Về việc ban hành Quy chế');
    expect(await win.getByLabel('Tên loại văn bản').inputValue()).toBe('Quyết định');
    await win.screenshot({ path: `${SHOTS}/05-number-seal-window.png` });
    await win.screenshot({ path: 'docs/img/number-seal-window.png' });
    // Nothing wider than the 1024 px window.
    expect(await win.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    const uploaded = page.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
    const outcome = await confirm(win, s.demo.sealPng, 'Cấp số & đóng dấu');
    expect(outcome).toContain('Đã cấp số và đóng dấu 1 văn bản');
    expect(outcome).toContain(`Số ${number} đã vào sổ văn bản đi`);
    await uploaded;
    await page.screenshot({ path: `${SHOTS}/06-portal-sealed-version.png` });
    const file = s.portal.pdfPath('dt-001');
    const sigs = pdfsig(file, nssDb);
    expect(sigs).toHaveLength(2);
    for (const sig of sigs) expect(sig).toMatchObject({ signatureValid: true, certificateTrusted: true });
    // The register holds this very file under the number the window showed.
    const listed = JSON.parse(
      execFileSync(process.execPath, [CLI, 'registry', 'list', '--kind', 'outgoing', '--json'], {
        env: s.env,
        encoding: 'utf8',
      }),
    ) as { entries: { state: string; fields: Record<string, string>; file?: { sha256: string } }[] };
    const issued = listed.entries.filter((e) => e.state === 'issued');
    expect(issued).toHaveLength(1);
    expect(`${issued[0]!.fields['CodeNumber']}/${issued[0]!.fields['CodeNotation']}`).toBe(number);
    expect(issued[0]!.fields['IssuedDate']).toBe(today);
    expect(issued[0]!.file?.sha256).toBe(sha256(readFileSync(file)));
    const [numeral, notation] = number.split('/');
    const text = pdftotext(file, 1).normalize('NFC');
    expect(text).toMatch(new RegExp(`${numeral}\\s*/\\s*${notation}`));
    expect(text).toMatch(
      new RegExp(`ngày\\s+${d}\\s+tháng\\s+${Number(m) <= 2 ? m : Number(m)}\\s+năm\\s+${y}`),
    );
    await win.close();
    await page.close();
  });

  it('an incoming PDF shows a green badge with signer and organisation; tampered, a red one and the report says why', async () => {
    // The incoming document as another agency sent it: signed by the demo approver.
    const incoming = s.portal.pdfPath('den-001');
    const good = signAsIncoming(s, 'den-001');
    const page = await openPortalPage(s, 'vanthu', '/van-ban-den');
    const green = await waitForItem(page, (i) => i.attributes['data-state'] === 'valid');
    expect(green.text).toContain('Trần Văn Minh');
    expect(green.text).toContain('UBND thành phố Cần Thơ');
    await page.screenshot({ path: `${SHOTS}/07-badge-valid.png` });
    // A click on the badge points the side panel at this document's report.
    await clickItem(page, (i) => i.attributes['data-state'] === 'valid');
    await expect.poll(() => sessionValue(s.context, 'report:current')).toBe(sha256(good));
    const report = await s.context.newPage();
    await report.goto(`${ORIGIN}/sidepanel.html#report=${sha256(good)}`);
    await expect(report.getByTestId('report-indication').textContent()).resolves.toContain(
      'Đã ký — 1 chữ ký, hợp lệ',
    );
    await expect(report.getByTestId('signature').first().textContent()).resolves.toContain('Trần Văn Minh');
    await report.screenshot({ path: `${SHOTS}/08-report-valid.png` });

    // Someone changes one byte of the signed content (the binary comment of the header line).
    const tampered = Buffer.from(good);
    tampered[11] = (tampered[11] ?? 0) ^ 0x01;
    writeFileSync(incoming, tampered);
    await page.reload();
    const red = await waitForItem(page, (i) => i.attributes['data-state'] === 'invalid');
    expect(red.text).toBe('Chữ ký không hợp lệ');
    expect(red.attributes['title']).toContain('Trần Văn Minh');
    await page.screenshot({ path: `${SHOTS}/09-badge-tampered.png` });
    await report.goto(`${ORIGIN}/sidepanel.html#report=${sha256(tampered)}`);
    await report.reload();
    await expect(report.getByTestId('report-indication').textContent()).resolves.toMatch(
      /Đã ký — 1 chữ ký, chữ ký 1 \(người có thẩm quyền ký, Trần Văn Minh\) không hợp lệ: /,
    );
    await expect(report.getByTestId('signature').first().textContent()).resolves.toMatch(
      /sửa đổi sau khi ký|không khớp/,
    );
    await report.screenshot({ path: `${SHOTS}/10-report-tampered.png` });
    await report.close();
    await page.close();
  });

  it('a wrong PIN is refused with a clear message, the PIN is cleared and nothing reaches the portal', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/van-ban/di-001');
    const before = readFileSync(s.portal.pdfPath('di-001'));
    const win = await openFlow(s, page, 'Ký số');
    await submitFlow(s, win, s.demo.signaturePng, 'Ký số', s.demo.pin === '000000' ? '111111' : '000000');
    const outcome = await outcomeOf(win);
    expect(outcome).toContain('Văn bản chưa được ký. Mã PIN không đúng');
    // One language at a time: no English after the Vietnamese.
    expect(outcome).not.toContain('Incorrect PIN');
    expect(await win.locator('input[type="password"]').inputValue()).toBe('');
    expect(await win.locator('input[type="checkbox"]').isChecked()).toBe(false);
    await win.screenshot({ path: `${SHOTS}/11a-wrong-pin.png` });
    expect(readFileSync(s.portal.pdfPath('di-001')).equals(before)).toBe(true);
    await win.close();
    await page.close();
  });

  it('a page script clicking the buttons, posting messages or opening a socket to the daemon achieves nothing', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    await waitForItem(page, (i) => i.text === 'Ký số');
    const pagesBefore = s.context.pages().length;
    const attempt = await page.evaluate(
      async ({ port, id }) => {
        for (const host of Array.from(document.querySelectorAll('vanthu-actions'))) {
          host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          (host as HTMLElement).click();
        }
        window.postMessage({ type: 'flow.open', flow: 'sign', urls: [location.href] }, '*');
        window.postMessage({ type: 'document.deliver', filename: 'x.pdf', base64: 'JVBERi0=' }, '*');
        const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        let external = 'unavailable';
        if (runtime && typeof runtime.sendMessage === 'function') {
          try {
            (runtime.sendMessage as (id: string, m: unknown) => void)(id, { type: 'daemon.status' });
            external = 'sent';
          } catch {
            external = 'refused';
          }
        }
        const socket = await new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
          const timer = setTimeout(() => resolve('timeout'), 5_000);
          ws.onopen = () => ws.send(JSON.stringify({ v: 1, id: 'p1', type: 'tokens.list', payload: {} }));
          ws.onmessage = (e) => {
            clearTimeout(timer);
            resolve(`answered: ${String(e.data)}`);
          };
          ws.onerror = () => {
            clearTimeout(timer);
            resolve('refused');
          };
        });
        return { external, socket };
      },
      { port: s.daemonPort, id: EXTENSION_ID },
    );
    expect(attempt.external).not.toBe('sent');
    expect(attempt.socket).toBe('refused');
    await page.waitForTimeout(500);
    expect(s.context.pages().length).toBe(pagesBefore);
    await page.screenshot({ path: `${SHOTS}/11-hostile-page.png` });
    await page.close();
  });

  it('survives the daemon restarting mid-session: the open window reconnects and signs where the user put it', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/van-ban/dt-002');
    const win = await openFlow(s, page, 'Ký số');
    await s.stopDaemon();
    // Meanwhile the popup says the service is not running, and what to do.
    const popup = await s.context.newPage();
    await popup.goto(`${ORIGIN}/popup.html`);
    await popup
      .locator('[data-testid="daemon-state"][data-state="not-running"]')
      .waitFor({ timeout: 20_000 });
    await expect(popup.getByRole('alert').textContent()).resolves.toContain('vanthu start');
    await popup.screenshot({ path: `${SHOTS}/12a-popup-not-running.png` });
    await popup.close();
    await s.startDaemon();
    // Drag the placement rectangle to the upper left of page 1 before signing.
    const sheet = win.locator('[data-page="1"]');
    await sheet.locator('canvas[data-rendered="true"]').waitFor();
    await sheet.scrollIntoViewIfNeeded();
    const box = await sheet.boundingBox();
    if (!box) throw new Error('no page 1');
    await win.mouse.move(box.x + 120, box.y + 140);
    await win.mouse.down();
    await win.mouse.move(box.x + 130, box.y + 150, { steps: 4 });
    await win.mouse.up();
    await expect(win.locator('p', { hasText: 'Vị trí chữ ký: trang 1' }).count()).resolves.toBe(1);
    const uploaded = page.waitForURL(/\/van-ban\/dt-002\/tai-len$/);
    const outcome = await confirm(win, s.demo.signaturePng, 'Ký số');
    expect(outcome).toContain('đã đưa vào cổng');
    await uploaded;
    await win.screenshot({ path: `${SHOTS}/12-signed-after-restart.png` });
    const sigs = pdfsig(s.portal.pdfPath('dt-002'), nssDb);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]?.signatureValid).toBe(true);
    const report = JSON.parse(
      execFileSync(process.execPath, [CLI, 'verify', s.portal.pdfPath('dt-002'), '--json'], {
        env: s.env,
        encoding: 'utf8',
      }),
    ) as { signatures: { page: number; rect: number[] }[] };
    // The rectangle was centred on the pointer (130, 150 from the A4 page's top-left), 160 × 70 points:
    // [50, 841.89 − 115 − 70, 160, 70] in PDF points ([x, y, w, h], as the report gives it). The widget
    // holds the image fitted and centred in it.
    const [x = 0, y = 0, w = 0, h = 0] = report.signatures[0]?.rect ?? [];
    expect(report.signatures[0]?.page).toBe(1);
    expect(x).toBeGreaterThanOrEqual(49);
    expect(x + w).toBeLessThanOrEqual(211);
    expect(Math.abs(x + w / 2 - 130)).toBeLessThan(2);
    expect(Math.abs(y - 656.89)).toBeLessThan(2);
    expect(Math.abs(y + h - 726.89)).toBeLessThan(2);
    await win.close();
    await page.close();
  });

  it('pairs by hand: the code of `vanthu pair` typed in the options page, without any native host', async () => {
    // No native host from here on, and no copy of its pairing in this browser session: saving the
    // manual pairing makes the background reconnect, and then only the manual pairing is left.
    rmSync(join(s.browserProfile, 'NativeMessagingHosts'), { recursive: true, force: true });
    await forgetSessionValue(s.context, 'pairing');
    const options = await s.context.newPage();
    await options.goto(`${ORIGIN}/options.html`);
    // A program posing as the daemon on another port (running CPace with a guessed code): pairing
    // fails, it receives nothing after the page's CPace share, and nothing is saved.
    const impostor = await startImpostorDaemon({ kind: 'guess', code: 'AAAA-AAAA' });
    try {
      await options.getByLabel('Cổng', { exact: true }).fill(new URL(impostor.url).port);
      await options.getByLabel('Mã ghép nối').fill('7KQ2-M9XD');
      await options.getByRole('button', { name: 'Ghép nối', exact: true }).click();
      await options.getByRole('alert').filter({ hasText: 'Ghép nối thất bại' }).waitFor();
      expect(impostor.types).toEqual(['hello', 'pair.start']);
      expect(await sessionValue(s.context, 'manualPairing', 'local')).toBeUndefined();
    } finally {
      await impostor.close();
    }
    await options.reload();
    await options.getByLabel('Cổng', { exact: true }).fill(String(s.daemonPort));
    await options.getByLabel('Mã ghép nối').fill('ABCD-EFGH');
    await options.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    // Wait for the final text: the element may first show an intermediate state.
    await options.getByRole('alert').filter({ hasText: 'Ghép nối thất bại' }).waitFor();
    const { code } = JSON.parse(
      execFileSync(process.execPath, [CLI, 'pair', '--json'], { env: s.env, encoding: 'utf8' }),
    ) as { code: string };
    await options.getByLabel('Mã ghép nối').fill(code);
    await options.getByRole('button', { name: 'Ghép nối', exact: true }).click();
    await options.getByRole('status').filter({ hasText: 'Đã ghép nối với dịch vụ vanthu.' }).waitFor();
    expect(await options.getByRole('status').textContent()).toBe('Đã ghép nối với dịch vụ vanthu.');
    expect(await sessionValue(s.context, 'manualPairing', 'local')).toMatchObject({ source: 'manual' });
    await options.screenshot({ path: `${SHOTS}/13-options-paired-by-code.png` });
    // Without the native host and this session's copy, the extension connects with the manual pairing.
    await options.reload();
    const state = options.getByTestId('pairing-state');
    await options
      .locator('[data-testid="pairing-state"][data-state="connected"]')
      .waitFor({ timeout: 30_000 });
    expect(await state.textContent()).toContain('bằng mã');
    await options.getByTestId('trust-certificates').filter({ hasText: 'vanthu Demo Issuing CA' }).waitFor();
    await options.screenshot({ path: `${SHOTS}/14-options-trust.png` });
    await options.close();
  });
});
