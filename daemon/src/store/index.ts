export { openStore, type StoreConfig } from './open.js';
export { redactUrl } from './redact.js';
export { PostgresStore } from './postgres.js';
export {
  first,
  type SqlExecutor,
  type SqlRow,
  type SqlStore,
  type SqlValue,
  type StoreKind,
} from './sql-store.js';
export { SqliteStore } from './sqlite.js';
