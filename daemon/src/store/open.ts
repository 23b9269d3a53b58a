import { PostgresStore } from './postgres.js';
import type { SqlStore } from './sql-store.js';
import { SqliteStore } from './sqlite.js';

export type StoreConfig =
  | { kind: 'sqlite'; file: string }
  /** `url` without a password; the password comes separately (keychain or environment). */
  | { kind: 'postgres'; url: string; password?: string };

export function openStore(config: StoreConfig): SqlStore {
  if (config.kind === 'sqlite') return new SqliteStore(config.file);
  return new PostgresStore(config.url, config.password);
}
