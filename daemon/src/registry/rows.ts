import type { FieldObject } from '@vanthu/shared/domain/index';
import { formatDateShort } from '@vanthu/shared/domain/index';
import type { SqlExecutor } from '../store/index.js';
import type { BookKind, Channel, Direction, DirectionKind, Entry, EntryState } from './types.js';

export interface EntryRow {
  id: string;
  organ_id: string;
  kind: string;
  year: number;
  series: string;
  number: number;
  state: string;
  channel: string;
  registered_at: string;
  due_date: string | null;
  fields: string;
  clerk: string | null;
  document_id: string | null;
  file_sha256: string | null;
  file_name: string | null;
  file_size: number | null;
  file_pages: number | null;
  completed_at: string | null;
  recalled_at: string | null;
  state_reason: string | null;
  [key: string]: unknown;
}

interface DirectionRow {
  entry_id: string;
  seq: number;
  at: string;
  author: string | null;
  kind: string;
  text: string | null;
  lead: string | null;
  coordinators: string | null;
  due_date: string | null;
  [key: string]: unknown;
}

/** Entry columns with the stored file's size and pages. */
export const ENTRY_SELECT = `SELECT e.*, f.size AS file_size, f.pages AS file_pages
  FROM entries e LEFT JOIN files f ON f.sha256 = e.file_sha256`;

const opt = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function toDirection(r: DirectionRow): Direction {
  return {
    seq: Number(r.seq),
    at: r.at,
    kind: r.kind as DirectionKind,
    coordinators: r.coordinators ? (JSON.parse(r.coordinators) as string[]) : [],
    ...opt('author', r.author),
    ...opt('text', r.text),
    ...opt('lead', r.lead),
    ...opt('dueDate', r.due_date),
  };
}

/** One TraceHeaderList line per direction, oldest first. */
export function traceText(directions: Direction[]): string {
  return directions
    .map((d) => {
      const parts = [
        `${d.at.slice(0, 16).replace('T', ' ')}${d.author ? ` ${d.author}` : ''}: ${d.text ?? ''}`,
      ];
      if (d.lead) parts.push(`chủ trì: ${d.lead}`);
      if (d.coordinators.length > 0) parts.push(`phối hợp: ${d.coordinators.join(', ')}`);
      if (d.dueDate) parts.push(`hạn: ${formatDateShort(d.dueDate)}`);
      return parts.join('; ');
    })
    .join('\n');
}

export function toEntry(r: EntryRow, directions: Direction[]): Entry {
  const fields = JSON.parse(r.fields) as FieldObject;
  if (r.kind === 'incoming' && directions.length > 0) fields['TraceHeaderList'] = traceText(directions);
  return {
    id: r.id,
    kind: r.kind as BookKind,
    organId: r.organ_id,
    year: Number(r.year),
    series: r.series,
    number: Number(r.number),
    state: r.state as EntryState,
    channel: r.channel as Channel,
    registeredAt: r.registered_at,
    fields,
    directions,
    ...opt('documentId', r.document_id),
    ...opt('clerk', r.clerk),
    ...opt('dueDate', r.due_date),
    ...opt('completedAt', r.completed_at),
    ...opt('recalledAt', r.recalled_at),
    ...opt('stateReason', r.state_reason),
    ...(r.file_sha256
      ? {
          file: {
            name: r.file_name ?? r.file_sha256,
            sha256: r.file_sha256,
            size: Number(r.file_size),
            ...opt('pages', r.file_pages === null ? null : Number(r.file_pages)),
          },
        }
      : {}),
  };
}

/** Loads rows with their directions (one query for all of them). */
export async function hydrate(db: SqlExecutor, rows: EntryRow[]): Promise<Entry[]> {
  if (rows.length === 0) return [];
  const byEntry = new Map<string, Direction[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const dirs = await db.all<DirectionRow>(
      `SELECT * FROM directions WHERE entry_id IN (${ids.map(() => '?').join(',')}) ORDER BY entry_id, seq`,
      ids,
    );
    for (const d of dirs) {
      const list = byEntry.get(d.entry_id) ?? [];
      list.push(toDirection(d));
      byEntry.set(d.entry_id, list);
    }
  }
  return rows.map((r) => toEntry(r, byEntry.get(r.id) ?? []));
}
