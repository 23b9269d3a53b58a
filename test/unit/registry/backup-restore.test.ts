import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isVanthuError, type VanthuError } from '@vanthu/shared/errors/index';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  backupKeyId,
  dumpTables,
  MANIFEST_SEAL,
  RegistryService,
  sealManifest,
} from '../../../daemon/src/registry/index.js';
import { TABLES, schemaStatements } from '../../../daemon/src/registry/schema.js';
import { TABLE_COLUMNS } from '../../../daemon/src/registry/schema-columns.js';
import { SqliteStore } from '../../../daemon/src/store/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { incomingFields, OWN } from '../../support/registry-conformance.js';

const tmp = tempDir('vanthu-backup-');
afterAll(() => tmp.cleanup());
let n = 0;
const KEY = randomBytes(32);
const enc = new TextEncoder();
const dec = new TextDecoder();
const sha256 = async (b: Uint8Array) =>
  (await import('node:crypto')).createHash('sha256').update(b).digest('hex');

const registry = () => RegistryService.open(new SqliteStore(join(tmp.dir, `r${++n}.sqlite`)), OWN);

async function rejected(p: Promise<unknown>): Promise<VanthuError> {
  try {
    await p;
  } catch (error) {
    if (isVanthuError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** A registry with two entries (one with a document) and its sealed backup. */
async function sealedBackup(): Promise<{ file: string; members: Record<string, Uint8Array> }> {
  const r = await registry();
  await r.registerIncoming({
    fields: incomingFields(1),
    file: { name: 'a.txt', bytes: enc.encode('văn bản') },
  });
  await r.registerIncoming({ fields: incomingFields(2) });
  const file = join(tmp.dir, `backup-${n}.zip`);
  await r.backup(file, KEY);
  await r.close();
  return { file, members: unzipSync(readFileSync(file)) };
}

type Manifest = { tables: Record<string, { rows: number; sha256: string }> };

/** Rewrites one table as someone with the zip but maybe without the key would: checksums and counts fixed up. */
async function rewriteTable(
  members: Record<string, Uint8Array>,
  table: string,
  edit: (rows: Record<string, unknown>[]) => void,
  sealWith?: Uint8Array,
): Promise<string> {
  const rows = JSON.parse(dec.decode(members[`tables/${table}.json`])) as Record<string, unknown>[];
  edit(rows);
  const bytes = enc.encode(JSON.stringify(rows));
  const manifest = JSON.parse(dec.decode(members['manifest.json'])) as Manifest;
  manifest.tables[table] = { rows: rows.length, sha256: await sha256(bytes) };
  const out = {
    ...members,
    [`tables/${table}.json`]: bytes,
    'manifest.json': enc.encode(JSON.stringify(manifest)),
  };
  if (sealWith)
    out[MANIFEST_SEAL] = enc.encode(JSON.stringify(sealManifest(sealWith, out['manifest.json']!)));
  const file = join(tmp.dir, `crafted-${++n}.zip`);
  writeFileSync(file, zipSync(out));
  return file;
}

describe('registry backup: column names come from our schema', () => {
  it('TABLE_COLUMNS lists exactly the columns the DDL creates', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate(schemaStatements('sqlite'));
    for (const t of TABLES) {
      const cols = await store.all<{ name: string }>(`PRAGMA table_info(${t})`);
      expect(cols.map((c) => c.name)).toEqual([...TABLE_COLUMNS[t]]);
    }
    await store.close();
  });

  it('refuses a backup whose rows carry keys outside the schema, naming them, before any SQL runs', async () => {
    const { members } = await sealedBackup();
    // The form of the reported attack: a key that turns the INSERT into INSERT … SELECT sqlite_version().
    const injected = 'key, value) SELECT sqlite_version(), ? --';
    // Sealed with the real key: an insider's backup, or one let through by --trust-unsigned.
    let file = await rewriteTable(members, 'meta', (rows) => rows.push({ [injected]: 'x' }), KEY);
    file = await rewriteTable(
      unzipSync(readFileSync(file)),
      'books',
      (rows) => {
        rows[0]!['x"); DROP TABLE books; --'] = 1;
      },
      KEY,
    );
    const target = await registry();
    await target.registerIncoming({ fields: incomingFields(7) });
    const transaction = vi.spyOn(target.store, 'transaction');
    const run = vi.spyOn(target.store, 'run');
    for (const options of [
      { key: KEY, replace: true },
      { trustUnsigned: true, replace: true },
    ]) {
      const refused = await rejected(target.restore(file, options));
      expect(refused.code).toBe('BACKUP_UNKNOWN_COLUMNS');
      expect(refused.localized('en')).toContain(`meta.${JSON.stringify(injected)}`);
      expect(refused.localized('en')).toContain('books."x\\"); DROP TABLE books; --"');
      expect(refused.localized('vi')).toContain('Bản sao lưu có cột không thuộc lược đồ sổ đăng ký');
    }
    expect(transaction).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
    const version = (await target.store.all<{ v: string }>('SELECT sqlite_version() AS v'))[0]!.v;
    expect(await target.store.all('SELECT * FROM meta WHERE key = ?', [version])).toEqual([]);
    expect((await target.list()).length).toBe(1);
    await target.close();
  });
});

describe('registry backup: the manifest is sealed with the office backup key', () => {
  it('a good backup round-trips and says it authenticated', async () => {
    const { file } = await sealedBackup();
    const source = await RegistryService.open(new SqliteStore(join(tmp.dir, `r${n}.sqlite`)), OWN);
    const before = await source.store.snapshot((tx) => dumpTables(tx));
    const fresh = await registry();
    expect((await fresh.restore(file, { key: KEY })).authenticated).toBe(true);
    const after = await fresh.store.snapshot((tx) => dumpTables(tx));
    expect(after.tables).toEqual(before.tables);
    expect([...after.files.entries()]).toEqual([...before.files.entries()]);
    await Promise.all([source.close(), fresh.close()]);
  });

  it('refuses an entry rewritten with its checksum fixed up, unless --trust-unsigned', async () => {
    const { members } = await sealedBackup();
    const file = await rewriteTable(members, 'entries', (rows) => {
      rows[0]!['subject'] = 'Văn bản đã bị sửa';
    });
    const fresh = await registry();
    const transaction = vi.spyOn(fresh.store, 'transaction');
    const refused = await rejected(fresh.restore(file, { key: KEY }));
    expect(refused.code).toBe('BACKUP_NOT_AUTHENTIC');
    expect(refused.localized('en')).toContain('manifest.json does not match its seal');
    expect(transaction).not.toHaveBeenCalled();
    expect((await fresh.restore(file, { key: KEY, trustUnsigned: true })).authenticated).toBe(false);
    const subjects = await fresh.store.all<{ subject: string }>('SELECT subject FROM entries');
    expect(subjects.map((r) => r.subject)).toContain('Văn bản đã bị sửa');
    await fresh.close();
  });

  it('refuses an unsealed backup, one sealed with another key, and says when the key is missing', async () => {
    const { file, members } = await sealedBackup();
    const fresh = await registry();
    const { [MANIFEST_SEAL]: _seal, ...unsealedMembers } = members;
    const unsealed = join(tmp.dir, 'unsealed.zip');
    writeFileSync(unsealed, zipSync(unsealedMembers));
    expect((await rejected(fresh.restore(unsealed, { key: KEY }))).code).toBe('BACKUP_NOT_AUTHENTIC');
    const other = randomBytes(32);
    const wrong = await rejected(fresh.restore(file, { key: other }));
    expect(wrong.code).toBe('BACKUP_NOT_AUTHENTIC');
    expect(wrong.localized('en')).toContain(
      `sealed with the key ${backupKeyId(KEY)}, not with this key (${backupKeyId(other)})`,
    );
    const missing = await rejected(fresh.restore(file, {}));
    expect(missing.code).toBe('BACKUP_KEY_MISSING');
    expect(missing.localized('vi')).toContain('vanthu backup key import');
    expect(missing.localized('en')).toContain(backupKeyId(KEY));
    expect((await fresh.restore(unsealed, { trustUnsigned: true })).authenticated).toBe(false);
    await fresh.close();
  });
});
