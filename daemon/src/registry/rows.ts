import type { FieldObject } from '@vanthu/shared/domain/index';
import { formatDateShort } from '@vanthu/shared/domain/index';
import type { SqlExecutor } from '../store/index.js';
import type {
  Assignee,
  Attachment,
  BookKind,
  Channel,
  Direction,
  DirectionKind,
  Entry,
  EntryState,
} from './types.js';

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
  assignees?: string | null;
  [key: string]: unknown;
}

interface AttachmentRow {
  entry_id: string;
  seq: number;
  file_sha256: string;
  file_name: string;
  description: string | null;
  size: number;
  pages: number | null;
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
    ...(r.assignees ? { assignees: JSON.parse(r.assignees) as Assignee[] } : {}),
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

function toAttachment(r: AttachmentRow): Attachment {
  return {
    seq: Number(r.seq),
    name: r.file_name,
    sha256: r.file_sha256,
    size: Number(r.size),
    ...opt('pages', r.pages === null ? null : Number(r.pages)),
    ...opt('description', r.description),
  };
}

export function toEntry(r: EntryRow, directions: Direction[], attachments: Attachment[] = []): Entry {
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
    ...opt(
      'arrivalId',
      r['arrival_id'] === null || r['arrival_id'] === undefined ? null : Number(r['arrival_id']),
    ),
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
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** Appends each row to its entry's list. */
function groupBy<R extends { entry_id: string }, T>(
  rows: R[],
  map: (r: R) => T,
  into: Map<string, T[]>,
): void {
  for (const r of rows) {
    const list = into.get(r.entry_id) ?? [];
    list.push(map(r));
    into.set(r.entry_id, list);
  }
}

/** Loads rows with their directions and attachments (one query each for all of them). */
export async function hydrate(db: SqlExecutor, rows: EntryRow[]): Promise<Entry[]> {
  if (rows.length === 0) return [];
  const directions = new Map<string, Direction[]>();
  const attachments = new Map<string, Attachment[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const inList = `(${ids.map(() => '?').join(',')})`;
    const dirs = await db.all<DirectionRow>(
      `SELECT * FROM directions WHERE entry_id IN ${inList} ORDER BY entry_id, seq`,
      ids,
    );
    groupBy(dirs, toDirection, directions);
    const files = await db.all<AttachmentRow>(
      `SELECT a.*, f.size, f.pages FROM entry_attachments a JOIN files f ON f.sha256 = a.file_sha256
       WHERE a.entry_id IN ${inList} ORDER BY a.entry_id, a.seq`,
      ids,
    );
    groupBy(files, toAttachment, attachments);
  }
  return rows.map((r) => toEntry(r, directions.get(r.id) ?? [], attachments.get(r.id) ?? []));
}
