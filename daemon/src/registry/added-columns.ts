import type { SqlStore } from '../store/index.js';
import { ADDED_COLUMNS, ADDED_INDEXES } from './schema.js';

const isDuplicateColumn = (error: unknown) => /duplicate column/i.test((error as Error).message ?? '');

/**
 * Adds the columns later versions gave existing tables (the database only ever gains columns), then
 * their indexes. PostgreSQL does it under the migration lock; SQLite has no ADD COLUMN IF NOT EXISTS,
 * so the table is asked first and a concurrent add by another process is tolerated.
 */
export async function addMissingColumns(store: SqlStore): Promise<void> {
  if (store.kind === 'postgres') {
    await store.migrate([
      ...ADDED_COLUMNS.map((c) => `ALTER TABLE ${c.table} ADD COLUMN IF NOT EXISTS ${c.column} ${c.type}`),
      ...ADDED_INDEXES,
    ]);
    return;
  }
  for (const c of ADDED_COLUMNS) {
    const columns = await store.all<{ name: string }>(`PRAGMA table_info(${c.table})`);
    if (columns.some((col) => col.name === c.column)) continue;
    await store.run(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.type}`).catch((error: unknown) => {
      if (!isDuplicateColumn(error)) throw error;
    });
  }
  await store.migrate(ADDED_INDEXES);
}
