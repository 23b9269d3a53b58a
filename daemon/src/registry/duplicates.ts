import type { FieldObject } from '@vanthu/shared/domain/index';
import type { SqlExecutor } from '../store/index.js';
import { ENTRY_SELECT, type EntryRow, hydrate } from './rows.js';
import type { BookKind, Entry } from './types.js';

const norm = (v: unknown) =>
  typeof v === 'string' ? v.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi') : '';

/**
 * The comparison key of NĐ30 PL VI III.1.h: (CodeNumber, CodeNotation, OrganName), with leading
 * zeros, case and spacing ignored. Undefined when the document lacks one of them.
 */
export function duplicateKey(fields: FieldObject): string | undefined {
  const number =
    typeof fields['CodeNumber'] === 'string' ? fields['CodeNumber'].replace(/^0+(?=\d)/, '') : '';
  const notation = norm(fields['CodeNotation']).replace(/\s/g, '');
  const organ = norm(fields['OrganName']);
  return number && notation && organ ? `${number}|${notation}|${organ}` : undefined;
}

/** Already registered documents that look like this one: same key, or the same edXML DocumentId. */
export async function findDuplicates(
  db: SqlExecutor,
  organId: string,
  kind: BookKind,
  fields: FieldObject,
  documentId?: string,
  /** SHA-256 of the file: the same file registered again is a duplicate too. */
  fileSha256?: string,
  /** draft-key.ts: the same signed draft issued again under another number is a duplicate too. */
  draft?: string,
): Promise<Entry[]> {
  const key = duplicateKey(fields);
  if (!key && !documentId && !fileSha256 && !draft) return [];
  const match: string[] = [];
  const params: string[] = [organId, kind];
  if (key) {
    match.push('e.duplicate_key = ?');
    params.push(key);
  }
  if (documentId) {
    match.push('e.document_id = ?');
    params.push(documentId);
  }
  if (fileSha256) {
    match.push('e.file_sha256 = ?');
    params.push(fileSha256);
  }
  if (draft) {
    match.push('e.draft_key = ?');
    params.push(draft);
  }
  const rows = await db.all<EntryRow>(
    `${ENTRY_SELECT} WHERE e.organ_id = ? AND e.kind = ? AND (${match.join(' OR ')}) ORDER BY e.year, e.number`,
    params,
  );
  return hydrate(db, rows);
}
