import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../extension/src/profile/demo-profile.js';
import type { FillOutcome } from '../../extension/src/profile/registration-fill.js';
import type { PortalProfile } from '../../extension/src/profile/schema.js';
import { CHROMIUM } from '../support/chromium.js';
import { webFormsProfile } from '../support/portal-webforms/profile.js';
import {
  DEMO_PASSWORD,
  startWebFormsPortal,
  type WebFormsPortal,
} from '../support/portal-webforms/server.js';

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
let wf: WebFormsPortal;

/** Runs the bundled fill code on a page (the content script's fillRegistration). */
function fillOn(target: Page, profile: PortalProfile, values: Record<string, string>): Promise<FillOutcome> {
  return target.evaluate(
    ([p, v]) =>
      (
        globalThis as unknown as {
          vanthuFill: { fillRegistration(r: ParentNode, p: unknown, v: unknown): FillOutcome };
        }
      ).vanthuFill.fillRegistration(document, p, v),
    [profile, values] as const,
  );
}

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
    wf = await startWebFormsPortal({ dataDir: mkdtempSync(join(tmpdir(), 'vanthu-webforms-')) });
  });

  afterAll(async () => {
    await browser?.close();
    await wf?.close();
  });

  it('fills selects by option text, dates in the portal format, combined and signer fields; reports the rest', async () => {
    const outcome = await fillOn(page, PROFILE, VALUES);
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

  it('leaves a combined field with only some of its parts for the clerk, and reports it', async () => {
    await page.setContent(FORM);
    await page.addScriptTag({ content: fillCode });
    const { CodeNotation: _, ...withoutNotation } = VALUES;
    const partial = await fillOn(page, PROFILE, withoutNotation);
    expect(partial.notFilled).toContain('{CodeNumber}/{CodeNotation}');
    expect(await page.inputValue('input[name="so_ky_hieu"]')).toBe('');
    // Neither part known: nothing to report for the combined field.
    const { CodeNumber: __, ...withoutCode } = withoutNotation;
    const none = await fillOn(page, PROFILE, withoutCode);
    expect(none.notFilled).not.toContain('{CodeNumber}/{CodeNotation}');
  });

  it('fills the WebForms portal\'s "Vào sổ" form, which then posts the option values it stores', async () => {
    const portal = await browser.newPage();
    await portal.goto(`${wf.url}/Login.aspx`);
    await portal.fill('#MainContent_txtTenDangNhap', 'vanthu');
    await portal.fill('#MainContent_txtMatKhau', DEMO_PASSWORD);
    await portal.click('#MainContent_btnDangNhap');
    await portal.waitForURL(/DanhSach\.aspx/);
    await portal.goto(`${wf.url}/VanBan/VaoSo.aspx?id=4`);
    await portal.addScriptTag({ content: fillCode });
    const base = webFormsProfile([`${wf.url}/*`]);
    const { CodeNumber: _number, ...fields } = base.registration?.fields ?? {};
    const profile: PortalProfile = {
      ...base,
      registration: {
        form: 'form#form1',
        fields,
        combined: [{ field: '#MainContent_txtSoKyHieu', template: '{CodeNumber}/{CodeNotation}' }],
      },
    };
    const outcome = await fillOn(portal, profile, {
      ArrivalNumber: '12',
      ArrivalDate: '2026-12-01',
      TypeName: 'Quyết định',
      CodeNumber: '87',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: '28/10/2026',
      OrganName: 'ủy ban nhân dân thành phố cần thơ',
      Subject: 'Về việc giao chỉ tiêu kế hoạch năm 2027',
      'SignerInfo.FullName': 'Nguyễn Thị Lan',
      'SignerInfo.Position': 'Chủ tịch',
      Priority: 'Khẩn',
    });
    expect(outcome.notFilled).toEqual([]);
    await portal.click('#MainContent_btnLuu');
    await portal.waitForSelector('#MainContent_lblThongBao');
    expect(wf.registration(4)).toMatchObject({
      txtSoDen: '12',
      txtNgayDen: '01/12/2026',
      ddlLoaiVanBan: 'QD',
      txtSoKyHieu: '87/QĐ-UBND',
      txtNgayVanBan: '28/10/2026',
      ddlCoQuanBanHanh: '000.00.00.H13',
      txtTrichYeu: 'Về việc giao chỉ tiêu kế hoạch năm 2027',
      txtNguoiKy: 'Nguyễn Thị Lan',
      txtChucVu: 'Chủ tịch',
      ddlDoKhan: '1',
    });
    await portal.close();
  });
});
