import pg from 'pg';
import { VanthuError } from '@vanthu/shared/errors/index';
import { redactUrl } from './redact.js';
import type { SqlExecutor, SqlRow, SqlStore, SqlValue } from './sql-store.js';

/** `?` placeholders → `$1…$n` (our SQL never has a literal "?"). */
export function toPgPlaceholders(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

/** SQLSTATEs after which the whole transaction is simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 8;
const MIGRATION_LOCK = 7_424_117;

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
}

function executor(client: Queryable): SqlExecutor {
  return {
    all: async <T extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPgPlaceholders(sql), [...params])).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPgPlaceholders(sql), [...params])).rowCount ?? 0,
  };
}

function unavailable(location: string, error: unknown): VanthuError {
  return new VanthuError('STORE_UNAVAILABLE', `${location}: ${(error as Error).message}`, undefined, {
    cause: error,
  });
}

/**
 * Shared store for offices where several workstations keep one set of books. Numbers come from an
 * `UPDATE … RETURNING` on the book's counter row: the row lock orders concurrent registrations,
 * and the unique constraints are the last line of defence.
 */
export class PostgresStore implements SqlStore {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly exec: SqlExecutor;

  readonly location: string;

  /** `url` is a postgres:// connection string; `password`, when given, replaces the one in it. */
  constructor(url: string, password?: string, config: pg.PoolConfig = {}) {
    const u = new URL(url);
    // pg lets fields parsed from the connection string win over `password`, so it goes into the URL.
    if (password !== undefined) u.password = encodeURIComponent(password);
    this.location = redactUrl(url);
    this.pool = new pg.Pool({
      max: 4,
      connectionTimeoutMillis: 10_000,
      ...config,
      connectionString: u.toString(),
    });
    // An idle client losing its connection must not crash the daemon.
    this.pool.on('error', () => undefined);
    this.exec = executor(this.pool);
  }

  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.guard(() => this.exec.all<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.guard(() => this.exec.run(sql, params));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.inTransaction('BEGIN', fn);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  snapshot<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', fn);
  }

  async migrate(statements: readonly string[]): Promise<void> {
    await this.inTransaction('BEGIN', async (tx) => {
      // Two workstations starting at once must not both create the tables.
      await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      for (const s of statements) await tx.run(s);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async inTransaction<T>(begin: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.guard(() => this.pool.connect());
    try {
      await client.query(begin);
      const result = await fn(executor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async guard<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000')
        throw unavailable(this.location, error);
      throw error;
    }
  }
}
