import { randomUUID } from 'node:crypto';
import { dateIssues, FieldValidationError, type FieldObject, issue } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlExecutor, type SqlStore } from '../store/index.js';
import { addWorkingDays, vnDate, vnTimestamp, workingDaysLate } from './clock.js';
import type { Context } from './entries.js';
import { getEntry } from './entries.js';
import { ENTRY_SELECT, type EntryRow, hydrate } from './rows.js';
import { type Assignee, type DirectionKind, type Entry, type EntryState, OPEN_STATES } from './types.js';

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
  /**
   * Điều 7.2: the lead and each cooperating unit or person with its own deadline. When given, `lead`
   * and `coordinators` are taken from it.
   */
  assignees?: Assignee[];
}

/** Checks the Điều 7.2 assignment: one lead at most, named units, valid deadlines. */
function checkAssignees(assignees: Assignee[]): void {
  const issues = assignees.flatMap((a, i) => [
    ...(a.unit.trim()
      ? []
      : [issue(`assignees.${i}.unit`, 'required', 'Thiếu tên đơn vị hoặc người', 'Unit or person missing')]),
    ...(a.dueDate === undefined ? [] : dateIssues(a.dueDate, `assignees.${i}.dueDate`)),
  ]);
  if (assignees.filter((a) => a.role === 'lead').length > 1)
    issues.push(
      issue(
        'assignees',
        'format',
        'Chỉ có một đơn vị hoặc người chủ trì',
        'There is one lead unit or person',
      ),
    );
  if (issues.length > 0) throw new FieldValidationError(issues);
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
    assignees?: Assignee[];
  },
): Promise<void> {
  const row = await first<{ seq: number | null }>(
    tx,
    'SELECT MAX(seq) AS seq FROM directions WHERE entry_id = ?',
    [entryId],
  );
  await tx.run(
    `INSERT INTO directions (id, entry_id, seq, at, author, kind, text, lead, coordinators, due_date, assignees)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      d.assignees && d.assignees.length > 0 ? JSON.stringify(d.assignees) : null,
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
export async function assign(store: SqlStore, ctx: Context, id: string, given: AssignInput): Promise<Entry> {
  if (given.assignees) checkAssignees(given.assignees);
  const lead = given.assignees?.find((a) => a.role === 'lead')?.unit;
  const input: AssignInput = given.assignees
    ? {
        ...given,
        ...(lead ? { lead } : {}),
        // The entry's own deadline is the lead's, unless one is given for the whole entry.
        ...(given.dueDate === undefined && given.assignees.find((a) => a.role === 'lead')?.dueDate
          ? { dueDate: given.assignees.find((a) => a.role === 'lead')!.dueDate! }
          : {}),
        coordinators: given.assignees.filter((a) => a.role === 'coordinator').map((a) => a.unit),
      }
    : given;
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

export interface UnitOverdue {
  unit: string;
  items: { entry: Entry; role: Assignee['role']; dueDate: string; workingDaysLate: number }[];
}

/**
 * Điều 7.2 overdue lists per unit: for each open incoming entry, the units of its latest assignment
 * whose own deadline has passed, grouped by unit (units in name order, oldest deadline first).
 */
export async function overdueByUnit(
  db: SqlExecutor,
  ctx: Context,
  today = vnDate(ctx.now()),
): Promise<UnitOverdue[]> {
  const rows = await db.all<EntryRow>(
    `${ENTRY_SELECT} WHERE e.organ_id = ? AND e.kind = 'incoming'
       AND e.state IN (${OPEN_STATES.map(() => '?').join(', ')})
       AND EXISTS (SELECT 1 FROM directions d WHERE d.entry_id = e.id AND d.assignees IS NOT NULL)`,
    [ctx.organId, ...OPEN_STATES],
  );
  const byUnit = new Map<string, UnitOverdue['items']>();
  for (const entry of await hydrate(db, rows)) {
    const latest = entry.directions.filter((d) => d.assignees).at(-1);
    for (const a of latest?.assignees ?? []) {
      if (!a.dueDate || a.dueDate >= today) continue;
      const items = byUnit.get(a.unit) ?? [];
      items.push({
        entry,
        role: a.role,
        dueDate: a.dueDate,
        workingDaysLate: workingDaysLate(a.dueDate, today, ctx.calendar),
      });
      byUnit.set(a.unit, items);
    }
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'vi'))
    .map(([unit, items]) => ({ unit, items: items.sort((x, y) => x.dueDate.localeCompare(y.dueDate)) }));
}

/**
 * Puts a recalled entry back where its handling was, when the recall is refused (status 16): the
 * recall stays in its directions, the entry is current again.
 */
export async function reinstate(
  store: SqlStore,
  ctx: Context,
  id: string,
  state: EntryState,
  note: string,
): Promise<Entry> {
  await store.transaction(async (tx) => {
    const entry = await lockedEntry(tx, ctx, id);
    if (entry.state !== 'recalled') refuseState(entry, 'reinstate');
    const at = vnTimestamp(ctx.now());
    await addDirection(tx, id, at, { kind: 'status', text: `${state}: ${note}` });
    await tx.run(
      'UPDATE entries SET state = ?, recalled_at = NULL, state_reason = NULL, updated_at = ? WHERE id = ?',
      [state, at, id],
    );
  });
  return getEntry(store, ctx.organId, id);
}
