import Database from 'better-sqlite3';
import { VanthuError } from '@vanthu/shared/errors/index';
import { preparePrivateSqliteFile, tightenSqliteFiles } from '../fs/private-files.js';
import type { SqlExecutor, SqlRow, SqlStore, SqlValue } from './sql-store.js';

/**
 * Embedded default store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so a
 * transaction holds the connection; an in-process queue keeps async transactions from interleaving,
 * and BEGIN IMMEDIATE (with a busy timeout) serialises writers from other processes.
 */
export class SqliteStore implements SqlStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly exec: SqlExecutor;

  constructor(readonly location: string) {
    try {
      if (location !== ':memory:') preparePrivateSqliteFile(location);
      this.db = new Database(location);
      this.db.pragma('journal_mode = WAL');
      if (location !== ':memory:') tightenSqliteFiles(location);
      this.db.pragma('busy_timeout = 10000');
      this.db.pragma('foreign_keys = ON');
    } catch (error) {
      throw new VanthuError('STORE_UNAVAILABLE', `${location}: ${(error as Error).message}`, undefined, {
        cause: error,
      });
    }
    const db = this.db;
    this.exec = {
      all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
        db.prepare(sql).all(...params) as T[],
      run: async (sql: string, params: readonly SqlValue[] = []) => db.prepare(sql).run(...params).changes,
    };
  }

  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.serial(() => this.exec.all<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serial(() => this.exec.run(sql, params));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serial(() => this.inTransaction('BEGIN IMMEDIATE', fn));
  }

  snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    // A deferred transaction in WAL mode reads one consistent snapshot from its first read on.
    return this.serial(() => this.inTransaction('BEGIN', fn));
  }

  async migrate(statements: readonly string[]): Promise<void> {
    await this.transaction(async (tx) => {
      for (const s of statements) await tx.run(s);
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.db.close();
  }

  private async inTransaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.db.exec(begin);
    try {
      const result = await fn(this.exec);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
