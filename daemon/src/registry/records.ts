import { randomUUID } from 'node:crypto';
import {
  CATALOGUES,
  type FieldObject,
  FieldValidationError,
  fileNotationIssues,
  fileNotationKey,
  formatRecordCode,
  parseRecordCode,
  validateFields,
} from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor, type SqlStore } from '../store/index.js';
import { vnDate, vnTimestamp } from './clock.js';
import type { Context } from './entries.js';
import { ENTRY_SELECT, type EntryRow, hydrate } from './rows.js';
import type { Entry } from './types.js';

export interface RegistryRecord {
  id: string;
  /** Mã hồ sơ: OrganId.FileCatalog.FileNotation. */
  code: string;
  state: 'open' | 'closed';
  /** Created from the danh mục hồ sơ (false: outside it, joins after approval). */
  inPlan: boolean;
  /** Catalogue fields with the computed DocTotal and PageTotal. */
  fields: FieldObject;
  /** Documents in DocOrdinal order. */
  documents: Entry[];
  createdAt: string;
  closedAt?: string;
}

interface RecordRow {
  id: string;
  organ_id: string;
  file_catalog: number;
  file_notation: string;
  state: string;
  in_plan: number;
  fields: string;
  created_at: string;
  closed_at: string | null;
  [key: string]: unknown;
}

/** Fields a plan item (danh mục hồ sơ) may carry. */
const PLAN_TAGS = ['Title', 'Maintenance', 'Rights', 'Creator', 'Language', 'Description'];

/** Imports the danh mục hồ sơ of a year: one item per planned record (FileCode.FileNotation + title…). */
export async function importPlan(
  store: SqlStore,
  ctx: Context,
  year: number,
  items: FieldObject[],
): Promise<number> {
  const issues = items.flatMap((item, i) => {
    const notation = (item['FileCode'] as FieldObject | undefined)?.['FileNotation'];
    const own = fileNotationIssues(
      typeof notation === 'string' ? notation : '',
      `${i}.FileCode.FileNotation`,
    );
    const rest = validateFields(CATALOGUES.record, item, { partial: true }).issues.map((x) => ({
      ...x,
      path: `${i}.${x.path}`,
    }));
    return [...own, ...rest];
  });
  if (issues.length > 0) throw new FieldValidationError(issues);
  await store.transaction(async (tx) => {
    for (const item of items) {
      const notation = (item['FileCode'] as FieldObject)['FileNotation'] as string;
      const fields = Object.fromEntries(Object.entries(item).filter(([k]) => PLAN_TAGS.includes(k)));
      await tx.run(
        `INSERT INTO record_plan (organ_id, year, notation_key, file_notation, fields) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (organ_id, year, notation_key) DO UPDATE SET file_notation = excluded.file_notation, fields = excluded.fields`,
        [ctx.organId, year, fileNotationKey(notation), notation, JSON.stringify(fields)],
      );
    }
  });
  return items.length;
}

export async function listPlan(db: SqlExecutor, ctx: Context, year: number): Promise<FieldObject[]> {
  const rows = await db.all<{ file_notation: string; fields: string }>(
    'SELECT file_notation, fields FROM record_plan WHERE organ_id = ? AND year = ? ORDER BY notation_key',
    [ctx.organId, year],
  );
  return rows.map((r) => ({
    FileCode: { FileNotation: r.file_notation },
    ...(JSON.parse(r.fields) as FieldObject),
  }));
}

export type CreateRecordInput =
  /** From the danh mục hồ sơ of `year`: the plan supplies title, retention and creator. */
  | { plan: string; year?: number; fields?: FieldObject }
  /** Outside the danh mục: Title, FileNotation, Maintenance, Creator, StartDate required (NĐ30 29.2.c). */
  | { fields: FieldObject };

/** FileCode.FileNotation as typed; a record outside the danh mục cannot be created without it. */
function fileNotationOf(fields: FieldObject): string {
  const code = fields['FileCode'];
  const notation =
    typeof code === 'object' && code !== null && !Array.isArray(code)
      ? (code as FieldObject)['FileNotation']
      : undefined;
  if (typeof notation !== 'string' || !notation.trim())
    throw new VanthuError(
      'RECORD_CODE_MISSING',
      'nhập số và ký hiệu hồ sơ (FileCode.FileNotation, ví dụ "01.TH"), hoặc tạo hồ sơ từ danh mục hồ sơ (plan)',
    );
  return notation.trim();
}

export async function createRecord(
  store: SqlStore,
  ctx: Context,
  input: CreateRecordInput,
): Promise<RegistryRecord> {
  const today = vnDate(ctx.now());
  let fields: FieldObject = { Language: 'Tiếng Việt', ...input.fields };
  let inPlan = false;
  if ('plan' in input) {
    const year = input.year ?? Number(today.slice(0, 4));
    const plan = await first<{ file_notation: string; fields: string }>(
      store,
      'SELECT file_notation, fields FROM record_plan WHERE organ_id = ? AND year = ? AND notation_key = ?',
      [ctx.organId, year, fileNotationKey(input.plan)],
    );
    if (!plan) throw new VanthuError('REGISTRY_NOT_FOUND', `danh mục hồ sơ ${year}: ${input.plan}`);
    fields = {
      Language: 'Tiếng Việt',
      StartDate: today,
      ...(JSON.parse(plan.fields) as FieldObject),
      ...input.fields,
      FileCode: { FileNotation: plan.file_notation },
    };
    inPlan = true;
  }
  const { issues } = validateFields(CATALOGUES.record, fields);
  if (issues.length > 0) throw new FieldValidationError(issues);
  const notation = fileNotationOf(fields);
  const year = Number((fields['StartDate'] as string).slice(0, 4));
  fields['FileCode'] = { OrganId: ctx.organId, FileCatalog: year, FileNotation: notation };
  const id = randomUUID();
  try {
    await store.run(
      `INSERT INTO records (id, organ_id, file_catalog, file_notation, notation_key, state, in_plan, fields, created_at)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      [
        id,
        ctx.organId,
        year,
        notation,
        fileNotationKey(notation),
        inPlan ? 1 : 0,
        JSON.stringify(fields),
        vnTimestamp(ctx.now()),
      ],
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new VanthuError(
        'REGISTRY_CONFLICT',
        `hồ sơ ${formatRecordCode({ organId: ctx.organId, fileCatalog: year, fileNotation: notation })}`,
      );
    throw error;
  }
  return getRecord(store, ctx, id);
}

/** A record by id or by its code (`000.00.09.H13.2018.01TH`, `01.TH` spelling accepted). */
export async function getRecord(db: SqlExecutor, ctx: Context, idOrCode: string): Promise<RegistryRecord> {
  let row: RecordRow | undefined;
  const parsed = parseRecordCode(idOrCode);
  if (parsed.ok)
    row = await first<RecordRow>(
      db,
      'SELECT * FROM records WHERE organ_id = ? AND file_catalog = ? AND notation_key = ?',
      [parsed.code.organId, parsed.code.fileCatalog, fileNotationKey(parsed.code.fileNotation)],
    );
  row ??= await first<RecordRow>(db, 'SELECT * FROM records WHERE organ_id = ? AND id = ?', [
    ctx.organId,
    idOrCode,
  ]);
  if (!row) throw new VanthuError('REGISTRY_NOT_FOUND', `hồ sơ ${idOrCode}`);
  return toRecord(db, row);
}

/**
 * Pages a document brings to the record's Tổng số trang: its own (PageAmount) and those of its phụ
 * lục PDF files, since an appendix is part of the document (NĐ30 PL I). Non-PDF files have no pages.
 */
function documentPages(d: Entry): number {
  const own = typeof d.fields['PageAmount'] === 'number' ? d.fields['PageAmount'] : 0;
  return (d.attachments ?? []).reduce((n, a) => n + (a.pages ?? 0), own);
}

async function toRecord(db: SqlExecutor, row: RecordRow): Promise<RegistryRecord> {
  const docs = await hydrate(
    db,
    await db.all<EntryRow>(
      `${ENTRY_SELECT} JOIN record_items i ON i.entry_id = e.id WHERE i.record_id = ? ORDER BY i.ordinal`,
      [row.id],
    ),
  );
  const fields = JSON.parse(row.fields) as FieldObject;
  fields['DocTotal'] = docs.length;
  fields['PageTotal'] = docs.reduce((n, d) => n + documentPages(d), 0);
  return {
    id: row.id,
    code: formatRecordCode({
      organId: row.organ_id,
      fileCatalog: Number(row.file_catalog),
      fileNotation: row.file_notation,
    }),
    state: row.state as 'open' | 'closed',
    inPlan: Number(row.in_plan) === 1,
    fields,
    documents: docs,
    createdAt: row.created_at,
    ...(row.closed_at ? { closedAt: row.closed_at } : {}),
  };
}

export async function listRecords(db: SqlExecutor, ctx: Context, year?: number): Promise<RegistryRecord[]> {
  const rows = await db.all<RecordRow>(
    `SELECT * FROM records WHERE organ_id = ? ${year === undefined ? '' : 'AND file_catalog = ?'} ORDER BY file_catalog, notation_key`,
    year === undefined ? [ctx.organId] : [ctx.organId, year],
  );
  const out: RegistryRecord[] = [];
  for (const r of rows) out.push(await toRecord(db, r));
  return out;
}

/** Files a registered document into an open record; its FileCode and DocOrdinal follow. */
export async function addToRecord(
  store: SqlStore,
  ctx: Context,
  recordIdOrCode: string,
  entryId: string,
): Promise<RegistryRecord> {
  const record = await getRecord(store, ctx, recordIdOrCode);
  await store.transaction(async (tx) => {
    const row = await first<RecordRow>(tx, 'SELECT * FROM records WHERE id = ?', [record.id]);
    if (row?.state !== 'open') throw new VanthuError('RECORD_CLOSED', record.code);
    const entry = await first<{ fields: string; state: string }>(
      tx,
      'SELECT fields, state FROM entries WHERE organ_id = ? AND id = ?',
      [ctx.organId, entryId],
    );
    if (!entry) throw new VanthuError('REGISTRY_NOT_FOUND', entryId);
    if (entry.state === 'recalled' || entry.state === 'returned')
      throw new VanthuError('REGISTRY_STATE', `${entryId} is ${entry.state}`);
    const filed = await first(tx, 'SELECT record_id FROM record_items WHERE entry_id = ?', [entryId]);
    if (filed) throw new VanthuError('REGISTRY_CONFLICT', `${entryId} is already in a record`);
    const max = await first<{ n: number | null }>(
      tx,
      'SELECT MAX(ordinal) AS n FROM record_items WHERE record_id = ?',
      [record.id],
    );
    const ordinal = Number(max?.n ?? 0) + 1;
    const at = vnTimestamp(ctx.now());
    await tx.run('INSERT INTO record_items (record_id, entry_id, ordinal, added_at) VALUES (?, ?, ?, ?)', [
      record.id,
      entryId,
      ordinal,
      at,
    ]);
    const fields = JSON.parse(entry.fields) as FieldObject;
    fields['FileCode'] = record.fields['FileCode'];
    fields['DocOrdinal'] = ordinal;
    await tx.run('UPDATE entries SET fields = ?, updated_at = ? WHERE id = ?', [
      JSON.stringify(fields),
      at,
      entryId,
    ]);
  });
  return getRecord(store, ctx, record.id);
}

/** Closes a record: EndDate (default today) and the closing note (Ghi chú). */
export async function closeRecord(
  store: SqlStore,
  ctx: Context,
  recordIdOrCode: string,
  options: { endDate?: string; description?: string } = {},
): Promise<RegistryRecord> {
  const record = await getRecord(store, ctx, recordIdOrCode);
  if (record.state === 'closed') throw new VanthuError('RECORD_CLOSED', record.code);
  const fields: FieldObject = { ...record.fields, EndDate: options.endDate ?? vnDate(ctx.now()) };
  if (options.description !== undefined) fields['Description'] = options.description;
  delete fields['DocTotal'];
  delete fields['PageTotal'];
  const { issues } = validateFields(CATALOGUES.record, fields, { system: true });
  if ((fields['EndDate'] as string) < (fields['StartDate'] as string))
    issues.push({
      path: 'EndDate',
      code: 'date',
      vi: 'Thời gian kết thúc trước thời gian bắt đầu',
      en: 'The end date precedes the start date',
    });
  if (issues.length > 0) throw new FieldValidationError(issues);
  const n = await store.run(
    "UPDATE records SET state = 'closed', fields = ?, closed_at = ? WHERE id = ? AND state = 'open'",
    [JSON.stringify(fields), vnTimestamp(ctx.now()), record.id],
  );
  if (n === 0) throw new VanthuError('RECORD_CLOSED', record.code);
  return getRecord(store, ctx, record.id);
}
