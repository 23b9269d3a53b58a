/**
 * The small storage interface the registry is written against. SQL is written once in the common
 * subset of SQLite and PostgreSQL with `?` placeholders; each backend adapts placeholders, types and
 * locking. Numbers are assigned inside `transaction`, which both backends make safe against other
 * processes (SQLite: BEGIN IMMEDIATE; PostgreSQL: row locks, retried on serialisation failures).
 */
export type SqlValue = string | number | null | Uint8Array;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export type StoreKind = 'sqlite' | 'postgres';

export interface SqlStore extends SqlExecutor {
  readonly kind: StoreKind;
  /** Human description without secrets (file path, or host/database). */
  readonly location: string;
  /** Runs `fn` in one read-write transaction; retried as a whole when the backend asks for it. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs `fn` in a read-only snapshot (consistent backups and reports). */
  snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies DDL once, serialised against other processes migrating the same database. */
  migrate(statements: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export async function first<T extends SqlRow>(
  db: SqlExecutor,
  sql: string,
  params?: readonly SqlValue[],
): Promise<T | undefined> {
  const rows = await db.all<T>(sql, params);
  return rows[0];
}
