import { randomUUID } from 'node:crypto';
import { dateIssues, FieldValidationError, type FieldObject } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor, type SqlStore } from '../store/index.js';
import { addWorkingDays, vnDate, vnTimestamp, workingDaysLate } from './clock.js';
import type { Context } from './entries.js';
import { getEntry } from './entries.js';
import { ENTRY_SELECT, type EntryRow, hydrate } from './rows.js';
import { type DirectionKind, type Entry, type EntryState, OPEN_STATES } from './types.js';

export interface AssignInput {
  /** Ý kiến phân phối or chỉ đạo. */
  text?: string;
  kind?: Exclude<DirectionKind, 'status'>;
  author?: string;
  /** Đơn vị/người chủ trì. */
  lead?: string;
  /** Đơn vị/người phối hợp. */
  coordinators?: string[];
  /** Thời hạn giải quyết (YYYY-MM-DD), or … */
  dueDate?: string;
  /** … a number of working days from today (the office calendar). */
  dueWorkingDays?: number;
}

async function addDirection(
  tx: SqlExecutor,
  entryId: string,
  at: string,
  d: {
    kind: DirectionKind;
    text?: string;
    author?: string;
    lead?: string;
    coordinators?: string[];
    dueDate?: string;
  },
): Promise<void> {
  const row = await first<{ seq: number | null }>(
    tx,
    'SELECT MAX(seq) AS seq FROM directions WHERE entry_id = ?',
    [entryId],
  );
  await tx.run(
    `INSERT INTO directions (id, entry_id, seq, at, author, kind, text, lead, coordinators, due_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      randomUUID(),
      entryId,
      Number(row?.seq ?? 0) + 1,
      at,
      d.author ?? null,
      d.kind,
      d.text ?? null,
      d.lead ?? null,
      d.coordinators && d.coordinators.length > 0 ? JSON.stringify(d.coordinators) : null,
      d.dueDate ?? null,
    ],
  );
}

async function lockedEntry(tx: SqlExecutor, ctx: Context, id: string): Promise<Entry> {
  // Touching the row first takes its write lock (PostgreSQL), so concurrent changes queue up.
  const n = await tx.run('UPDATE entries SET updated_at = updated_at WHERE organ_id = ? AND id = ?', [
    ctx.organId,
    id,
  ]);
  if (n === 0) throw new VanthuError('REGISTRY_NOT_FOUND', id);
  const [entry] = await hydrate(tx, await tx.all<EntryRow>(`${ENTRY_SELECT} WHERE e.id = ?`, [id]));
  return entry!;
}

function refuseState(entry: Entry, action: string): never {
  throw new VanthuError(
    'REGISTRY_STATE',
    `${action}: ${entry.kind} ${entry.year} #${entry.number} is ${entry.state}`,
  );
}

/**
 * Records a leader's distribution or direction on an incoming document: lead and coordinating
 * units, deadline. The first one moves the document to "Phân công" (status 04).
 */
export async function assign(store: SqlStore, ctx: Context, id: string, input: AssignInput): Promise<Entry> {
  if (input.dueDate !== undefined) {
    const bad = dateIssues(input.dueDate, 'DueDate');
    if (bad.length > 0) throw new FieldValidationError(bad);
  }
  const today = vnDate(ctx.now());
  const dueDate =
    input.dueDate ??
    (input.dueWorkingDays !== undefined
      ? addWorkingDays(today, input.dueWorkingDays, ctx.calendar)
      : undefined);
  await store.transaction(async (tx) => {
    const entry = await lockedEntry(tx, ctx, id);
    if (entry.kind !== 'incoming' || !OPEN_STATES.includes(entry.state)) refuseState(entry, 'assign');
    const at = vnTimestamp(ctx.now());
    await addDirection(tx, id, at, {
      kind: input.kind ?? (input.lead ? 'distribution' : 'direction'),
      ...input,
      ...(dueDate ? { dueDate } : {}),
    });
    const fields: FieldObject = { ...entry.fields };
    delete fields['TraceHeaderList'];
    const places = [input.lead, ...(input.coordinators ?? [])].filter((p): p is string => !!p);
    if (places.length > 0) fields['ToPlaces'] = places.join('; ').slice(0, 1000);
    if (dueDate) fields['DueDate'] = dueDate;
    await tx.run('UPDATE entries SET state = ?, due_date = ?, fields = ?, updated_at = ? WHERE id = ?', [
      entry.state === 'registered' ? 'assigned' : entry.state,
      dueDate ?? entry.dueDate ?? null,
      JSON.stringify(fields),
      at,
      id,
    ]);
  });
  return getEntry(store, ctx.organId, id);
}

const TRANSITIONS: Partial<Record<EntryState, readonly EntryState[]>> = {
  in_progress: ['registered', 'assigned'],
  done: ['registered', 'assigned', 'in_progress'],
  returned: ['registered'],
};

/**
 * Moves an entry along its handling states (in_progress, done, returned) or recalls it. A return
 * and a recall need a reason; a recalled entry keeps its number and stays in the book.
 */
export async function changeState(
  store: SqlStore,
  ctx: Context,
  id: string,
  state: EntryState,
  options: { reason?: string; author?: string } = {},
): Promise<Entry> {
  if ((state === 'returned' || state === 'recalled') && !options.reason?.trim())
    throw new VanthuError('INVALID_INPUT', `a reason is required to mark an entry ${state}`);
  await store.transaction(async (tx) => {
    const entry = await lockedEntry(tx, ctx, id);
    const allowed =
      state === 'recalled' ? entry.state !== 'recalled' : TRANSITIONS[state]?.includes(entry.state);
    if (!allowed || (state !== 'recalled' && entry.kind !== 'incoming')) refuseState(entry, state);
    const at = vnTimestamp(ctx.now());
    await addDirection(tx, id, at, {
      kind: 'status',
      text: options.reason ? `${state}: ${options.reason}` : state,
      ...(options.author ? { author: options.author } : {}),
    });
    await tx.run(
      `UPDATE entries SET state = ?, updated_at = ?, state_reason = COALESCE(?, state_reason),
         completed_at = CASE WHEN ? = 'done' THEN ? ELSE completed_at END,
         recalled_at = CASE WHEN ? = 'recalled' THEN ? ELSE recalled_at END
       WHERE id = ?`,
      [state, at, options.reason ?? null, state, at, state, at, id],
    );
  });
  return getEntry(store, ctx.organId, id);
}

export interface OverdueEntry {
  entry: Entry;
  dueDate: string;
  /** Working days past the deadline. */
  workingDaysLate: number;
}

/** Open entries whose handling deadline has passed (as of `today`, YYYY-MM-DD Vietnam time). */
export async function overdue(
  db: SqlExecutor,
  ctx: Context,
  today = vnDate(ctx.now()),
): Promise<OverdueEntry[]> {
  const rows = await db.all<EntryRow>(
    `${ENTRY_SELECT} WHERE e.organ_id = ? AND e.due_date IS NOT NULL AND e.due_date < ?
       AND e.state IN (${OPEN_STATES.map(() => '?').join(', ')}) ORDER BY e.due_date, e.year, e.number`,
    [ctx.organId, today, ...OPEN_STATES],
  );
  return (await hydrate(db, rows)).map((entry) => ({
    entry,
    dueDate: entry.dueDate!,
    workingDaysLate: workingDaysLate(entry.dueDate!, today, ctx.calendar),
  }));
}
