import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vietnamToday } from '@vanthu/shared/domain/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  daemonCommandsAvailable,
  type ExtensionSession,
  ORIGIN,
  startExtensionSession,
} from '../support/extension-session.js';
import { type ScreenProblems, shootAtWidths } from '../support/screen-checks.js';
import { pdftotext } from '../support/validators.js';
import { runVanthu } from '../support/vanthu-cli.js';

// The register book in the side panel: two entries registered, the Sổ tab lists them by book, year
// and dates, opens one, and prints the book as the very PDF `vanthu report` writes.
const IMG = 'docs/img';
const SUBJECT =
  'Về việc triển khai kế hoạch cải cách hành chính năm 2027 trên địa bàn thành phố Cần Thơ và các quận, huyện';
let s: ExtensionSession;
const today = vietnamToday();
const year = today.slice(0, 4);
const shortToday = today.split('-').reverse().join('/');

function expectClean(name: string, seen: Record<number, ScreenProblems>): void {
  for (const [width, p] of Object.entries(seen))
    expect({ screen: `${name}@${width}`, ...p }).toEqual({
      screen: `${name}@${width}`,
      english: [],
      tags: [],
      overflow: false,
      wrappedTabs: [],
    });
}

async function vanthu(...args: string[]) {
  const r = await runVanthu(s.home, args);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe.runIf(daemonCommandsAvailable())('the register book in the side panel', () => {
  beforeAll(async () => {
    s = await startExtensionSession({
      config: { registry: { organId: '000.00.09.H13', organName: 'Sở Nội vụ thành phố Cần Thơ' } },
    });
    await vanthu(
      'registry',
      'incoming',
      '--paper',
      '--set',
      'TypeName=Công văn',
      '--set',
      'CodeNumber=87',
      '--set',
      'CodeNotation=UBND-VP',
      '--set',
      'IssuedDate=2026-12-01',
      '--set',
      'OrganName=Ủy ban nhân dân thành phố Cần Thơ',
      '--set',
      `Subject=${SUBJECT}`,
    );
    await vanthu(
      'registry',
      'outgoing',
      '--set',
      'TypeName=Công văn',
      '--set',
      'CodeNotation=SNV-VP',
      '--set',
      'Subject=Về việc báo cáo kết quả cải cách hành chính',
      '--set',
      `IssuedDate=${today}`,
      '--set',
      'To.OrganName=Bộ Nội vụ',
    );
  }, 240_000);
  afterAll(async () => {
    await s?.close();
  });

  it('lists, filters, opens an entry and prints the book', async () => {
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html#tab=book`);
    const rows = panel.getByTestId('book-row');
    // The incoming book of this year by default.
    await expect(rows.first().textContent({ timeout: 30_000 })).resolves.toContain(`Số đến 1/${year}`);
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain(SUBJECT);
    expect(row).toContain('Ngày văn bản 01/12/2026');
    expect(row).toMatch(new RegExp(`Vào sổ ${shortToday} \\d{2}:\\d{2}:\\d{2} \\(GMT\\+7\\)`));
    expectClean('register-book', await shootAtWidths(panel, IMG, 'register-book', [1366, 360]));

    // By book: the outgoing one.
    await panel.getByTestId('book-kind').selectOption('outgoing');
    await panel.getByRole('button', { name: 'Xem sổ' }).click();
    await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain('Số 01/SNV-VP');
    expect(await rows.count()).toBe(1);

    // By dates typed dd/mm/yyyy: a US-order date is refused on the field, a range after today is empty.
    await panel.getByTestId('book-from').fill('12/31/2026');
    await panel.getByRole('button', { name: 'Xem sổ' }).click();
    await expect(panel.getByTestId('book-filter-problem-from').textContent()).resolves.toContain(
      'dd/mm/yyyy',
    );
    await panel.getByTestId('book-from').fill('31/12/2099');
    await panel.getByRole('button', { name: 'Xem sổ' }).click();
    await panel.getByTestId('book-empty').waitFor({ timeout: 20_000 });
    await panel.getByTestId('book-kind').selectOption('incoming');
    await panel.getByTestId('book-from').fill(shortToday);
    await panel.getByTestId('book-to').fill(shortToday);
    await panel.getByRole('button', { name: 'Xem sổ' }).click();
    await expect.poll(() => rows.first().textContent(), { timeout: 20_000 }).toContain(`Số đến 1/${year}`);

    // Print: the book the filter names, byte for byte what `vanthu report incoming` writes.
    const [download] = await Promise.all([
      panel.waitForEvent('download', { timeout: 30_000 }),
      panel.getByRole('button', { name: 'Tải PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`so-van-ban-den-${year}.pdf`);
    const saved = join(s.home, 'from-panel.pdf');
    await download.saveAs(saved);
    const fromCli = join(s.home, 'from-cli.pdf');
    await vanthu('report', 'incoming', '--year', year, '-o', fromCli);
    expect(Buffer.compare(readFileSync(saved), readFileSync(fromCli))).toBe(0);
    expect(pdftotext(saved)).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    await expect(panel.getByTestId('book-printed').textContent()).resolves.toBe('1 văn bản, 1 trang');
    const [viewer] = await Promise.all([
      s.context.waitForEvent('page', { timeout: 30_000 }),
      panel.getByRole('button', { name: 'In sổ' }).click(),
    ]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toMatch(/^blob:chrome-extension:\/\//);
    await viewer.close();

    // Open the entry: its own page, with its number and state.
    await panel.locator('[data-testid="book-row"] a').first().click();
    await panel.getByTestId('entry').waitFor({ timeout: 20_000 });
    await expect(panel.getByTestId('entry-number').textContent()).resolves.toBe(`Số đến 1/${year}`);
    expect(await panel.getByTestId('entry-state').textContent()).toBe('Đã vào sổ');
    await panel.close();
  }, 180_000);
});
