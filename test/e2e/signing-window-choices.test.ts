import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBinaryFrame } from '@vanthu/shared/protocol/index';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInPlace } from '../support/demo-incoming.js';
import { qpdf } from '../support/pdf-inputs.js';
import { generateDemoPki, provisionSoftHsmToken } from '../support/pki.js';
import { makeTestCa } from '../support/pdf-inputs-signer.js';
import {
  CLI,
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openFlow,
  openPortalPage,
  outcomeOf,
  screenshotsDir,
  startExtensionSession,
  submitFlow,
  fillSettled,
} from '../support/extension-session.js';
import { type LocalTsa, startTsa } from '../support/tsa.js';

// The signing window's own choices, in Chromium against the daemon and the demo token: the
// incomplete-chain warning before the PIN, the PAdES level under "Nâng cao" (the office default
// pre-selected, a B-LT failure said in Vietnamese naming the certificate), and the explicit answer
// to the register's duplicate warning in "Cấp số & đóng dấu", and what the signing said about the
// document (a PDF 1.3 draft raised to 1.7) shown before the portal result.
let s: ExtensionSession;
let tsa: LocalTsa;
let SHOTS: string;
const LEAF_ONLY = 'chi-co-chung-thu';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function vanthu(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { env: s.env, encoding: 'utf8' });
}

/** Picks the certificate whose option text contains `text`. */
async function chooseCertificate(win: Page, text: string): Promise<void> {
  const select = win.locator('select[aria-label="Chứng thư số"]');
  const value = await select.locator('option').filter({ hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
}

type Held = { vtHeld?: { json: string; frames: string[] }; vtRelease: () => void };

/**
 * Holds the window's first registry.register (its JSON and binary frames) until vtRelease(): the
 * test puts the same file in the book meanwhile. The socket itself is the window's, untouched.
 */
async function holdRegistration(win: Page): Promise<void> {
  await win.evaluate(() => {
    const g = globalThis as unknown as Held & { vtDone?: boolean; vtSocket?: WebSocket };
    const send = WebSocket.prototype.send;
    const base64 = (data: ArrayBufferLike | ArrayBufferView) => {
      const bytes =
        data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array((data as ArrayBufferView).buffer);
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    const frames: (string | ArrayBufferLike | ArrayBufferView | Blob)[] = [];
    WebSocket.prototype.send = function (data) {
      if (g.vtHeld && typeof data !== 'string') {
        frames.push(data);
        g.vtHeld.frames.push(base64(data as ArrayBufferView));
        return;
      }
      if (typeof data === 'string' && !g.vtDone) {
        const m = JSON.parse(data) as { type: string; payload: { confirmDuplicate?: boolean } };
        if (m.type === 'registry.register' && m.payload.confirmDuplicate !== true) {
          g.vtDone = true;
          g.vtSocket = this;
          g.vtHeld = { json: data, frames: [] };
          return;
        }
      }
      send.call(this, data);
    };
    g.vtRelease = () => {
      const held = g.vtHeld!;
      g.vtHeld = undefined;
      send.call(g.vtSocket!, held.json);
      for (const f of frames) send.call(g.vtSocket!, f);
    };
  });
}

/** The document of the held registration, once all its frames are there. */
async function heldDocument(win: Page): Promise<Buffer> {
  let doc = Buffer.alloc(0);
  await expect
    .poll(
      async () => {
        const held = await win.evaluate(() => (globalThis as unknown as Held).vtHeld);
        if (!held) return false;
        const want = (JSON.parse(held.json) as { payload: { document: { bytes: number } } }).payload.document
          .bytes;
        doc = Buffer.concat(
          held.frames.map((f) => Buffer.from(decodeBinaryFrame(Buffer.from(f, 'base64'))!.chunk)),
        );
        return doc.length === want;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return doc;
}

describe.runIf(daemonCommandsAvailable())('signing window: chain warning, level, duplicate answer', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    const ca = await makeTestCa();
    const t = await ca.issue('vanthu Test TSA', { tsa: true });
    tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
    s = await startExtensionSession({
      config: {
        registry: { organId: '000.00.00.H23', organName: 'UBND thành phố Cần Thơ' },
        // The office signs at B-LT by default, timestamped by its own TSA.
        signing: { defaultLevel: 'B-LT', tsa: tsa.url },
      },
    });
    // A second token that holds only the signer's certificate, whose intermediate is nowhere:
    // not on the token, not in the configuration, no AIA (the demo certificates name none).
    await s.stopDaemon();
    const other = await generateDemoPki();
    await provisionSoftHsmToken({
      dir: join(s.demo.dir, 'softhsm'),
      label: LEAF_ONLY,
      pin: '246810',
      soPin: '13572468',
      objects: [{ id: '07', label: 'leaf', certDer: other.approver.certDer, keyPem: other.approver.keyPem }],
    });
    await s.startDaemon();
  });

  afterAll(async () => {
    await s?.close();
    await tsa?.close();
  });

  it('a certificate whose issuer is missing everywhere is warned beside the certificate and again before the PIN; the popup says it too', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/van-ban/dt-001');
    const win = await openFlow(s, page, 'Ký số');
    await win.setViewportSize({ width: 1024, height: 768 });
    await chooseCertificate(win, `token ${LEAF_ONLY}`);
    const warning = win.getByTestId('chain-warning');
    await warning.waitFor({ timeout: 10_000 });
    expect(await warning.textContent()).toContain(
      'Chuỗi chứng thư chưa đầy đủ: không tìm thấy chứng thư của bên cấp "vanthu Demo Issuing CA"',
    );
    expect(await warning.getAttribute('class')).toContain('unknown');
    const atPin = win.getByTestId('chain-warning-pin');
    expect(await atPin.textContent()).toContain(
      'Lưu ý trước khi nhập PIN: chuỗi chứng thư thiếu bên cấp "vanthu Demo Issuing CA"',
    );
    // Before the PIN field, in the page's order; one language only; signing stays possible.
    const before = await win.evaluate(() => {
      const w = document.querySelector('[data-testid="chain-warning-pin"]');
      const pin = document.querySelector('input[type="password"]');
      return !!w && !!pin && (w.compareDocumentPosition(pin) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(before).toBe(true);
    expect(await warning.textContent()).not.toContain('incomplete');
    expect(await win.locator('input[type="password"]').isDisabled()).toBe(false);
    await win.screenshot({ path: `${SHOTS}/signing-chain-warning.png` });
    await win.screenshot({ path: 'docs/img/signing-chain-warning.png' });
    // The demo certificate (its intermediate is on the demo token) carries no warning.
    await chooseCertificate(win, 'token vanthu-demo');
    await expect.poll(() => win.getByTestId('chain-warning').count()).toBe(0);
    expect(await win.getByTestId('chain-warning-pin').count()).toBe(0);
    await win.close();
    await page.close();

    const popup = await s.context.newPage();
    await popup.goto(`${ORIGIN}/popup.html`);
    await popup.locator('[data-testid="daemon-state"][data-state="connected"]').waitFor({ timeout: 30_000 });
    const popupWarnings = popup.getByTestId('chain-warning');
    await expect.poll(() => popupWarnings.count()).toBe(1);
    expect(await popupWarnings.textContent()).toContain('vanthu Demo Issuing CA');
    await popup.close();
  });

  it('the office default level is pre-selected; B-LT without revocation data is refused naming the certificate, the portal keeps its file; B-T signs', async () => {
    const page = await openPortalPage(s, 'lanhdao', '/van-ban/dt-001');
    const before = readFileSync(s.portal.pdfPath('dt-001'));
    const win = await openFlow(s, page, 'Ký số');
    await chooseCertificate(win, 'token vanthu-demo');
    await win.getByText('Nâng cao', { exact: true }).click();
    const checked = () => win.locator('input[name="level"]:checked').getAttribute('value');
    expect(await checked()).toBe('B-LT');
    expect(await win.getByTestId('advanced').textContent()).toContain('kèm dữ liệu kiểm tra dài hạn');
    await submitFlow(s, win, s.demo.signaturePng, 'Ký số');
    const refused = await outcomeOf(win);
    expect(refused).toContain('Văn bản chưa được ký. Không ký được ở mức B-LT');
    expect(refused).toContain('chứng thư "Trần Văn Minh"');
    expect(refused).not.toContain('Could not');
    expect(readFileSync(s.portal.pdfPath('dt-001')).equals(before)).toBe(true);
    await win.screenshot({ path: `${SHOTS}/signing-level-refused.png` });

    // The signer chooses B-T: timestamped by the office TSA, and the portal gets the signed file.
    await win.locator('input[name="level"][value="B-T"]').check();
    const requests = tsa.requests();
    const uploaded = page.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
    await submitFlow(s, win, s.demo.signaturePng, 'Ký số');
    await expect
      .poll(() => win.getByTestId('outcome').textContent(), { timeout: 60_000 })
      .toContain('Đã ký số 1 văn bản');
    await uploaded;
    expect(tsa.requests()).toBeGreaterThan(requests);
    const report = JSON.parse(vanthu(['verify', s.portal.pdfPath('dt-001'), '--json'])) as {
      signatures: { level: string | null }[];
    };
    expect(report.signatures.map((sig) => sig.level)).toEqual(['B-T']);
    await win.close();
    await page.close();
  });

  it('signing a PDF 1.3 draft says in the window, in Vietnamese and in the warning style, that it was raised to PDF 1.7', async () => {
    // The draft as an old scanner or word processor would give it; put back afterwards for the tests below.
    const original = readFileSync(s.portal.pdfPath('dt-002'));
    writeFileSync(s.portal.pdfPath('dt-002'), qpdf(original, ['--force-version=1.3'], s.home));
    try {
      const page = await openPortalPage(s, 'lanhdao', '/van-ban/dt-002');
      const win = await openFlow(s, page, 'Ký số');
      await win.setViewportSize({ width: 1024, height: 768 });
      await chooseCertificate(win, 'token vanthu-demo');
      // The office default (B-LT) cannot be had with the demo certificates.
      await win.getByText('Nâng cao', { exact: true }).click();
      await win.locator('input[name="level"][value="B-T"]').check();
      const uploaded = page.waitForURL(/\/van-ban\/dt-002\/tai-len$/);
      await submitFlow(s, win, s.demo.signaturePng, 'Ký số');
      await expect
        .poll(() => win.getByTestId('outcome').textContent(), { timeout: 60_000 })
        .toContain('Đã ký số 1 văn bản');
      await uploaded;
      const warnings = win.getByTestId('sign-warnings');
      const text = (await warnings.textContent()) ?? '';
      expect(text).toContain('Lưu ý về văn bản đã ký');
      expect(text).toContain('dt-002');
      expect(text).toContain(
        'Tệp PDF 1.3 được nâng lên PDF 1.7 trong lần ký (khoản 5 Điều 9 Quy chế ban hành kèm Quyết định 1637/QĐ-UBND',
      );
      expect(text).not.toMatch(/PDF_VERSION_RAISED|raised|About/);
      expect(await warnings.getAttribute('class')).toContain('unknown');
      // Said before the portal result, both on screen.
      const before = await win.evaluate(() => {
        const w = document.querySelector('[data-testid="sign-warnings"]');
        const o = document.querySelector('[data-testid="outcome"]');
        return !!w && !!o && (w.compareDocumentPosition(o) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      });
      expect(before).toBe(true);
      expect(await warnings.isVisible()).toBe(true);
      await win.screenshot({ path: `${SHOTS}/signing-warnings.png` });
      await win.screenshot({ path: 'docs/img/signing-warnings.png' });
      await win.close();
      await page.close();
    } finally {
      writeFileSync(s.portal.pdfPath('dt-002'), original);
    }
  });

  /**
   * "Cấp số & đóng dấu" on `doc` up to the register's duplicate warning: between the seal and its
   * registration the same sealed file reaches the outgoing book by another way (as a second
   * workstation would), so the window's registration is a duplicate. Checks what the warning says.
   */
  async function sealIntoDuplicate(doc: string) {
    const page = await openPortalPage(s, 'vanthu', `/van-ban/${doc}`);
    const win = await openFlow(s, page, 'Cấp số & đóng dấu');
    await win.setViewportSize({ width: 1024, height: 768 });
    await fillSettled(win.getByLabel('Ký hiệu loại văn bản'), 'QĐ-UBND');
    await win.getByRole('button', { name: 'Lấy số', exact: true }).click();
    const shown = win.getByTestId('reserved-number');
    await expect.poll(() => shown.textContent(), { timeout: 15_000 }).toMatch(/^\d+\/QĐ-UBND$/);
    const number = (await shown.textContent())!;
    await win.getByLabel('Tên loại văn bản').fill('Quyết định');
    await win.getByLabel('Trích yếu nội dung').fill('Về việc ban hành Quy chế làm việc');
    // The office default (B-LT) cannot be had with the demo certificates: the seal is B-T.
    await win.getByText('Nâng cao', { exact: true }).click();
    await win.locator('input[name="level"][value="B-T"]').check();
    const before = readFileSync(s.portal.pdfPath(doc));
    await holdRegistration(win);
    await submitFlow(s, win, s.demo.sealPng, 'Cấp số & đóng dấu');
    const sealed = await heldDocument(win);
    const file = join(s.home, 'da-dong-dau.pdf');
    writeFileSync(file, sealed);
    const other = JSON.parse(
      vanthu([
        'registry',
        'outgoing',
        '--pdf',
        file,
        '--set',
        'TypeName=Quyết định',
        '--set',
        'CodeNotation=QĐ-UBND',
        '--set',
        'Subject=Bản đã vào sổ từ máy khác',
        '--json',
      ]),
    ) as { entry: { fields: Record<string, string> } };
    const entered = `${other.entry.fields['CodeNumber']}/${other.entry.fields['CodeNotation']}`;
    await win.evaluate(() => (globalThis as unknown as { vtRelease: () => void }).vtRelease());
    const warning = win.getByTestId('duplicate-warning');
    let warned = false;
    await Promise.race([
      warning.waitFor({ timeout: 60_000 }).then(() => {
        warned = true;
      }),
      // An outcome instead of the warning fails at once, saying what the window said.
      outcomeOf(win).then(
        (text) => {
          if (!warned) throw new Error(`the window answered instead of warning: ${text}`);
        },
        () => undefined,
      ),
    ]);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    expect(await warning.textContent()).toContain(
      `Sổ văn bản đi (Sổ chung), số ${entered}, ngày ${d}/${m}/${y}`,
    );
    expect(await win.getByRole('button', { name: 'Vẫn vào sổ' }).isVisible()).toBe(true);
    expect(await win.getByRole('button', { name: 'Huỷ' }).isVisible()).toBe(true);
    // Nothing reached the portal and the number is still held while the clerk decides.
    expect(readFileSync(s.portal.pdfPath(doc)).equals(before)).toBe(true);
    const listed = () =>
      (
        JSON.parse(vanthu(['registry', 'list', '--kind', 'outgoing', '--json'])) as {
          entries: { state: string; fields: Record<string, string>; file?: { sha256: string } }[];
        }
      ).entries;
    const mine = () =>
      listed().find((e) => `${e.fields['CodeNumber']}/${e.fields['CodeNotation']}` === number);
    expect(mine()?.state).toBe('reserved');
    return { page, win, number, before, mine };
  }

  it('Cấp số & đóng dấu: the register already holds the sealed file; the window names that entry and registers only on "Vẫn vào sổ"', async () => {
    const { page, win, number, mine } = await sealIntoDuplicate('dt-001');
    await win.screenshot({ path: `${SHOTS}/number-seal-duplicate.png` });
    await win.screenshot({ path: 'docs/img/number-seal-duplicate.png' });

    const uploaded = page.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
    await win.getByRole('button', { name: 'Vẫn vào sổ' }).click();
    await expect
      .poll(() => win.getByTestId('outcome').textContent(), { timeout: 60_000 })
      .toContain(`Số ${number} đã vào sổ văn bản đi`);
    await uploaded;
    expect(await win.getByTestId('duplicate-warning').count()).toBe(0);
    const kept = mine();
    expect(kept?.state).toBe('issued');
    expect(kept?.file?.sha256).toBe(sha256(readFileSync(s.portal.pdfPath('dt-001'))));
    await win.close();
    await page.close();
  });

  it('"Huỷ" on the duplicate warning: nothing is registered or sent to the portal, the number is voided with the reason', async () => {
    // Another draft, approved first (by `vanthu sign`: the window's own signing is tested above).
    signInPlace(s, 'dt-002', 'approver');
    const { page, win, before, mine } = await sealIntoDuplicate('dt-002');
    await win.getByRole('button', { name: 'Huỷ' }).click();
    await expect
      .poll(() => win.getByTestId('outcome').textContent(), { timeout: 30_000 })
      .toContain('Đã huỷ: văn bản đã đóng dấu không vào sổ và không đưa vào cổng.');
    expect(await win.getByTestId('number-released').textContent()).toBe(
      'Số đã cấp được hủy, lý do ghi vào sổ.',
    );
    expect(await win.getByTestId('duplicate-warning').count()).toBe(0);
    // A later number was taken meanwhile (the other registration): this one is voided, not given back.
    expect(mine()).toMatchObject({ state: 'voided', stateReason: 'Văn thư huỷ vì văn bản đã có trong sổ' });
    expect(readFileSync(s.portal.pdfPath('dt-002')).equals(before)).toBe(true);
    await win.close();
    await page.close();
  });
});
