import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../extension/src/profile/builtin.js';
import type { FillOutcome } from '../../extension/src/profile/registration-fill.js';
import type { PortalProfile } from '../../extension/src/profile/schema.js';
import { CHROMIUM } from '../support/chromium.js';

// The content script's fill code, run in Chromium on a portal form with selects, date inputs and a
// combined "Số/Ký hiệu" field, the way the extension runs it on the portal's page.
const FORM = `<form id="form-vao-so">
  <select name="do_khan"><option value="">-- Chọn --</option><option value="1">Thường</option>
    <option value="2">Khẩn</option><option value="3">Thượng khẩn</option></select>
  <select name="loai"><option value="CV">Công văn</option><option value="QD">Quyết định</option></select>
  <select name="linh_vuc"><option value="1">Nội vụ</option></select>
  <input name="ngay_den"><input name="ngay_van_ban" type="date"><input name="so_ky_hieu">
  <input name="nguoi_ky"><input name="chuc_vu"><textarea name="trich_yeu"></textarea>
</form>
<script>
  window.seen = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    el.addEventListener('input', () => seen.push('input:' + el.name));
    el.addEventListener('change', () => seen.push('change:' + el.name));
  }
</script>`;

const PROFILE: PortalProfile = {
  ...DEMO_PORTAL_PROFILE,
  registration: {
    form: 'form#form-vao-so',
    fields: {
      Priority: 'select[name="do_khan"]',
      TypeName: 'select[name="loai"]',
      Description: 'select[name="linh_vuc"]',
      ArrivalDate: 'input[name="ngay_den"]',
      IssuedDate: 'input[name="ngay_van_ban"]',
      'SignerInfo.FullName': 'input[name="nguoi_ky"]',
      'SignerInfo.Position': 'input[name="chuc_vu"]',
      Subject: 'textarea[name="trich_yeu"]',
      DueDate: 'input[name="han_xu_ly"]',
    },
    combined: [{ field: 'input[name="so_ky_hieu"]', template: '{CodeNumber}/{CodeNotation}' }],
    dateFormat: 'dd-mm-yyyy',
  },
};

const VALUES = {
  Priority: 'THƯỢNG KHẨN',
  TypeName: 'quyết  định',
  Description: 'Tài chính',
  ArrivalDate: '01/12/2026',
  IssuedDate: '28/10/2026',
  CodeNumber: '87',
  CodeNotation: 'QĐ-UBND',
  'SignerInfo.FullName': 'Nguyễn Thị Lan',
  'SignerInfo.Position': 'Chủ tịch',
  Subject: 'Về việc giao chỉ tiêu',
  DueDate: '15/12/2026',
};

let browser: Browser;
let page: Page;
let fillCode: string;

describe('registration fill of the portal form (Chromium)', () => {
  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [new URL('../../extension/src/profile/registration-fill.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      globalName: 'vanthuFill',
      write: false,
    });
    fillCode = bundle.outputFiles[0]?.text ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox'] });
    page = await browser.newPage();
    await page.setContent(FORM);
    await page.addScriptTag({ content: fillCode });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('fills selects by option text, dates in the portal format, combined and signer fields; reports the rest', async () => {
    const outcome = await page.evaluate(
      ([profile, values]) =>
        (
          globalThis as unknown as {
            vanthuFill: { fillRegistration(r: ParentNode, p: unknown, v: unknown): FillOutcome };
          }
        ).vanthuFill.fillRegistration(document, profile, values),
      [PROFILE, VALUES] as const,
    );
    expect(outcome.notFilled.sort()).toEqual(['Description', 'DueDate']);
    expect(outcome.filled).toContain('{CodeNumber}/{CodeNotation}');
    const form = await page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll<HTMLInputElement>('input, select, textarea'), (el) => [
          el.name,
          el.value,
        ]),
      ),
    );
    expect(form).toEqual({
      do_khan: '3',
      loai: 'QD',
      linh_vuc: '1',
      ngay_den: '01-12-2026',
      ngay_van_ban: '2026-10-28',
      so_ky_hieu: '87/QĐ-UBND',
      nguoi_ky: 'Nguyễn Thị Lan',
      chuc_vu: 'Chủ tịch',
      trich_yeu: 'Về việc giao chỉ tiêu',
    });
    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen).toContain('input:do_khan');
    expect(seen).toContain('change:ngay_van_ban');
    expect(seen.some((e) => e.endsWith(':linh_vuc'))).toBe(false);
  });
});
