import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { makeVanBan } from '../../support/pdf-inputs.js';
import { pdftotext, qpdfCheck } from '../../support/validators.js';

// Runs the compiled CLI: `npx tsc -b` first.
const dir = mkdtempSync(join(tmpdir(), 'vanthu-registry-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = join(dir, 'config.json');
writeFileSync(
  config,
  JSON.stringify({
    registry: {
      organId: '000.00.09.H13',
      organName: 'Sở Nội vụ thành phố Cần Thơ',
      store: { kind: 'sqlite', file: join(dir, 'registry.sqlite') },
    },
  }),
);
// The backup key goes to this directory (a file, with no session bus), not the user's keychain.
const env = { ...process.env, VANTHU_HOME: dir, DBUS_SESSION_BUS_ADDRESS: '' };
const vanthu = (...args: string[]) =>
  spawnSync(process.execPath, ['daemon/bin/vanthu.mjs', ...args, '--config', config], {
    encoding: 'utf8',
    env,
  });
const json = (...args: string[]) => {
  const r = vanthu(...args, '--json');
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

describe('vanthu registry, records, report, backup, restore', () => {
  it('registers, warns of duplicates, reports, hands over a record and restores a backup', async () => {
    const fields = join(dir, 'in.json');
    writeFileSync(
      fields,
      JSON.stringify({
        TypeName: 'Công văn',
        CodeNumber: '12',
        CodeNotation: 'UBND-VP',
        IssuedDate: '2026-03-02',
        OrganName: 'Ủy ban nhân dân quận Ninh Kiều',
        Subject: 'Về việc tổng hợp số liệu quý I',
      }),
    );
    const pdf = join(dir, 'doc.pdf');
    writeFileSync(pdf, await makeVanBan({ pages: 2 }));
    const annex = join(dir, 'phu-luc.pdf');
    writeFileSync(annex, await makeVanBan({ pages: 3 }));
    const first = json('registry', 'incoming', '--file', fields, '--pdf', pdf, '--attach', annex);
    const entry = (
      first as {
        entry: { id: string; number: number; fields: Record<string, unknown>; attachments: unknown[] };
      }
    ).entry;
    expect(entry.number).toBe(1);
    expect(entry.fields['PageAmount']).toBe(2);
    expect(entry.attachments).toMatchObject([{ seq: 1, name: 'phu-luc.pdf', pages: 3 }]);
    const shown = vanthu('registry', 'show', entry.id);
    expect(shown.stdout).toMatch(/Tệp văn bản: doc\.pdf {2}2 trang {2}\d+ B {2}SHA-256 [0-9a-f]{64}/);
    expect(shown.stdout).toMatch(/Phụ lục 1: phu-luc\.pdf {2}3 trang/);
    const dup = vanthu('registry', 'incoming', '--file', fields);
    expect(dup.status).toBe(2);
    expect(dup.stderr).toMatch(/^vanthu: REGISTRY_DUPLICATE: Văn bản đã được đăng ký/);
    expect(vanthu('registry', 'check', 'incoming', '--file', fields).status).toBe(1);
    const bad = vanthu(
      'registry',
      'outgoing',
      '--set',
      'TypeName=Công văn',
      '--set',
      'CodeNotation=snv vp',
      '--set',
      'Subject=S',
      '--lang',
      'en',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      'FIELD_INVALID: Invalid field: CodeNotation: Notation "snv vp" must be capitals',
    );
    json(
      'registry',
      'outgoing',
      '--set',
      'TypeName=Công văn',
      '--set',
      'CodeNotation=SNV-VP',
      '--set',
      'Subject=Trả lời',
      '--set',
      'To.OrganName=Bộ Nội vụ',
    );
    json(
      'registry',
      'assign',
      entry.id,
      '--lead',
      'Phòng Tổ chức',
      '--coordinator',
      'Văn phòng',
      '--due',
      '2026-01-05',
      '--text',
      'Giao xử lý',
    );
    const overdue = json('registry', 'overdue') as { overdue: unknown[] };
    expect(overdue.overdue).toHaveLength(1);

    const csv = join(dir, 'den.csv');
    const year = String((entry.fields['ArrivalDate'] as string).slice(0, 4));
    expect(vanthu('report', 'incoming', '--year', year, '-o', csv).status).toBe(0);
    const lines = readFileSync(csv, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Ngày đến,Số đến,Tác giả,"Số, ký hiệu",Ngày tháng,Tên loại và trích yếu nội dung,Đơn vị hoặc người nhận,Ký nhận,Ghi chú',
    );
    expect(lines[1]).toContain(
      ',1,Ủy ban nhân dân quận Ninh Kiều,12/UBND-VP,02/03/2026,Công văn: Về việc tổng hợp số liệu quý I,Phòng Tổ chức; Văn phòng',
    );
    const xlsx = join(dir, 'di.xlsx');
    expect(vanthu('report', 'outgoing', '--year', year, '-o', xlsx).status).toBe(0);
    const parts = unzipSync(readFileSync(xlsx));
    expect(Object.keys(parts)).toContain('[Content_Types].xml');
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<t xml:space="preserve">SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM');
    expect(sheet).toContain('01/SNV-VP');
    expect(new DOMParser().parseFromString(sheet, 'text/xml').documentElement?.nodeName).toBe('worksheet');
    const book = join(dir, 'den.pdf');
    expect(vanthu('report', 'incoming', '--year', year, '-o', book).status).toBe(0);
    expect(qpdfCheck(book).ok).toBe(true);
    const text = pdftotext(book);
    expect(text).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐẾN');
    expect(text).toContain(`Năm: ${year}`);
    expect(text).toContain('Trang 1/1');
    expect(text).toContain('Ủy ban nhân dân quận Ninh Kiều');
    const quarter = json('report', 'quarter', '--quarter', '4', '--year', year) as {
      statistics: { received: { electronic: number } };
    };
    expect(quarter.statistics.received.electronic).toBeGreaterThanOrEqual(0);

    const rec = join(dir, 'rec.json');
    writeFileSync(
      rec,
      JSON.stringify({
        FileCode: { FileNotation: '01.TH' },
        Title: 'Hồ sơ tổng hợp',
        Maintenance: '10 năm',
        Creator: 'An',
        StartDate: '2026-01-02',
      }),
    );
    const record = (json('records', 'create', '--file', rec) as { record: { code: string } }).record;
    expect(record.code).toBe('000.00.09.H13.2026.01.TH');
    json('records', 'add', '000.00.09.H13.2026.01TH', entry.id);
    const closed = json('records', 'close', record.code, '--note', 'Đủ') as {
      record: { fields: Record<string, unknown> };
    };
    // Tổng số trang: the document's 2 pages and its phụ lục's 3.
    expect(closed.record.fields).toMatchObject({ DocTotal: 1, PageTotal: 5, Description: 'Đủ' });
    const pkg = join(dir, 'handover.zip');
    // Unsigned PDFs cannot be extended to B-LTA: refused without the flag, exported with it.
    const refusedLtv = vanthu('records', 'export', record.code, '-o', pkg, '--lang', 'en');
    expect(refusedLtv.status).toBe(2);
    expect(refusedLtv.stderr).toContain('--allow-non-ltv');
    json('records', 'export', record.code, '-o', pkg, '--allow-non-ltv');
    const members = unzipSync(readFileSync(pkg));
    const xml = new TextDecoder().decode(members['metadata.xml']);
    expect(xml).toContain('<FileNotation>01.TH</FileNotation>');
    expect(xml).toContain('<DocTotal>1</DocTotal>');
    const ltv = JSON.parse(new TextDecoder().decode(members['LTV.json'])) as {
      allLtv: boolean;
      exportedWithoutLtv: boolean;
      files: { member: string; level: string }[];
    };
    expect(ltv).toMatchObject({ allLtv: false, exportedWithoutLtv: true });
    expect(ltv.files.map((f) => [f.member, f.level])).toEqual([
      ['documents/001-doc.pdf', 'not extended'],
      ['documents/001-p1-phu-luc.pdf', 'not extended'],
    ]);
    const sums = new TextDecoder().decode(members['SHA256SUMS']);
    expect(sums).toMatch(/^[0-9a-f]{64} {2}documents\/001-doc\.pdf$/m);
    expect(sums).toMatch(/^[0-9a-f]{64} {2}documents\/001-p1-phu-luc\.pdf$/m);

    const backup = join(dir, 'backup.zip');
    json('backup', backup);
    const before = json('registry', 'list');
    const wiped = join(dir, 'wiped.sqlite');
    expect(vanthu('restore', backup, '--db', wiped).status).toBe(0);
    const after = JSON.parse(vanthu('registry', 'list', '--json', '--db', wiped).stdout) as unknown;
    expect(after).toEqual(before);
    writeFileSync(join(dir, 'broken.zip'), readFileSync(backup).subarray(0, 200));
    const refused = vanthu('restore', join(dir, 'broken.zip'), '--db', join(dir, 'other.sqlite'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('BACKUP_INVALID');
  });
});
