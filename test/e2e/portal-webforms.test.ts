import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHosts, clickItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openFlow,
  outcomeOf,
  screenshotsDir,
  startExtensionSession,
  submitFlow,
} from '../support/extension-session.js';
import { webFormsProfile } from '../support/portal-webforms/profile.js';
import {
  DEMO_PASSWORD,
  startWebFormsPortal,
  type WebFormsPortal,
} from '../support/portal-webforms/server.js';
import { setSiteAccess } from '../support/site-access.js';
import { makeNssDb, pdfsig } from '../support/validators.js';

// An ASP.NET WebForms-style portal onboarded with a profile from the options page: javascript: and
// data-fid links, an iframe viewer, a download handler naming files only in Content-Disposition, and a
// page that moves and restyles the extension's badge — against the built extension and the real daemon.
const HOST = '127.0.0.2';
const PATTERN = `http://${HOST}/*`;
const FIRST = 'Dự thảo Quyết định ban hành Quy chế công tác văn thư';
let s: ExtensionSession;
let wf: WebFormsPortal;
let nssDb: string;
let SHOTS: string;

async function openWebForms(path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`${wf.url}/Login.aspx`);
  await page.fill('#MainContent_txtTenDangNhap', 'lanhdao');
  await page.fill('#MainContent_txtMatKhau', DEMO_PASSWORD);
  await page.click('#MainContent_btnDangNhap');
  await page.waitForURL(/DanhSach\.aspx/);
  if (!path.startsWith('/VanBan/DanhSach.aspx')) await page.goto(`${wf.url}${path}`);
  return page;
}

/** Per grid row, how many action hosts it holds. */
function hostsPerRow(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('#grdVanBan tr.dong')).map(
      (r) => r.querySelectorAll('vanthu-actions').length,
    ),
  );
}

/** The badge text of every action host, in document order. */
async function badgeLabels(page: Page): Promise<string[]> {
  const { cdp, hosts } = await actionHosts(page);
  await cdp.detach();
  return hosts.map((items) => items.find((i) => i.tag === 'span')?.text ?? '');
}

/** A page script draws a decoy over the action host that lets clicks through to it (clickjacking). */
function coverHost(page: Page, text: string, pad = 0): Promise<void> {
  return page.evaluate(
    ({ text, pad }) => {
      const box = document.querySelector('vanthu-actions')!.getBoundingClientRect();
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.textContent = text;
      Object.assign(decoy.style, {
        position: 'fixed',
        left: `${box.left - pad}px`,
        top: `${box.top - pad}px`,
        width: `${box.width + 2 * pad}px`,
        height: `${box.height + 2 * pad}px`,
        background: '#fff',
        pointerEvents: 'none',
        zIndex: '2147483647',
      });
      document.body.append(decoy);
    },
    { text, pad },
  );
}

function signingWindows(): number {
  return s.context.pages().filter((p) => p.url().startsWith(`${ORIGIN}/signing.html`)).length;
}

describe.runIf(daemonCommandsAvailable())(
  'a WebForms portal with javascript: links and an iframe viewer',
  () => {
    beforeAll(async () => {
      SHOTS = screenshotsDir();
      s = await startExtensionSession();
      wf = await startWebFormsPortal({ dataDir: join(s.home, 'webforms'), host: HOST });
      nssDb = makeNssDb(s.home, readFileSync(s.demo.rootFile, 'utf8'));
      await setSiteAccess(s.context, PATTERN, 'add');
      const options = await s.context.newPage();
      await options.goto(`${ORIGIN}/options.html`);
      await options.getByLabel('Hồ sơ cổng (JSON)').fill(JSON.stringify([webFormsProfile([PATTERN])]));
      await options.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
      await expect(options.getByRole('status').textContent()).resolves.toBe('Đã lưu 1 hồ sơ cổng.');
      await options.close();
    });

    afterAll(async () => {
      await wf?.close();
      await s?.close();
    });

    it('window.open, data-fid and postback-with-data-fid links get buttons and a verified badge; a bare __doPostBack link none', async () => {
      const page = await openWebForms('/VanBan/DanhSach.aspx');
      await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      await expect.poll(() => hostsPerRow(page), { timeout: 15_000 }).toEqual([1, 1, 1, 0]);
      // Each badge is the daemon's verdict on the PDF the handler served with the portal session.
      await expect
        .poll(() => badgeLabels(page), { timeout: 60_000 })
        .toEqual(['Chưa ký số', 'Chưa ký số', 'Chưa ký số']);
      await page.screenshot({ path: `${SHOTS}/webforms-01-list.png` });
      await page.close();
    });

    it('Ký số from the iframe viewer: the Content-Disposition name, the signed file uploaded through the multipart form', async () => {
      const page = await openWebForms('/VanBan/ChiTiet.aspx?id=1');
      await page.waitForSelector('iframe#ifrXemVanBan + vanthu-actions', { timeout: 15_000 });
      const win = await openFlow(s, page, 'Ký số');
      // The handler URL is DownloadFile.ashx; the window names the document as the server did.
      await expect(win.locator('code', { hasText: FIRST }).first().textContent()).resolves.toBe(
        `${FIRST}.pdf`,
      );
      await submitFlow(s, win, s.demo.signaturePng, 'Ký số');
      const outcome = await outcomeOf(win);
      expect(outcome).toContain('Đã ký số 1 văn bản');
      expect(outcome).toContain(`${FIRST}-da-ky.pdf: đã đưa vào cổng`);
      await win.close();
      const notice = page.locator('#MainContent_lblThongBao');
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.textContent()).toBe(`Đã tải lên tệp: ${FIRST}-da-ky.pdf (phiên bản 2).`);
      expect(wf.document(1)?.fileName).toBe(`${FIRST}-da-ky.pdf`);
      const sigs = pdfsig(wf.pdfPath(1), nssDb);
      expect(sigs).toHaveLength(1);
      expect(sigs[0]).toMatchObject({ signatureValid: true, certificateTrusted: true });
      await page.screenshot({ path: `${SHOTS}/webforms-02-signed-uploaded.png` });
      await page.close();
    });

    it('a badge the page moves into another row is re-made for its own row and never shows its verdict there', async () => {
      const page = await openWebForms('/VanBan/DanhSach.aspx');
      // Row 1 now holds the signed file, row 2 an unsigned one: their verdicts differ.
      await expect
        .poll(async () => (await badgeLabels(page)).map((l) => l.split(':')[0]), { timeout: 60_000 })
        .toEqual(['Hợp lệ', 'Chưa ký số', 'Chưa ký số']);
      await page.evaluate(() => {
        const [first, second] = Array.from(document.querySelectorAll('#grdVanBan tr.dong td.thaotac'));
        const host = first?.querySelector('vanthu-actions');
        if (host && second) second.prepend(host);
      });
      await expect.poll(() => hostsPerRow(page), { timeout: 10_000 }).toEqual([1, 1, 1, 0]);
      const labels = await badgeLabels(page);
      expect(labels[0]).toMatch(/^Hợp lệ: /);
      expect(labels[1]).toBe('Chưa ký số');
      await page.close();
    });

    it('a host the page makes transparent under a decoy does not act on the click; page CSS cannot restyle it', async () => {
      const page = await openWebForms('/VanBan/ChiTiet.aspx?id=2');
      await page.waitForSelector('iframe#ifrXemVanBan + vanthu-actions', { timeout: 15_000 });
      await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      // A stylesheet rule, even !important, loses against the host's pinned inline style.
      await page.addStyleTag({ content: 'vanthu-actions{opacity:0!important;visibility:hidden!important}' });
      expect(await page.locator('vanthu-actions').evaluate((h) => getComputedStyle(h).opacity)).toBe('1');

      // A script can rewrite the style attribute: transparent host, a decoy drawn over it that lets clicks through.
      await page.evaluate(() => {
        const host = document.querySelector('vanthu-actions') as HTMLElement;
        host.style.opacity = '0'; // loses against the pinned !important declaration…
        host.style.setProperty('opacity', '0', 'important'); // …this one replaces it
      });
      await coverHost(page, 'Xem trước văn bản');
      expect(await page.locator('vanthu-actions').evaluate((h) => getComputedStyle(h).opacity)).toBe('0');
      const before = signingWindows();
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      await page.waitForTimeout(1500);
      expect(signingWindows()).toBe(before);
      await page.screenshot({ path: `${SHOTS}/webforms-03-decoy-refused.png` });
      // The refused click put the pinned style back; with the decoy gone, a real click acts again.
      expect(await page.locator('vanthu-actions').evaluate((h) => getComputedStyle(h).opacity)).toBe('1');
      await page.evaluate(() => document.getElementById('decoy')?.remove());

      // Moved instead of hidden: the host shifted under a decoy that lets clicks through to it.
      await page.evaluate(() => {
        (document.querySelector('vanthu-actions') as HTMLElement).style.setProperty(
          'top',
          '60px',
          'important',
        );
      });
      await coverHost(page, 'Đóng');
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      await page.waitForTimeout(1500);
      expect(signingWindows()).toBe(before);
      await page.evaluate(() => {
        document.getElementById('decoy')?.remove();
        (document.querySelector('vanthu-actions') as HTMLElement).style.removeProperty('top');
      });

      // The host untouched, a decoy drawn over it that lets clicks through (pointer-events: none).
      await page.waitForTimeout(500);
      await coverHost(page, 'Xem', 4);
      await page.waitForTimeout(500);
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      await page.waitForTimeout(1500);
      expect(signingWindows()).toBe(before);
      await page.evaluate(() => document.getElementById('decoy')?.remove());

      // An ancestor made nearly transparent: the pinned host inherits nothing, but is not seen either.
      await page.evaluate(() => {
        const cell = document.querySelector('vanthu-actions')!.parentElement as HTMLElement;
        cell.style.setProperty('opacity', '0.01', 'important');
      });
      await page.waitForTimeout(500);
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      await page.waitForTimeout(1500);
      expect(signingWindows()).toBe(before);
      await page.evaluate(() => {
        (document.querySelector('vanthu-actions')!.parentElement as HTMLElement).style.removeProperty(
          'opacity',
        );
      });
      await page.waitForTimeout(500);

      const opened = s.context.waitForEvent('page', (p) => p.url().startsWith(`${ORIGIN}/signing.html`));
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      const win = await opened;
      await win.close();
      await page.close();
    });
  },
);
