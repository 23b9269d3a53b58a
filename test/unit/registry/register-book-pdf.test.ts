import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPdf } from '../../../daemon/src/registry/reports/pdf.js';
import { registerBook } from '../../../daemon/src/registry/reports/register-book.js';
import type { Entry } from '../../../daemon/src/registry/types.js';
import { pdftotext, qpdfCheck } from '../../support/validators.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-book-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function incoming(n: number): Entry {
  const day = String((n % 28) + 1).padStart(2, '0');
  return {
    id: `e${n}`,
    kind: 'incoming',
    organId: '000.00.09.H13',
    year: 2026,
    series: '',
    number: n,
    state: n === 3 ? 'recalled' : 'registered',
    channel: 'electronic',
    registeredAt: `2026-03-${day}T09:00:00+07:00`,
    fields: {
      ArrivalDate: `2026-03-${day}`,
      ArrivalNumber: n,
      OrganName: 'Ủy ban nhân dân quận Ninh Kiều',
      CodeNumber: String(n),
      CodeNotation: 'UBND-VP',
      IssuedDate: '2026-03-01',
      TypeName: 'Công văn',
      Subject: `Về việc báo cáo tình hình thực hiện nhiệm vụ số ${n}`,
    },
    directions: [],
  };
}

function write(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const pageCount = (file: string) =>
  Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

describe('register book PDF (NĐ30 PL IV)', () => {
  it('prints the title block once, the header row and column numbers on every page, and "Trang i/n"', () => {
    const entries = Array.from({ length: 90 }, (_, i) => incoming(i + 1));
    const table = registerBook('incoming', 2026, entries, {
      organName: 'Sở Nội vụ thành phố Cần Thơ',
      parentOrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
    });
    const file = write('den.pdf', toPdf(table));
    const check = qpdfCheck(file);
    expect(check.ok, check.output).toBe(true);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThanOrEqual(3);
    const first = pdftotext(file, 1);
    expect(first).toContain('ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ');
    expect(first).toContain('SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ');
    expect(first).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(first).toContain('Năm: 2026');
    expect(first).toContain('Từ ngày 01/03/2026 đến ngày 28/03/2026');
    expect(first).toContain('Từ số 1 đến số 90');
    for (let p = 1; p <= pages; p++) {
      const text = pdftotext(file, p);
      expect(text).toContain(`Trang ${p}/${pages}`);
      expect(text).toContain('Tên loại và trích yếu nội dung');
      expect(text).toMatch(/\(1\)\s+\(2\)\s+\(3\)/);
      expect(text).toContain('(9)');
      if (p > 1) expect(text).not.toContain('Năm: 2026');
    }
    // Every row is printed once, in order, across the pages.
    const all = Array.from({ length: pages }, (_, i) => pdftotext(file, i + 1)).join('\n');
    for (const n of [1, 45, 90]) expect(all).toContain(`nhiệm vụ số ${n}`);
    expect(all).toContain('Đã thu hồi');
  });

  it('an empty outgoing book still has its title block with blank spans, ten columns, and one page', () => {
    const table = registerBook('outgoing', 2027, [], { organName: 'Sở Nội vụ', series: 'VBQPPL' });
    const file = write('di.pdf', toPdf(table));
    expect(qpdfCheck(file).ok).toBe(true);
    const text = pdftotext(file, 1);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI (VBQPPL)');
    expect(text).toContain('Năm: 2027');
    expect(text).toContain('Từ số ....... đến số .......');
    expect(text).toContain('(10)');
    expect(text).toContain('Trang 1/1');
  });

  it('a table without a title block (statistics) keeps its one-line title and page numbers', () => {
    const file = write(
      'plain.pdf',
      toPdf({ title: 'THỐNG KÊ', header: ['Chỉ tiêu', 'Số lượng'], rows: [['Đến', '3']] }),
    );
    const text = pdftotext(file, 1);
    expect(text).toContain('THỐNG KÊ');
    expect(text).toContain('Trang 1/1');
    expect(text).not.toContain('(1)');
  });
});
