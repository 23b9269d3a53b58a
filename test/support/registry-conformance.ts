import type { FieldObject } from '@vanthu/shared/domain/index';
import { isVanthuError, type VanthuError } from '@vanthu/shared/errors/index';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dumpTables, MANIFEST_SEAL, RegistryService, sealManifest } from '../../daemon/src/registry/index.js';
import type { SqlStore } from '../../daemon/src/store/index.js';
import { makeVanBan } from './pdf-inputs.js';

/** The office backup key these tests seal and authenticate backups with. */
const BACKUP_KEY = randomBytes(32);
const withKey = { key: BACKUP_KEY };

export const OWN = { organId: '000.00.09.H13', organName: 'Sở Nội vụ thành phố Cần Thơ' };
const vn = (s: string) => Date.parse(`${s}+07:00`);

export function incomingFields(n: number | string, extra: FieldObject = {}): FieldObject {
  return {
    TypeName: 'Công văn',
    CodeNumber: String(n),
    CodeNotation: 'BNV-VP',
    IssuedDate: '2026-03-02',
    OrganName: 'Bộ Nội vụ',
    Subject: `Về việc báo cáo công tác văn thư số ${n}`,
    SignerInfo: { Position: 'Thứ trưởng', FullName: 'Nguyễn Văn An' },
    ...extra,
  };
}

export const outgoingFields = (extra: FieldObject = {}): FieldObject => ({
  TypeName: 'Quyết định',
  CodeNotation: 'QĐ-SNV',
  Subject: 'Về việc ban hành quy chế',
  SignerInfo: { Position: 'Giám đốc', FullName: 'Trần Thị Bình' },
  To: [{ OrganId: '000.00.00.G09', OrganName: 'Bộ Nội vụ' }],
  ...extra,
});

async function rejected(p: Promise<unknown>): Promise<VanthuError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isVanthuError(error)) throw new Error(`expected a VanthuError, got ${String(error)}`);
  return error;
}

/**
 * One behaviour for every store: each backend's test file calls this with a factory that returns a
 * fresh, empty store.
 */
export function registryConformance(name: string, makeStore: () => Promise<SqlStore>): void {
  describe(`registry conformance: ${name}`, () => {
    const open: RegistryService[] = [];
    let clock = vn('2026-03-10T09:00:00');
    const registry = async (options: Partial<Parameters<typeof RegistryService.open>[1]> = {}) => {
      const r = await RegistryService.open(await makeStore(), { ...OWN, now: () => clock, ...options });
      open.push(r);
      return r;
    };
    afterEach(async () => {
      for (const r of open.splice(0)) await r.close();
      clock = vn('2026-03-10T09:00:00');
    });

    it('numbers arrivals continuously per year and outgoing documents per book, zero-padded', async () => {
      const r = await registry();
      const a = await r.registerIncoming({ fields: incomingFields(1) });
      const b = await r.registerIncoming({ fields: incomingFields(2), channel: 'paper' });
      const o = await r.registerOutgoing({ fields: outgoingFields() });
      // A book of its own has its own type: 01/QĐ-SNV is already the general book's.
      const legal = await r.registerOutgoing({
        fields: outgoingFields({ CodeNotation: 'NQ-HĐND' }),
        series: 'VBQPPL',
      });
      expect([a.entry.number, b.entry.number, o.entry.number, legal.entry.number]).toEqual([1, 2, 1, 1]);
      expect(a.entry.fields).toMatchObject({
        ArrivalNumber: 1,
        ArrivalDate: '2026-03-10',
        Language: 'Tiếng Việt',
      });
      expect(o.entry.fields).toMatchObject({
        CodeNumber: '01',
        IssuedDate: '2026-03-10',
        OrganName: OWN.organName,
      });
      expect(a.entry.registeredAt).toBe('2026-03-10T09:00:00+07:00');
      expect(b.entry.channel).toBe('paper');
      expect((await r.list({ kind: 'incoming' })).map((e) => e.number)).toEqual([1, 2]);
      expect((await r.byNumber({ kind: 'outgoing', year: 2026, number: 1 })).id).toBe(o.entry.id);
    });

    it('restarts both books on 1 January (Vietnam time)', async () => {
      const r = await registry();
      clock = vn('2026-12-31T23:59:00');
      const last = await r.registerIncoming({ fields: incomingFields(10) });
      await r.registerOutgoing({ fields: outgoingFields() });
      clock = vn('2027-01-01T00:00:30');
      const firstIn = await r.registerIncoming({ fields: incomingFields(11) });
      const firstOut = await r.registerOutgoing({ fields: outgoingFields() });
      expect([last.entry.year, last.entry.number]).toEqual([2026, 1]);
      expect([firstIn.entry.year, firstIn.entry.number]).toEqual([2027, 1]);
      expect(firstOut.entry.fields['CodeNumber']).toBe('01');
      // A paper document that arrived in December, registered in January, joins the old book.
      const late = await r.registerIncoming({
        fields: incomingFields(12, { ArrivalDate: '2026-12-31' }),
        channel: 'paper',
      });
      expect([late.entry.year, late.entry.number]).toEqual([2026, 2]);
      const future = await rejected(
        r.registerIncoming({ fields: incomingFields(13, { ArrivalDate: '2027-01-02' }) }),
      );
      expect(future.code).toBe('FIELD_INVALID');
    });

    it('warns of duplicates (số, ký hiệu, cơ quan ban hành; DocumentId) before saving', async () => {
      const r = await registry();
      const first = await r.registerIncoming({
        fields: incomingFields('05'),
        documentId: '000.00.00.G09,2026/03/02,05/BNV-VP',
      });
      const same = incomingFields('5', { CodeNotation: 'bnv-vp', OrganName: '  bộ nội  vụ ' });
      expect((await r.duplicates('incoming', same)).map((e) => e.id)).toEqual([first.entry.id]);
      const dup = await rejected(r.registerIncoming({ fields: incomingFields('05') }));
      expect(dup.code).toBe('REGISTRY_DUPLICATE');
      expect(dup.localized('vi')).toContain('trùng số, ký hiệu, cơ quan ban hành');
      const byDocId = await rejected(
        r.registerIncoming({ fields: incomingFields(99), documentId: '000.00.00.G09,2026/03/02,05/BNV-VP' }),
      );
      expect(byDocId.code).toBe('REGISTRY_DUPLICATE');
      const forced = await r.registerIncoming({ fields: incomingFields('05'), allowDuplicate: true });
      expect(forced.entry.number).toBe(2);
      expect(await r.duplicates('incoming', incomingFields('06'))).toEqual([]);
    });

    it('refuses invalid fields and identifiers with Vietnamese and English messages', async () => {
      const r = await registry();
      const bad = await rejected(
        r.registerOutgoing({
          fields: outgoingFields({ To: [{ OrganId: '000 00 09', OrganName: 'X' }], CodeNumber: '07' }),
        }),
      );
      expect(bad.code).toBe('FIELD_INVALID');
      expect(bad.localized('vi')).toContain('Mã định danh "000 00 09" không đúng dạng');
      expect(bad.localized('vi')).toContain('"Số của văn bản" do hệ thống điền');
      expect(bad.localized('en')).toContain('Agency identifier "000 00 09" is not of the form');
      const warned = await r.registerOutgoing({
        fields: outgoingFields({ To: [{ OrganId: 'H37.DN.001' }] }),
      });
      expect(new Set(warned.warnings.map((w) => w.path))).toEqual(new Set(['To.0.OrganId']));
      const own = await rejected(RegistryService.open(await makeStore(), { ...OWN, organId: 'sở nội vụ' }));
      expect(own.code).toBe('IDENTIFIER_INVALID');
      expect((await r.list()).length).toBe(1);
    });

    it('records directions, deadlines on working days, states, recall keeping the number, overdue lists', async () => {
      const r = await registry({ calendar: { holidays: ['2026-03-12'] } });
      const { entry } = await r.registerIncoming({ fields: incomingFields(1, { Priority: 1 }) });
      const assigned = await r.assign(entry.id, {
        text: 'Giao Phòng Tổ chức chủ trì, tham mưu trả lời',
        author: 'Giám đốc',
        lead: 'Phòng Tổ chức',
        coordinators: ['Văn phòng', 'Phòng Cải cách hành chính'],
        dueWorkingDays: 2,
      });
      // Tuesday 10/3 + 2 working days, skipping the holiday on Thursday 12/3 → Friday 13/3.
      expect(assigned).toMatchObject({ state: 'assigned', dueDate: '2026-03-13' });
      expect(assigned.fields['ToPlaces']).toBe('Phòng Tổ chức; Văn phòng; Phòng Cải cách hành chính');
      expect(assigned.fields['TraceHeaderList']).toContain('chủ trì: Phòng Tổ chức');
      expect(assigned.directions[0]).toMatchObject({ seq: 1, kind: 'distribution', lead: 'Phòng Tổ chức' });
      const second = await r.registerIncoming({ fields: incomingFields(2) });
      await r.assign(second.entry.id, { text: 'Xử lý', dueDate: '2026-03-20' });
      await r.setState(second.entry.id, 'in_progress');
      expect((await r.overdue('2026-03-16')).map((o) => [o.entry.number, o.workingDaysLate])).toEqual([
        [1, 1],
      ]);
      expect((await r.overdue('2026-03-23')).map((o) => o.entry.number)).toEqual([1, 2]);
      const done = await r.setState(entry.id, 'done', { author: 'Phòng Tổ chức' });
      expect(done.completedAt).toBeDefined();
      expect((await r.overdue('2026-03-23')).map((o) => o.entry.number)).toEqual([2]);
      const again = await rejected(r.setState(entry.id, 'in_progress'));
      expect(again.code).toBe('REGISTRY_STATE');
      const noReason = await rejected(r.recall(second.entry.id, ' '));
      expect(noReason.code).toBe('INVALID_INPUT');
      const recalled = await r.recall(second.entry.id, 'Cơ quan gửi thu hồi (trạng thái 13)');
      expect(recalled).toMatchObject({
        state: 'recalled',
        number: 2,
        stateReason: 'Cơ quan gửi thu hồi (trạng thái 13)',
      });
      expect((await r.list()).map((e) => [e.number, e.state])).toEqual([
        [1, 'done'],
        [2, 'recalled'],
      ]);
      expect((await r.registerIncoming({ fields: incomingFields(3) })).entry.number).toBe(3);
      const ret = await r.registerIncoming({ fields: incomingFields(4) });
      expect((await r.setState(ret.entry.id, 'returned', { reason: 'Gửi nhầm cơ quan' })).state).toBe(
        'returned',
      );
    });

    it('keeps records (hồ sơ): danh mục, documents with totals, close, closed records refuse documents', async () => {
      const r = await registry();
      await r.importPlan(2026, [
        {
          FileCode: { FileNotation: '01.TH' },
          Title: 'Hồ sơ tổng hợp công tác văn thư năm 2026',
          Maintenance: '10 năm',
          Creator: 'Lê Văn Cường',
        },
      ]);
      expect((await r.plan(2026)).length).toBe(1);
      const record = await r.createRecord({ plan: '01TH' });
      expect(record).toMatchObject({ code: '000.00.09.H13.2026.01.TH', state: 'open', inPlan: true });
      expect(record.fields).toMatchObject({
        StartDate: '2026-03-10',
        DocTotal: 0,
        PageTotal: 0,
        Maintenance: '10 năm',
      });
      const pdf = await makeVanBan({ pages: 3 });
      const a = await r.registerIncoming({
        fields: incomingFields(1),
        file: { name: 'cv1.pdf', bytes: pdf },
      });
      expect(a.entry.fields['PageAmount']).toBe(3);
      expect(a.entry.file).toMatchObject({ name: 'cv1.pdf', pages: 3, size: pdf.length });
      const b = await r.registerIncoming({ fields: incomingFields(2, { PageAmount: 2 }), channel: 'paper' });
      await r.addToRecord('000.00.09.H13.2026.01TH', a.entry.id);
      const filled = await r.addToRecord(record.id, b.entry.id);
      expect(filled.fields).toMatchObject({ DocTotal: 2, PageTotal: 5 });
      expect(filled.documents.map((d) => d.fields['DocOrdinal'])).toEqual([1, 2]);
      expect((await r.get(a.entry.id)).fields['FileCode']).toEqual({
        OrganId: OWN.organId,
        FileCatalog: 2026,
        FileNotation: '01.TH',
      });
      expect((await rejected(r.addToRecord(record.id, a.entry.id))).code).toBe('REGISTRY_CONFLICT');
      clock = vn('2026-06-30T16:00:00');
      const closed = await r.closeRecord(record.code, { description: 'Đủ hồ sơ' });
      expect(closed).toMatchObject({ state: 'closed' });
      expect(closed.fields).toMatchObject({ EndDate: '2026-06-30', Description: 'Đủ hồ sơ' });
      const c = await r.registerIncoming({ fields: incomingFields(3) });
      expect((await rejected(r.addToRecord(record.id, c.entry.id))).code).toBe('RECORD_CLOSED');
      const outside = await rejected(r.createRecord({ fields: { Title: 'Hồ sơ ngoài danh mục' } }));
      expect(outside.code).toBe('FIELD_INVALID');
      expect(outside.localized('vi')).toContain('Chưa nhập "Thời hạn bảo quản"');
      const extra = await r.createRecord({
        fields: {
          FileCode: { FileNotation: '15-KH' },
          Title: 'Kế hoạch',
          Maintenance: 'Vĩnh viễn',
          Creator: 'An',
          StartDate: '2026-05-01',
        },
      });
      expect(extra.inPlan).toBe(false);
      expect((await rejected(r.createRecord({ plan: '01.TH' }))).code).toBe('REGISTRY_CONFLICT');
      expect((await r.records(2026)).length).toBe(2);
    });

    it('backup → wipe → restore gives an identical registry; corrupt or mismatching archives are refused', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vanthu-backup-'));
      try {
        const r = await registry();
        const pdf = await makeVanBan({ pages: 2 });
        const a = await r.registerIncoming({
          fields: incomingFields(1),
          file: { name: 'a.pdf', bytes: pdf },
        });
        await r.registerOutgoing({ fields: outgoingFields() });
        await r.assign(a.entry.id, { text: 'Giao xử lý', lead: 'Văn phòng', dueDate: '2026-03-20' });
        await r.importPlan(2026, [
          { FileCode: { FileNotation: '02.VP' }, Title: 'Hồ sơ VP', Maintenance: '5 năm', Creator: 'An' },
        ]);
        const rec = await r.createRecord({ plan: '02.VP' });
        await r.addToRecord(rec.id, a.entry.id);
        await r.recall((await r.registerIncoming({ fields: incomingFields(2) })).entry.id, 'thu hồi');
        const file = join(dir, 'registry.zip');
        const manifest = await r.backup(file, BACKUP_KEY);
        expect(manifest.tables['entries']?.rows).toBe(3);
        const before = await r.store.snapshot((tx) => dumpTables(tx));
        const fresh = await registry();
        await fresh.restore(file, withKey);
        const after = await fresh.store.snapshot((tx) => dumpTables(tx));
        expect(after.tables).toEqual(before.tables);
        expect([...after.files.entries()]).toEqual([...before.files.entries()]);
        // Numbering continues where the backup left off.
        expect((await fresh.registerIncoming({ fields: incomingFields(3) })).entry.number).toBe(3);
        expect((await fresh.record(rec.code)).fields['PageTotal']).toBe(2);
        expect((await rejected(fresh.restore(file, withKey))).code).toBe('INVALID_INPUT');
        await fresh.restore(file, { ...withKey, replace: true });
        expect((await fresh.list()).length).toBe(3);
        const bytes = readFileSync(file);
        const corrupt = join(dir, 'corrupt.zip');
        writeFileSync(corrupt, bytes.subarray(0, bytes.length - 40));
        expect((await rejected((await registry()).restore(corrupt, withKey))).code).toBe('BACKUP_INVALID');
        const { zipSync, unzipSync } = await import('fflate');
        const members = unzipSync(bytes);
        members['tables/entries.json'] = new TextEncoder().encode('[]');
        const tampered = join(dir, 'tampered.zip');
        writeFileSync(tampered, zipSync(members));
        const refused = await rejected((await registry()).restore(tampered, withKey));
        expect(refused.code).toBe('BACKUP_INVALID');
        expect(refused.localized('vi')).toContain('Bản sao lưu hỏng hoặc không khớp tổng kiểm');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('keeps phụ lục files with an entry (SHA-256, pages), hands them over with their record and backs them up', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vanthu-appendix-'));
      try {
        const r = await registry();
        const main = await makeVanBan({ pages: 2 });
        const annex = await makeVanBan({ pages: 3 });
        const sheet = new TextEncoder().encode('STT,Đơn vị\n1,Văn phòng\n');
        const { entry } = await r.registerIncoming({
          fields: incomingFields(1),
          file: { name: 'cv.pdf', bytes: main },
          attachments: [
            { name: 'phu-luc-I.pdf', bytes: annex, description: 'Phụ lục I: Danh sách đơn vị' },
            { name: 'bang.csv', bytes: sheet },
          ],
        });
        const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
        expect(entry.fields['PageAmount']).toBe(2);
        expect(entry.attachments).toEqual([
          {
            seq: 1,
            name: 'phu-luc-I.pdf',
            sha256: sha(annex),
            size: annex.length,
            pages: 3,
            description: 'Phụ lục I: Danh sách đơn vị',
          },
          { seq: 2, name: 'bang.csv', sha256: sha(sheet), size: sheet.length },
        ]);
        expect((await r.list({ kind: 'incoming' }))[0]?.attachments?.length).toBe(2);
        expect(
          (
            await rejected(
              r.registerIncoming({ fields: incomingFields(2), attachments: [{ name: ' ', bytes: sheet }] }),
            )
          ).code,
        ).toBe('INVALID_INPUT');
        const plain = await r.registerIncoming({ fields: incomingFields(3) });
        expect(plain.entry.attachments).toBeUndefined();

        const rec = await r.createRecord({
          fields: {
            FileCode: { FileNotation: '03.PL' },
            Title: 'Hồ sơ',
            Maintenance: '5 năm',
            Creator: 'An',
            StartDate: '2026-03-01',
          },
        });
        // Tổng số trang counts the phụ lục pages with the document's own (the CSV has none).
        expect((await r.addToRecord(rec.id, entry.id)).fields).toMatchObject({ DocTotal: 1, PageTotal: 5 });
        expect((await r.addToRecord(rec.id, plain.entry.id)).fields).toMatchObject({
          DocTotal: 2,
          PageTotal: 5,
        });
        expect((await r.closeRecord(rec.id)).fields['PageTotal']).toBe(5);
        const out = join(dir, 'handover');
        const handed = await r.handover(rec.id, out);
        expect(Object.keys(handed.checksums).sort()).toEqual([
          'documents/001-cv.pdf',
          'documents/001-p1-phu-luc-I.pdf',
          'documents/001-p2-bang.csv',
          'metadata.xml',
        ]);
        expect(handed.checksums['documents/001-p1-phu-luc-I.pdf']).toBe(sha(annex));
        expect(readFileSync(join(out, 'documents/001-p2-bang.csv'))).toEqual(Buffer.from(sheet));
        const xml = readFileSync(join(out, 'metadata.xml'), 'utf8');
        expect(xml).toContain(
          `<Attachment seq="1" name="documents/001-p1-phu-luc-I.pdf" sha256="${sha(annex)}" pages="3" description="Phụ lục I: Danh sách đơn vị"/>`,
        );
        expect(readFileSync(join(out, 'SHA256SUMS'), 'utf8')).toContain(
          `${sha(sheet)}  documents/001-p2-bang.csv`,
        );

        const file = join(dir, 'backup.zip');
        const manifest = await r.backup(file, BACKUP_KEY);
        expect(manifest.tables['entry_attachments']?.rows).toBe(2);
        expect(Object.keys(manifest.files).sort()).toEqual([sha(main), sha(annex), sha(sheet)].sort());
        const fresh = await registry();
        await fresh.restore(file, withKey);
        expect((await fresh.get(entry.id)).attachments).toEqual(entry.attachments);

        // A backup taken before appendix files existed (schema 1) restores with none.
        const { zipSync, unzipSync } = await import('fflate');
        const members = unzipSync(readFileSync(file));
        delete members['tables/entry_attachments.json'];
        const old = JSON.parse(new TextDecoder().decode(members['manifest.json'])) as {
          schemaVersion: number;
          tables: Record<string, unknown>;
        };
        old.schemaVersion = 1;
        delete old.tables['entry_attachments'];
        // Sealed again, as the office that made such a backup would have (the seal covers the manifest).
        const reseal = () => {
          members['manifest.json'] = new TextEncoder().encode(JSON.stringify(old));
          members[MANIFEST_SEAL] = new TextEncoder().encode(
            JSON.stringify(sealManifest(BACKUP_KEY, members['manifest.json'])),
          );
        };
        reseal();
        const v1 = join(dir, 'v1.zip');
        writeFileSync(v1, zipSync(members));
        const older = await registry();
        await older.restore(v1, withKey);
        expect((await older.get(entry.id)).attachments).toBeUndefined();
        expect((await older.get(entry.id)).file?.sha256).toBe(sha(main));
        // …but a current backup without the table is damaged.
        old.schemaVersion = 2;
        reseal();
        writeFileSync(v1, zipSync(members));
        expect((await rejected((await registry()).restore(v1, withKey))).code).toBe('BACKUP_INVALID');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('never hands out one number twice under concurrent registrations on one connection', async () => {
      const r = await registry();
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) => r.registerIncoming({ fields: incomingFields(1000 + i) })),
      );
      const numbers = results.map((x) => x.entry.number).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    });
  });
}
