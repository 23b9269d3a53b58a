import { createHash, randomUUID } from 'node:crypto';
import {
  CATALOGUES,
  type FieldIssue,
  type FieldObject,
  FieldValidationError,
  formatCodeNumber,
  issue,
  validateFields,
} from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { PdfReader } from '../pdf/reader/index.js';
import { first, type SqlExecutor, type SqlStore, type SqlValue } from '../store/index.js';
import { vnDate, vnTimestamp } from './clock.js';
import { draftKey } from './draft-key.js';
import { duplicateKey, findDuplicates } from './duplicates.js';
import { ENTRY_SELECT, type EntryRow, hydrate } from './rows.js';
import type { BookKind, Channel, Entry, RegistryOptions } from './types.js';

export interface RegisterInput {
  /** Catalogue fields typed or pre-filled (edXML, PDF text); system fields are computed here. */
  fields: FieldObject;
  channel?: Channel;
  series?: string;
  /** The document itself (PDF: its page count becomes PageAmount). */
  file?: { name: string; bytes: Uint8Array };
  /** Phụ lục and other attachment files, kept after the main document in this order. */
  attachments?: AttachmentInput[];
  /** edXML DocumentId when the document came through the axis. */
  documentId?: string;
  clerk?: string;
  /** Register even though a duplicate was reported (the clerk saw the warning). */
  allowDuplicate?: boolean;
  /** The inbox arrival this incoming document came in (exchange), linked to the entry. */
  arrivalId?: number;
}

export interface AttachmentInput {
  name: string;
  bytes: Uint8Array;
  /** What the file is ("Phụ lục I: Danh sách…"). */
  description?: string;
}

export interface Registered {
  entry: Entry;
  /** Validation warnings (irregular agency codes) that did not stop the registration. */
  warnings: FieldIssue[];
}

export type Context = Required<Pick<RegistryOptions, 'organId' | 'organName' | 'now'>> & RegistryOptions;

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A unique violation of the số/ký hiệu index (entries_code_key) rather than of a book number. */
const isCodeKeyViolation = (error: unknown) =>
  isUniqueViolation(error) &&
  /code_key/.test(`${(error as { constraint?: string }).constraint ?? ''} ${(error as Error).message}`);

export function countPages(file: { name: string; bytes: Uint8Array }): number | undefined {
  const head = Buffer.from(file.bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return undefined;
  const reader = PdfReader.fromBuffer(file.bytes);
  try {
    return reader.pageCount;
  } finally {
    reader.close();
  }
}

/** Checks the user's fields and adds the system-filled ones for this kind of book. */
export function prepare(kind: BookKind, input: RegisterInput, ctx: Context, pages: number | undefined) {
  const catalogue = CATALOGUES[kind];
  const { issues, warnings } = validateFields(catalogue, input.fields);
  if (input.fields['FileCode'] !== undefined || input.fields['DocOrdinal'] !== undefined)
    issues.push(
      issue(
        'FileCode',
        'system_field',
        'Văn bản được đưa vào hồ sơ bằng chức năng thêm vào hồ sơ, không nhập khi đăng ký',
        'Documents are filed into a record with the records function, not at registration',
      ),
    );
  const today = vnDate(ctx.now());
  const dateTag = kind === 'incoming' ? 'ArrivalDate' : 'IssuedDate';
  const date = typeof input.fields[dateTag] === 'string' ? (input.fields[dateTag] as string) : today;
  if (issues.length === 0 && date > today)
    issues.push(
      issue(dateTag, 'date', 'Ngày không được sau ngày hôm nay', 'The date cannot be later than today'),
    );
  // Điều 10.1b: the issue date is given by the system on the day of issue, never back-dated.
  if (issues.length === 0 && kind === 'outgoing' && date < today)
    issues.push(
      issue(
        dateTag,
        'date',
        'Ngày ban hành là ngày cấp số, không được trước ngày hôm nay',
        'The issue date is the day the number is given; it cannot be in the past',
      ),
    );
  if (issues.length > 0) throw new FieldValidationError(issues);
  const fields: FieldObject = { Language: 'Tiếng Việt', Priority: 0, ...input.fields, [dateTag]: date };
  if (pages !== undefined) fields['PageAmount'] = pages;
  if (kind === 'outgoing') fields['OrganName'] = ctx.organName;
  return { fields, warnings, year: Number(date.slice(0, 4)), date };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Content-addressed: the same file kept with two entries is stored once. */
export function storeFile(tx: SqlExecutor, sha: string, bytes: Uint8Array, pages: number | undefined) {
  return tx.run(
    'INSERT INTO files (sha256, size, pages, content) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    [sha, bytes.length, pages ?? null, Buffer.from(bytes)],
  );
}

/** Assigns the next number of the book and stores the entry, all in one transaction. */
export async function register(
  store: SqlStore,
  ctx: Context,
  kind: BookKind,
  input: RegisterInput,
): Promise<Registered> {
  const pages = input.file ? countPages(input.file) : undefined;
  const { fields, warnings, year, date } = prepare(kind, input, ctx, pages);
  const series = input.series ?? '';
  const sha = input.file ? sha256(input.file.bytes) : null;
  const draft = kind === 'outgoing' && input.file ? draftKey(input.file.bytes) : undefined;
  const attachments = (input.attachments ?? []).map((a) => {
    if (!a.name.trim()) throw new VanthuError('INVALID_INPUT', 'an attachment file needs a name');
    return { ...a, sha256: sha256(a.bytes), pages: countPages(a) };
  });
  const id = randomUUID();
  try {
    await store.transaction(async (tx) => {
      if (!input.allowDuplicate) {
        const dups = await findDuplicates(
          tx,
          ctx.organId,
          kind,
          fields,
          input.documentId,
          sha ?? undefined,
          draft,
        );
        if (dups.length > 0) throw duplicateError(dups);
      }
      const number = await nextNumber(tx, ctx.organId, kind, year, series);
      if (kind === 'incoming') fields['ArrivalNumber'] = number;
      else fields['CodeNumber'] = formatCodeNumber(number);
      const code = kind === 'outgoing' ? codeKey(fields) : undefined;
      if (code) await refuseTakenCode(tx, ctx.organId, year, code);
      if (input.file && sha) await storeFile(tx, sha, input.file.bytes, pages);
      const at = vnTimestamp(ctx.now());
      const values: Record<string, SqlValue> = {
        id,
        organ_id: ctx.organId,
        kind,
        year,
        series,
        number,
        state: kind === 'incoming' ? 'registered' : 'issued',
        channel: input.channel ?? 'electronic',
        registered_at: at,
        doc_date: kind === 'incoming' ? ((fields['IssuedDate'] as string | undefined) ?? null) : date,
        code_number: (fields['CodeNumber'] as string | undefined) ?? null,
        code_notation: (fields['CodeNotation'] as string | undefined) ?? null,
        organ_name: (fields['OrganName'] as string | undefined) ?? null,
        duplicate_key: duplicateKey(fields) ?? null,
        document_id: input.documentId ?? null,
        subject: (fields['Subject'] as string | undefined) ?? null,
        due_date: (fields['DueDate'] as string | undefined) ?? null,
        fields: JSON.stringify(fields),
        clerk: input.clerk ?? null,
        file_sha256: sha,
        file_name: input.file?.name ?? null,
        updated_at: at,
        arrival_id: input.arrivalId ?? null,
        code_key: code ?? null,
        draft_key: draft ?? null,
      };
      const cols = Object.keys(values);
      await tx.run(
        `INSERT INTO entries (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        Object.values(values),
      );
      for (const [i, a] of attachments.entries()) {
        await storeFile(tx, a.sha256, a.bytes, a.pages);
        await tx.run(
          'INSERT INTO entry_attachments (entry_id, seq, file_sha256, file_name, description) VALUES (?, ?, ?, ?, ?)',
          [id, i + 1, a.sha256, a.name, a.description ?? null],
        );
      }
    });
  } catch (error) {
    if (isCodeKeyViolation(error))
      throw new VanthuError('REGISTRY_CODE_TAKEN', `${year}`, undefined, { cause: error });
    if (isUniqueViolation(error))
      throw new VanthuError('REGISTRY_CONFLICT', `${kind} ${year}`, undefined, { cause: error });
    throw error;
  }
  return { entry: await getEntry(store, ctx.organId, id), warnings };
}

/** The warning a clerk must answer explicitly (`confirmDuplicate`) before the same document is kept twice. */
export function duplicateError(dups: Entry[]): VanthuError {
  return new VanthuError(
    'REGISTRY_DUPLICATE',
    dups.map((d) => `${d.kind} ${d.year} #${d.number} (${d.id})`).join(', '),
    {
      // The book, number and date let the clerk's screen name the entry it would duplicate.
      duplicates: dups.map((d) => ({
        id: d.id,
        kind: d.kind,
        series: d.series,
        year: d.year,
        number: d.number,
        registeredAt: d.registeredAt,
        fields: d.fields,
      })),
    },
  );
}

const normNotation = (v: unknown) =>
  typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, '').toLocaleUpperCase('vi') : '';

/** Số and ký hiệu of an outgoing document, normalised ("01/QĐ-UBND" = "1/qđ-ubnd"). */
export function codeKey(fields: FieldObject): string | undefined {
  const number =
    typeof fields['CodeNumber'] === 'string' ? fields['CodeNumber'].replace(/^0+(?=\d)/, '') : '';
  const notation = normNotation(fields['CodeNotation']);
  return number && notation ? `${number}/${notation}` : undefined;
}

/**
 * A số/ký hiệu is unique per year across all of the office's books (the unique index on code_key
 * holds it under concurrency; this check names the entry that has it).
 */
export async function refuseTakenCode(tx: SqlExecutor, organId: string, year: number, code: string) {
  const taken = await first<{ id: string; series: string; number: number }>(
    tx,
    'SELECT id, series, number FROM entries WHERE organ_id = ? AND year = ? AND code_key = ?',
    [organId, year, code],
  );
  if (taken)
    throw new VanthuError(
      'REGISTRY_CODE_TAKEN',
      `${code} (${year}) đã có ở sổ "${taken.series || 'chung'}" số ${taken.number} (${taken.id})`,
      { entryId: taken.id },
    );
}

/**
 * The next number of a book. The UPDATE takes the counter row's lock, so concurrent transactions
 * (other processes, other workstations) queue behind it and each sees the previous one's number.
 */
export async function nextNumber(
  tx: SqlExecutor,
  organId: string,
  kind: BookKind,
  year: number,
  series: string,
): Promise<number> {
  await tx.run(
    'INSERT INTO books (organ_id, kind, year, series, last_number) VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING',
    [organId, kind, year, series],
  );
  const row = await first<{ last_number: number }>(
    tx,
    `UPDATE books SET last_number = last_number + 1
     WHERE organ_id = ? AND kind = ? AND year = ? AND series = ? RETURNING last_number`,
    [organId, kind, year, series],
  );
  if (!row) throw new VanthuError('INTERNAL', 'book counter row missing');
  return Number(row.last_number);
}

export async function getEntry(db: SqlExecutor, organId: string, id: string): Promise<Entry> {
  const rows = await db.all<EntryRow>(`${ENTRY_SELECT} WHERE e.organ_id = ? AND e.id = ?`, [organId, id]);
  const [entry] = await hydrate(db, rows);
  if (!entry) throw new VanthuError('REGISTRY_NOT_FOUND', id);
  return entry;
}

export interface EntryRef {
  kind: BookKind;
  year: number;
  number: number;
  series?: string;
}

/** Finds an entry by its book position ("số đến 12 năm 2026"). */
export async function findByNumber(db: SqlExecutor, organId: string, ref: EntryRef): Promise<Entry> {
  const rows = await db.all<EntryRow>(
    `${ENTRY_SELECT} WHERE e.organ_id = ? AND e.kind = ? AND e.year = ? AND e.series = ? AND e.number = ?`,
    [organId, ref.kind, ref.year, ref.series ?? '', ref.number],
  );
  const [entry] = await hydrate(db, rows);
  if (!entry) throw new VanthuError('REGISTRY_NOT_FOUND', `${ref.kind} ${ref.year} #${ref.number}`);
  return entry;
}

export interface ListFilter {
  kind?: BookKind;
  year?: number;
  series?: string;
  state?: string;
  /** Registered on or after / before or on (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export async function listEntries(
  db: SqlExecutor,
  organId: string,
  filter: ListFilter = {},
): Promise<Entry[]> {
  const where = ['e.organ_id = ?'];
  const params: SqlValue[] = [organId];
  const add = (sql: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('e.kind = ?', filter.kind);
  add('e.year = ?', filter.year);
  add('e.series = ?', filter.series);
  add('e.state = ?', filter.state);
  add('substr(e.registered_at, 1, 10) >= ?', filter.from);
  add('substr(e.registered_at, 1, 10) <= ?', filter.to);
  params.push(filter.limit ?? 1_000_000, filter.offset ?? 0);
  const rows = await db.all<EntryRow>(
    `${ENTRY_SELECT} WHERE ${where.join(' AND ')} ORDER BY e.kind, e.year, e.series, e.number LIMIT ? OFFSET ?`,
    params,
  );
  return hydrate(db, rows);
}
