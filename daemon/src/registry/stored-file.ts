import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor } from '../store/index.js';
import type { Entry } from './types.js';

/** The document kept with an entry at registration. */
export async function storedFile(
  db: SqlExecutor,
  entry: Entry,
): Promise<{ name: string; bytes: Uint8Array }> {
  if (!entry.file) throw new VanthuError('REGISTRY_NOT_FOUND', `entry ${entry.id} has no document`);
  const row = await first<{ content: Uint8Array }>(db, 'SELECT content FROM files WHERE sha256 = ?', [
    entry.file.sha256,
  ]);
  if (!row) throw new VanthuError('REGISTRY_NOT_FOUND', `document file ${entry.file.sha256}`);
  return { name: entry.file.name, bytes: new Uint8Array(row.content) };
}
