import { randomUUID } from 'node:crypto';
import { type FieldObject, formatCodeNumber } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor, type SqlStore } from '../store/index.js';
import { vnDate, vnTimestamp } from './clock.js';
import { draftKey } from './draft-key.js';
import { findDuplicates } from './duplicates.js';
import {
  type AttachmentInput,
  type Context,
  codeKey,
  countPages,
  duplicateError,
  getEntry,
  isUniqueViolation,
  nextNumber,
  prepare,
  refuseTakenCode,
  sha256,
  storeFile,
} from './entries.js';
import type { Entry } from './types.js';

export interface ReserveInput {
  /** Book series ("" = the general book). */
  series?: string;
  /** Ký hiệu of the document type ("QĐ-UBND"); the number comes from the book. */
  codeNotation: string;
  clerk?: string;
}

export interface IssueReservedInput {
  /** The catalogue fields of the document (CodeNumber, CodeNotation and IssuedDate are the reservation's). */
  fields: FieldObject;
  /** The sealed PDF, stamped with the reserved number and today's date. */
  file: { name: string; bytes: Uint8Array };
  attachments?: AttachmentInput[];
  clerk?: string;
  /** Keep it even though the same file is already registered (the clerk answered the warning). */
  confirmDuplicate?: boolean;
}

async function lockedReservation(tx: SqlExecutor, ctx: Context, id: string): Promise<Entry> {
  const n = await tx.run('UPDATE entries SET updated_at = updated_at WHERE organ_id = ? AND id = ?', [
    ctx.organId,
    id,
  ]);
  if (n === 0) throw new VanthuError('REGISTRY_NOT_FOUND', id);
  const entry = await getEntry(tx, ctx.organId, id);
  if (entry.state !== 'reserved')
    throw new VanthuError(
      'REGISTRY_NUMBER_NOT_RESERVED',
      `${entry.fields['CodeNumber'] ?? entry.number}/${entry.fields['CodeNotation'] ?? ''} is ${entry.state}`,
    );
  return entry;
}

/**
 * Takes the next number of an outgoing book for "Cấp số & đóng dấu" and keeps it in the register
 * (state `reserved`) with today's date, Vietnam time: the seal stamps exactly this number and date.
 */
export async function reserveNumber(store: SqlStore, ctx: Context, input: ReserveInput): Promise<Entry> {
  const notation = input.codeNotation.trim();
  if (!notation) throw new VanthuError('INVALID_INPUT', 'codeNotation (ký hiệu, e.g. QĐ-UBND) is required');
  const today = vnDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const series = input.series ?? '';
  const id = randomUUID();
  try {
    await store.transaction(async (tx) => {
      const number = await nextNumber(tx, ctx.organId, 'outgoing', year, series);
      const fields: FieldObject = {
        CodeNumber: formatCodeNumber(number),
        CodeNotation: notation,
        IssuedDate: today,
        OrganName: ctx.organName,
      };
      const code = codeKey(fields)!;
      await refuseTakenCode(tx, ctx.organId, year, code);
      const at = vnTimestamp(ctx.now());
      await tx.run(
        `INSERT INTO entries (id, organ_id, kind, year, series, number, state, channel, registered_at,
           doc_date, code_number, code_notation, organ_name, fields, clerk, updated_at, code_key)
         VALUES (?, ?, 'outgoing', ?, ?, ?, 'reserved', 'electronic', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          ctx.organId,
          year,
          series,
          number,
          at,
          today,
          fields['CodeNumber'] as string,
          notation,
          ctx.organName,
          JSON.stringify(fields),
          input.clerk ?? null,
          at,
          code,
        ],
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new VanthuError('REGISTRY_CODE_TAKEN', `${notation} (${year})`, undefined, { cause: error });
    throw error;
  }
  return getEntry(store, ctx.organId, id);
}

/**
 * Keeps the sealed document under its reserved number: the entry becomes `issued` with the file,
 * in one transaction. The seal is dated today, so a reservation of an earlier day cannot be used.
 */
export async function issueReserved(
  store: SqlStore,
  ctx: Context,
  id: string,
  input: IssueReservedInput,
): Promise<Entry> {
  const pages = countPages(input.file);
  const sha = sha256(input.file.bytes);
  const draft = draftKey(input.file.bytes);
  const attachments = (input.attachments ?? []).map((a) => ({
    ...a,
    sha256: sha256(a.bytes),
    pages: countPages(a),
  }));
  await store.transaction(async (tx) => {
    const reserved = await lockedReservation(tx, ctx, id);
    const today = vnDate(ctx.now());
    if (reserved.fields['IssuedDate'] !== today)
      throw new VanthuError(
        'REGISTRY_NUMBER_NOT_RESERVED',
        `the number was reserved on ${String(reserved.fields['IssuedDate'])}; void it and reserve one today`,
      );
    const { fields } = prepare(
      'outgoing',
      {
        fields: {
          ...input.fields,
          CodeNotation: reserved.fields['CodeNotation'] as string,
          IssuedDate: today,
        },
      },
      ctx,
      pages,
    );
    fields['CodeNumber'] = reserved.fields['CodeNumber'] as string;
    if (!input.confirmDuplicate) {
      const dups = (await findDuplicates(tx, ctx.organId, 'outgoing', {}, undefined, sha, draft)).filter(
        (d) => d.id !== id,
      );
      if (dups.length > 0) throw duplicateError(dups);
    }
    await storeFile(tx, sha, input.file.bytes, pages);
    await tx.run(
      `UPDATE entries SET state = 'issued', fields = ?, subject = ?, file_sha256 = ?, file_name = ?,
         draft_key = ?, clerk = COALESCE(?, clerk), updated_at = ? WHERE id = ?`,
      [
        JSON.stringify(fields),
        (fields['Subject'] as string | undefined) ?? null,
        sha,
        input.file.name,
        draft ?? null,
        input.clerk ?? null,
        vnTimestamp(ctx.now()),
        id,
      ],
    );
    for (const [i, a] of attachments.entries()) {
      await storeFile(tx, a.sha256, a.bytes, a.pages);
      await tx.run(
        'INSERT INTO entry_attachments (entry_id, seq, file_sha256, file_name, description) VALUES (?, ?, ?, ?, ?)',
        [id, i + 1, a.sha256, a.name, a.description ?? null],
      );
    }
  });
  return getEntry(store, ctx.organId, id);
}

export type Released = { outcome: 'given_back' } | { outcome: 'voided'; entry: Entry };

/**
 * A reserved number that will not be used. Given back when nothing was issued under it and no later
 * number was taken (the book's counter steps back, as if it had never been reserved); otherwise
 * voided with the reason, so the gap in the book is explained.
 */
export async function releaseNumber(
  store: SqlStore,
  ctx: Context,
  id: string,
  options: { reason: string; issued?: boolean },
): Promise<Released> {
  if (!options.reason.trim()) throw new VanthuError('INVALID_INPUT', 'a reason is required to void a number');
  const gaveBack = await store.transaction(async (tx) => {
    const entry = await lockedReservation(tx, ctx, id);
    const book = await first<{ last_number: number }>(
      tx,
      // FOR UPDATE-like: the UPDATE takes the counter row's lock before it is read.
      `UPDATE books SET last_number = last_number WHERE organ_id = ? AND kind = 'outgoing' AND year = ?
         AND series = ? RETURNING last_number`,
      [ctx.organId, entry.year, entry.series],
    );
    if (!options.issued && Number(book?.last_number) === entry.number) {
      await tx.run('DELETE FROM entries WHERE id = ?', [id]);
      await tx.run(
        `UPDATE books SET last_number = last_number - 1
         WHERE organ_id = ? AND kind = 'outgoing' AND year = ? AND series = ?`,
        [ctx.organId, entry.year, entry.series],
      );
      return true;
    }
    const at = vnTimestamp(ctx.now());
    await tx.run(`UPDATE entries SET state = 'voided', state_reason = ?, updated_at = ? WHERE id = ?`, [
      options.reason.trim(),
      at,
      id,
    ]);
    return false;
  });
  return gaveBack
    ? { outcome: 'given_back' }
    : { outcome: 'voided', entry: await getEntry(store, ctx.organId, id) };
}
