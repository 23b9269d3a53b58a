import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../support/portal/documents.js';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  openPortalPage,
  outcomeOf,
  startExtensionSession,
} from '../support/extension-session.js';

// "Chuyển PDF" (Điều 9.5): a DOCX draft of the demo portal becomes the draft's PDF, converted by the
// real daemon with LibreOffice and uploaded through the portal's own form.
let s: ExtensionSession;
const draft = SEED.find((d) => d.id === 'dt-002')!;

describe.runIf(daemonCommandsAvailable())('"Chuyển PDF" on a DOCX draft', () => {
  beforeAll(async () => {
    s = await startExtensionSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('converts the draft with LibreOffice and the portal keeps the PDF as the draft’s new version', async () => {
    const page = await openPortalPage(s, 'vanthu', `/van-ban/${draft.id}`);
    // The Word file's row shows a DOCX badge and offers only "Chuyển PDF"; the PDF row keeps its flows.
    await waitForItem(page, (i) => i.text === 'DOCX');
    await waitForItem(page, (i) => i.tag === 'button' && i.text === 'Chuyển PDF');
    const opened = s.context.waitForEvent('page', (p) => p.url().startsWith(`${ORIGIN}/convert.html`));
    await clickItem(page, (i) => i.tag === 'button' && i.text === 'Chuyển PDF');
    const win = await opened;
    await win
      .getByTestId('draft-name')
      .filter({ hasText: `${draft.id}.docx` })
      .waitFor({ timeout: 30_000 });
    await win.getByRole('button', { name: 'Chuyển PDF', exact: true }).click();
    const outcome = await outcomeOf(win, 150_000);
    expect(outcome).toContain(`Đã chuyển sang ${draft.id}.pdf`);
    expect(outcome).toContain('đưa vào cổng');
    await win.screenshot({ path: 'docs/img/convert-docx-window.png' });
    // The portal's upload form took it: the draft's file is now the converted PDF (version 2).
    await page.getByText(`Đã tải lên ${draft.id}.pdf (phiên bản 2).`).waitFor({ timeout: 30_000 });
    const bytes = await page.evaluate(
      async (id) => Array.from(new Uint8Array(await (await fetch(`/tep/${id}.pdf`)).arrayBuffer())),
      draft.id,
    );
    const file = join(s.home, 'converted.pdf');
    writeFileSync(file, Buffer.from(bytes));
    expect(
      Number(/^%PDF-(\d\.\d)/.exec(Buffer.from(bytes.slice(0, 9)).toString('latin1'))?.[1]),
    ).toBeGreaterThanOrEqual(1.4);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    expect(text).toContain(draft.trich_yeu);
    expect(text).toContain('Điều 2. Quyết định này có hiệu lực kể từ ngày ký.');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    // pdffonts' "emb" column (fifth from the end) is "yes" for every font.
    expect(fonts.filter((l) => l.trim().split(/\s+/).at(-5) !== 'yes')).toEqual([]);
  });
});
