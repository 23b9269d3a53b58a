import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { SqlExecutor, SqlRow, SqlStore } from '../store/index.js';
import { backupKeyId } from './backup-key.js';
import { SCHEMA_VERSION, TABLE_SINCE, TABLES, type TableName } from './schema.js';
import { TABLE_COLUMNS } from './schema-columns.js';

export const BACKUP_FORMAT = 'vanthu-registry-backup';
/** Zip member sealing manifest.json (which holds every other member's checksum). */
export const MANIFEST_SEAL = 'manifest.hmac';

/** HMAC-SHA256 of the exact bytes of manifest.json with the office backup key. */
export interface ManifestSeal {
  alg: 'HMAC-SHA256';
  /** `backupKeyId` of the key, so a restore can say which key it needs. */
  keyId: string;
  mac: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  schemaVersion: number;
  createdAt: string;
  /** Backend the snapshot came from (a backup restores into either). */
  store: string;
  tables: Record<string, { rows: number; sha256: string }>;
  /** Stored documents by SHA-256 (the member name is the checksum itself). */
  files: Record<string, { size: number }>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ORDER: Record<TableName, string> = {
  meta: 'key',
  books: 'organ_id, kind, year, series',
  files: 'sha256',
  entries: 'id',
  entry_attachments: 'entry_id, seq',
  directions: 'id',
  record_plan: 'organ_id, year, notation_key',
  records: 'id',
  record_items: 'record_id, ordinal',
};

/** Every table as plain rows, in a stable order, document bytes separate. */
export async function dumpTables(
  tx: SqlExecutor,
): Promise<{ tables: Record<string, SqlRow[]>; files: Map<string, Uint8Array> }> {
  const tables: Record<string, SqlRow[]> = {};
  const files = new Map<string, Uint8Array>();
  for (const t of TABLES) {
    const rows = await tx.all(`SELECT * FROM ${t} ORDER BY ${ORDER[t]}`);
    tables[t] = rows.map((r) => {
      if (t !== 'files') return normalizeRow(r);
      const { content, ...rest } = r;
      files.set(String(r['sha256']), new Uint8Array(content as Uint8Array));
      return normalizeRow(rest);
    });
  }
  return { tables, files };
}

/** Numbers as numbers whichever driver read them (PostgreSQL bigint arrives as a string). */
function normalizeRow(r: SqlRow): SqlRow {
  const out: SqlRow = {};
  for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'bigint' ? Number(v) : v;
  return out;
}

const macOf = (key: Uint8Array, bytes: Uint8Array) => createHmac('sha256', key).update(bytes).digest();

export function sealManifest(key: Uint8Array, manifestBytes: Uint8Array): ManifestSeal {
  return { alg: 'HMAC-SHA256', keyId: backupKeyId(key), mac: macOf(key, manifestBytes).toString('hex') };
}

/**
 * Writes a consistent snapshot of the registry to a zip with a manifest of SHA-256 checksums, sealed
 * with the office backup key.
 */
export async function backup(
  store: SqlStore,
  file: string,
  key: Uint8Array,
  now = Date.now(),
): Promise<BackupManifest> {
  const { tables, files } = await store.snapshot((tx) => dumpTables(tx));
  const enc = new TextEncoder();
  const members: Record<string, Uint8Array> = {};
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    schemaVersion: SCHEMA_VERSION,
    createdAt: new Date(now).toISOString(),
    store: store.kind,
    tables: {},
    files: {},
  };
  for (const [name, rows] of Object.entries(tables)) {
    const bytes = enc.encode(JSON.stringify(rows));
    members[`tables/${name}.json`] = bytes;
    manifest.tables[name] = { rows: rows.length, sha256: sha256(bytes) };
  }
  for (const [sha, bytes] of files) {
    members[`files/${sha}`] = bytes;
    manifest.files[sha] = { size: bytes.length };
  }
  members['manifest.json'] = enc.encode(JSON.stringify(manifest, null, 2));
  members[MANIFEST_SEAL] = enc.encode(JSON.stringify(sealManifest(key, members['manifest.json'])));
  writeFileAtomic(file, zipSync(members, { level: 6 }), 0o600);
  return manifest;
}

function invalid(detail: string): VanthuError {
  return new VanthuError('BACKUP_INVALID', detail);
}

/** How a restore authenticates the backup. */
export interface BackupAuth {
  /** The office backup key of this machine, or from `--key-file`. */
  key?: Uint8Array | undefined;
  /** Restore a backup that is unsealed or does not authenticate (`--trust-unsigned`). */
  trustUnsigned?: boolean;
}

/**
 * Checks the seal of manifest.json before anything in it is believed. Returns whether the backup
 * authenticated; without `trustUnsigned` a backup that does not is refused.
 */
function authenticate(
  members: Record<string, Uint8Array>,
  manifestBytes: Uint8Array,
  auth: BackupAuth,
): boolean {
  const refuse = (code: 'BACKUP_NOT_AUTHENTIC' | 'BACKUP_KEY_MISSING', detail: string) => {
    if (auth.trustUnsigned) return false;
    throw new VanthuError(code, detail);
  };
  const raw = members[MANIFEST_SEAL];
  if (!raw)
    return refuse('BACKUP_NOT_AUTHENTIC', 'the backup is not sealed (made by an older vanthu, or altered)');
  let seal: Partial<ManifestSeal>;
  try {
    seal = JSON.parse(new TextDecoder().decode(raw)) as Partial<ManifestSeal>;
  } catch {
    seal = {};
  }
  if (seal.alg !== 'HMAC-SHA256' || typeof seal.mac !== 'string' || !/^[0-9a-f]{64}$/.test(seal.mac))
    return refuse('BACKUP_NOT_AUTHENTIC', `${MANIFEST_SEAL} is damaged`);
  if (!auth.key)
    return refuse('BACKUP_KEY_MISSING', `the backup was sealed with the key ${String(seal.keyId)}`);
  if (seal.keyId !== backupKeyId(auth.key))
    return refuse(
      'BACKUP_NOT_AUTHENTIC',
      `the backup was sealed with the key ${String(seal.keyId)}, not with this key (${backupKeyId(auth.key)})`,
    );
  if (!timingSafeEqual(macOf(auth.key, manifestBytes), Buffer.from(seal.mac, 'hex')))
    return refuse('BACKUP_NOT_AUTHENTIC', 'manifest.json does not match its seal: the backup was altered');
  return true;
}

/** Rows of one table as the backup holds them: an array of plain objects. */
function rowsOf(table: string, value: unknown): SqlRow[] {
  if (!Array.isArray(value) || value.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    throw invalid(`table ${table}: not an array of rows`);
  return value as SqlRow[];
}

/**
 * Every key of every row must be a column of our schema: restore builds its SQL from the schema's
 * names only, and a backup naming anything else is refused whole, naming the keys.
 */
function checkColumns(tables: Record<string, SqlRow[]>): void {
  const unknown = new Set<string>();
  for (const t of TABLES) {
    const known = new Set(TABLE_COLUMNS[t]);
    for (const row of tables[t] ?? [])
      for (const k of Object.keys(row)) if (!known.has(k)) unknown.add(`${t}.${JSON.stringify(k)}`);
  }
  if (unknown.size > 0) {
    const names = [...unknown];
    throw new VanthuError(
      'BACKUP_UNKNOWN_COLUMNS',
      names.slice(0, 10).join(', ') + (names.length > 10 ? ', …' : ''),
      {
        columns: names,
      },
    );
  }
}

/** Reads and verifies a backup: seal, format, schema version, every member's checksum, column names. */
export function readBackup(
  file: string,
  auth: BackupAuth = {},
): {
  manifest: BackupManifest;
  tables: Record<string, SqlRow[]>;
  files: Map<string, Uint8Array>;
  authenticated: boolean;
} {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(readFileSync(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new VanthuError('FILE_NOT_FOUND', file);
    throw invalid(`${file}: not a readable zip (${(error as Error).message})`);
  }
  const raw = members['manifest.json'];
  if (!raw) throw invalid('manifest.json missing');
  const authenticated = authenticate(members, raw, auth);
  const dec = new TextDecoder();
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(dec.decode(raw)) as BackupManifest;
  } catch {
    throw invalid('manifest.json is not JSON');
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1)
    throw invalid('not a vanthu registry backup');
  if (
    !Number.isInteger(manifest.schemaVersion) ||
    manifest.schemaVersion < 1 ||
    manifest.schemaVersion > SCHEMA_VERSION
  )
    throw invalid(`schema version ${manifest.schemaVersion}, this vanthu reads 1 to ${SCHEMA_VERSION}`);
  const tables: Record<string, SqlRow[]> = {};
  for (const t of TABLES) {
    const bytes = members[`tables/${t}.json`];
    const expected = manifest.tables[t];
    if (!bytes && !expected && (TABLE_SINCE[t] ?? 1) > manifest.schemaVersion) {
      tables[t] = [];
      continue;
    }
    if (!bytes || !expected) throw invalid(`table ${t} missing`);
    if (sha256(bytes) !== expected.sha256) throw invalid(`table ${t}: checksum mismatch`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(dec.decode(bytes));
    } catch {
      throw invalid(`table ${t}: not JSON`);
    }
    tables[t] = rowsOf(t, parsed);
    if (tables[t].length !== expected.rows) throw invalid(`table ${t}: row count mismatch`);
  }
  checkColumns(tables);
  const files = new Map<string, Uint8Array>();
  for (const [sha, meta] of Object.entries(manifest.files)) {
    const bytes = members[`files/${sha}`];
    if (!bytes || bytes.length !== meta.size || sha256(bytes) !== sha)
      throw invalid(`document ${sha}: checksum mismatch`);
    files.set(sha, bytes);
  }
  const referenced = (tables['files'] ?? []).map((r) => String(r['sha256']));
  if (referenced.some((s) => !files.has(s))) throw invalid('a document listed in the files table is missing');
  return { manifest, tables, files, authenticated };
}

export interface RestoredBackup {
  manifest: BackupManifest;
  /** False when `trustUnsigned` let an unsealed or unauthenticated backup through. */
  authenticated: boolean;
}

/**
 * Restores a verified backup. The target must be empty unless `replace` is set, in which case the
 * current registry is replaced as a whole inside the same transaction (all or nothing).
 */
export async function restore(
  store: SqlStore,
  file: string,
  options: { replace?: boolean } & BackupAuth = {},
): Promise<RestoredBackup> {
  const { manifest, tables, files, authenticated } = readBackup(file, options);
  await store.transaction(async (tx) => {
    const existing = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM entries');
    const records = await tx.all<{ n: number }>('SELECT COUNT(*) AS n FROM records');
    if ((Number(existing[0]?.n) > 0 || Number(records[0]?.n) > 0) && !options.replace)
      throw new VanthuError(
        'INVALID_INPUT',
        'the registry is not empty; restore with --replace to overwrite it',
      );
    for (const t of [...TABLES].reverse()) await tx.run(`DELETE FROM ${t}`);
    for (const t of TABLES) {
      for (const row of tables[t] ?? []) {
        const values = { ...row } as Record<string, unknown>;
        if (t === 'files') values['content'] = Buffer.from(files.get(String(row['sha256']))!);
        // Names from our schema only (checkColumns refused any other key); values are bound.
        const cols = TABLE_COLUMNS[t].filter((c) => Object.hasOwn(values, c));
        await tx.run(
          `INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
          cols.map((c) => values[c]) as (string | number | null | Uint8Array)[],
        );
      }
    }
    // An older snapshot now has this schema's tables (the missing ones restored empty).
    await tx.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(SCHEMA_VERSION)]);
  });
  return { manifest, authenticated };
}
