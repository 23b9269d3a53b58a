import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor } from '../store/index.js';
import type { Entry } from './types.js';

/** The bytes of a stored file by its SHA-256. */
export async function fileContent(db: SqlExecutor, sha256: string): Promise<Uint8Array> {
  const row = await first<{ content: Uint8Array }>(db, 'SELECT content FROM files WHERE sha256 = ?', [
    sha256,
  ]);
  if (!row) throw new VanthuError('REGISTRY_NOT_FOUND', `document file ${sha256}`);
  return new Uint8Array(row.content);
}

/** The document kept with an entry at registration. */
export async function storedFile(
  db: SqlExecutor,
  entry: Entry,
): Promise<{ name: string; bytes: Uint8Array }> {
  if (!entry.file) throw new VanthuError('REGISTRY_NOT_FOUND', `entry ${entry.id} has no document`);
  return { name: entry.file.name, bytes: await fileContent(db, entry.file.sha256) };
}

/** The entry's attachment files (phụ lục), in their order. */
export async function storedAttachments(
  db: SqlExecutor,
  entry: Entry,
): Promise<{ name: string; description?: string; bytes: Uint8Array }[]> {
  const out = [];
  for (const a of entry.attachments ?? [])
    out.push({
      name: a.name,
      ...(a.description ? { description: a.description } : {}),
      bytes: await fileContent(db, a.sha256),
    });
  return out;
}
