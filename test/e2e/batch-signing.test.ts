import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managedPolicySupported } from '../support/chromium-policy.js';
import { actionHosts, clickItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  outcomeOf,
  screenshotsDir,
  startExtensionSession,
} from '../support/extension-session.js';
import { makeNssDb, pdfsig } from '../support/validators.js';

// Batch signing needs the admin policy batchSigning in storage.managed, which Chromium on Linux reads
// from /etc/chromium/policies/managed only: this file's browser gets it in a private mount namespace
// (root and unshare, as in CI), so no other browser on the machine sees the policy.
let s: ExtensionSession;
let SHOTS: string;

describe.runIf(daemonCommandsAvailable() && managedPolicySupported())(
  'batch signing with one consent (admin policy batchSigning)',
  () => {
    beforeAll(async () => {
      SHOTS = screenshotsDir();
      s = await startExtensionSession({
        managedPolicy: { batchSigning: true },
        // The admin's PIN window: one PIN entry logs in for the whole consented batch.
        config: { pin: { batchWindowSeconds: 60 } },
      });
    });

    afterAll(async () => {
      await s?.close();
    });

    it('two selected drafts: one consent, one PIN, both signed and delivered', async () => {
      const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
      type Managed = { storage: { managed: { get(k: null): Promise<unknown> } } };
      const managed = await worker.evaluate(() =>
        (globalThis as unknown as { chrome: Managed }).chrome.storage.managed.get(null),
      );
      expect(managed).toEqual({ batchSigning: true });
      // The policy exists for this browser only, not on the machine.
      expect(existsSync('/etc/chromium/policies/managed/vanthu.json')).toBe(false);

      const page = await openPortalPage(s, 'lanhdao', '/du-thao');
      await waitForItem(page, (i) => i.tag === 'input' && i.attributes['type'] === 'checkbox');
      const { cdp, hosts } = await actionHosts(page);
      await cdp.detach();
      expect(hosts.length).toBe(2);
      expect(hosts.every((h) => h[0]?.tag === 'input')).toBe(true);
      // Select the second draft with a real click, then "Ký số" on the first signs both.
      const second = hosts[1]?.[0];
      await clickItem(page, (i) => i.nodeId === second?.nodeId);
      const opened = s.context.waitForEvent('page', (p) => p.url().startsWith(`${ORIGIN}/signing.html`));
      await clickItem(page, (i) => i.tag === 'button' && i.text === 'Ký số');
      const win = await opened;
      await expect.poll(() => win.getByTestId('sha256').count(), { timeout: 30_000 }).toBe(2);
      expect(new URL(win.url()).searchParams.getAll('u').map((u) => new URL(u).pathname)).toEqual([
        '/tep/dt-001.pdf',
        '/tep/dt-002.pdf',
      ]);
      await win
        .locator('select[aria-label="Chứng thư số"] option')
        .first()
        .waitFor({ state: 'attached', timeout: 30_000 });
      // One consent names both documents; the window no longer refuses several.
      expect(
        await win.locator('label', { has: win.locator('input[type="checkbox"]') }).textContent(),
      ).toContain('ký số 2 văn bản');
      expect(await win.getByText('Chính sách quản trị không cho phép').count()).toBe(0);
      await win.screenshot({ path: `${SHOTS}/40-batch-window.png`, fullPage: true });

      // The list page has no upload form: the profile's delivery falls back to downloads.
      const downloads: Download[] = [];
      page.on('download', (d) => downloads.push(d));
      await win.locator('input[type="file"]').setInputFiles(s.demo.signaturePng);
      await win.locator('input[type="password"]').fill(s.demo.pin);
      await win.locator('input[type="checkbox"]').check();
      await win.getByRole('button', { name: 'Ký số', exact: true }).click();
      const outcome = await outcomeOf(win);
      expect(outcome).toContain('Đã ký số 2 văn bản');
      expect(outcome).toContain('dt-001-da-ky.pdf: đã tải xuống');
      expect(outcome).toContain('dt-002-da-ky.pdf: đã tải xuống');
      expect(await win.locator('input[type="password"]').inputValue()).toBe('');
      await win.screenshot({ path: `${SHOTS}/41-batch-signed.png`, fullPage: true });

      await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
      const nssDb = makeNssDb(s.home, readFileSync(s.demo.rootFile, 'utf8'));
      const names = downloads.map((d) => d.suggestedFilename()).sort();
      expect(names).toEqual(['dt-001-da-ky.pdf', 'dt-002-da-ky.pdf']);
      for (const d of downloads) {
        const file = join(s.home, d.suggestedFilename());
        await d.saveAs(file);
        const sigs = pdfsig(file, nssDb);
        expect(sigs).toHaveLength(1);
        expect(sigs[0]).toMatchObject({
          signatureValid: true,
          certificateTrusted: true,
          coversWholeFile: true,
        });
        expect(sigs[0]?.raw).toContain('Trần Văn Minh');
      }
      await win.close();
      await page.close();
    });
  },
);
