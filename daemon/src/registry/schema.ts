import type { StoreKind } from '../store/index.js';

export const SCHEMA_VERSION = 2;

/** Tables added after schema 1: a backup of an older schema restores them empty. */
export const TABLE_SINCE: Partial<Record<TableName, number>> = { entry_attachments: 2 };

/** Our tables, in dependency order (backups dump and restore them in this order). */
export const TABLES = [
  'meta',
  'books',
  'files',
  'entries',
  'entry_attachments',
  'directions',
  'record_plan',
  'records',
  'record_items',
] as const;
export type TableName = (typeof TABLES)[number];

/** Columns added to a table after it was first created (schema 2): nullable, so old rows stay valid. */
export const ADDED_COLUMNS: readonly { table: TableName; column: string; type: string }[] = [
  // The inbox arrival an incoming entry was registered from (exchange.sqlite inbox.id).
  { table: 'entries', column: 'arrival_id', type: 'INTEGER' },
  // Số and ký hiệu of an issued document, normalised: unique per year across all the office's books.
  { table: 'entries', column: 'code_key', type: 'TEXT' },
  // Điều 7.2 assignment: [{unit, role: lead|coordinator, dueDate?}] as JSON.
  { table: 'directions', column: 'assignees', type: 'TEXT' },
  // An outgoing document's signed draft (draft-key.ts): the same draft numbered twice is a duplicate.
  { table: 'entries', column: 'draft_key', type: 'TEXT' },
];

/** Indexes over added columns, created once the columns exist. */
export const ADDED_INDEXES: readonly string[] = [
  `CREATE UNIQUE INDEX IF NOT EXISTS entries_code_key ON entries (organ_id, year, code_key)
     WHERE code_key IS NOT NULL`,
  'CREATE INDEX IF NOT EXISTS entries_arrival ON entries (organ_id, arrival_id)',
  'CREATE INDEX IF NOT EXISTS entries_draft_key ON entries (organ_id, draft_key)',
];

/**
 * DDL in the common subset of SQLite and PostgreSQL. Register rows are never deleted: recall and
 * return are states. Uniqueness of numbers is the database's job (UNIQUE constraints), not the code's.
 */
export function schemaStatements(kind: StoreKind): string[] {
  const blob = kind === 'postgres' ? 'BYTEA' : 'BLOB';
  return [
    'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    // One counter row per book: organisation, kind (incoming/outgoing), year and series.
    `CREATE TABLE IF NOT EXISTS books (
      organ_id TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL, series TEXT NOT NULL,
      last_number INTEGER NOT NULL, PRIMARY KEY (organ_id, kind, year, series))`,
    `CREATE TABLE IF NOT EXISTS files (
      sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, pages INTEGER, content ${blob} NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS entries (
      id TEXT PRIMARY KEY, organ_id TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL,
      series TEXT NOT NULL, number INTEGER NOT NULL, state TEXT NOT NULL, channel TEXT NOT NULL,
      registered_at TEXT NOT NULL, doc_date TEXT, code_number TEXT, code_notation TEXT,
      organ_name TEXT, duplicate_key TEXT, document_id TEXT, subject TEXT, due_date TEXT,
      fields TEXT NOT NULL, clerk TEXT, file_sha256 TEXT REFERENCES files(sha256), file_name TEXT,
      completed_at TEXT, recalled_at TEXT, state_reason TEXT, updated_at TEXT NOT NULL,
      arrival_id INTEGER, code_key TEXT, draft_key TEXT,
      UNIQUE (organ_id, kind, year, series, number))`,
    // Phụ lục and other attachment files of an entry, after its main document (NĐ30: each separate
    // attachment file carries its own organisation signature).
    `CREATE TABLE IF NOT EXISTS entry_attachments (
      entry_id TEXT NOT NULL REFERENCES entries(id), seq INTEGER NOT NULL,
      file_sha256 TEXT NOT NULL REFERENCES files(sha256), file_name TEXT NOT NULL, description TEXT,
      PRIMARY KEY (entry_id, seq))`,
    'CREATE INDEX IF NOT EXISTS entries_duplicate ON entries (organ_id, kind, duplicate_key)',
    'CREATE INDEX IF NOT EXISTS entries_document_id ON entries (organ_id, document_id)',
    'CREATE INDEX IF NOT EXISTS entries_due ON entries (organ_id, due_date)',
    `CREATE TABLE IF NOT EXISTS directions (
      id TEXT PRIMARY KEY, entry_id TEXT NOT NULL REFERENCES entries(id), seq INTEGER NOT NULL,
      at TEXT NOT NULL, author TEXT, kind TEXT NOT NULL, text TEXT, lead TEXT, coordinators TEXT,
      due_date TEXT, assignees TEXT, UNIQUE (entry_id, seq))`,
    // Danh mục hồ sơ: the records planned for a year.
    `CREATE TABLE IF NOT EXISTS record_plan (
      organ_id TEXT NOT NULL, year INTEGER NOT NULL, notation_key TEXT NOT NULL,
      file_notation TEXT NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (organ_id, year, notation_key))`,
    `CREATE TABLE IF NOT EXISTS records (
      id TEXT PRIMARY KEY, organ_id TEXT NOT NULL, file_catalog INTEGER NOT NULL,
      file_notation TEXT NOT NULL, notation_key TEXT NOT NULL, state TEXT NOT NULL,
      in_plan INTEGER NOT NULL, fields TEXT NOT NULL, created_at TEXT NOT NULL, closed_at TEXT,
      UNIQUE (organ_id, file_catalog, notation_key))`,
    `CREATE TABLE IF NOT EXISTS record_items (
      record_id TEXT NOT NULL REFERENCES records(id), entry_id TEXT NOT NULL REFERENCES entries(id),
      ordinal INTEGER NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (record_id, entry_id),
      UNIQUE (record_id, ordinal), UNIQUE (entry_id))`,
  ];
}
