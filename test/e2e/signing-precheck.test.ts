import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  openFlow,
  openPortalPage,
  startExtensionSession,
} from '../support/extension-session.js';

// The signing window inspects the document as soon as it opens: an encrypted or broken file is named
// (Vietnamese first, then English) and the PIN and sign controls stay disabled — before any PIN.
let s: ExtensionSession;

describe.runIf(daemonCommandsAvailable())('signing window checks the document before the PIN', () => {
  beforeAll(async () => {
    s = await startExtensionSession();
  });

  afterAll(async () => {
    await s?.close();
  });

  it('an encrypted PDF on the portal: the window says so and never asks for the PIN', async () => {
    const file = s.portal.pdfPath('dt-001');
    const plain = `${file}.plain`;
    copyFileSync(file, plain);
    execFileSync('qpdf', ['--encrypt', '', 'chu-so-huu', '256', '--', plain, file]);
    const page = await openPortalPage(s, 'lanhdao', '/du-thao');
    const win = await openFlow(s, page, 'Ký số');
    const alert = win.getByTestId('unsignable');
    await alert.waitFor({ timeout: 20_000 });
    // One language at a time: the line in Vietnamese, the code and the daemon's words behind "Chi tiết".
    // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts (a closed "Chi tiết" does not)
    expect(await alert.innerText()).toMatch(/dt-001\.pdf: Tệp PDF được mã hóa, không thể ký\.\s*Chi tiết$/);
    expect(await alert.textContent()).toContain('Chi tiếtPDF_ENCRYPTED');
    expect(await win.locator('input[type="password"]').isDisabled()).toBe(true);
    expect(await win.getByRole('button', { name: 'Ký số' }).isDisabled()).toBe(true);
    await win.close();

    // A broken file (the PDF cut in half) is refused the same way.
    writeFileSync(file, readFileSync(plain).subarray(0, 600));
    const again = await openFlow(s, page, 'Ký số');
    const broken = again.getByTestId('unsignable');
    await broken.waitFor({ timeout: 20_000 });
    // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts (a closed "Chi tiết" does not)
    expect(await broken.innerText()).toMatch(/Tệp PDF bị hỏng hoặc sai cấu trúc.*\s*Chi tiết$/);
    expect(await broken.textContent()).toContain('Chi tiếtPDF_MALFORMED');
    expect(await again.locator('input[type="password"]').isDisabled()).toBe(true);
  });
});
