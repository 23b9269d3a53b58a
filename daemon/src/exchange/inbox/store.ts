import { createHash } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import type Database from 'better-sqlite3';
import type { ArrivalContents, StoredAttachment } from './arrival-contents.js';

/** Where an arrival stands on our side. */
export type ArrivalState =
  | 'arrived'
  | 'refused'
  | 'registered'
  | 'assigned'
  | 'in_progress'
  | 'finished'
  | 'recall_requested'
  | 'voided'
  | 'updated'
  | 'replaced';

export interface Arrival {
  id: number;
  axisDocId: string;
  from: string;
  documentId: string;
  subject: string;
  code: string;
  priority: number;
  bussinessDocType: number;
  /** For recall, update and replacement: the document they act on. */
  targetDocumentId: string | null;
  state: ArrivalState;
  receivedAt: number;
  verification: unknown;
  warnings: unknown;
  lastStatusSent: string | null;
  recallReason: string | null;
  /** Why the package cannot be used as sent (e.g. an attachment that does not decode): 02 is offered. */
  defect: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY,
  axis_doc_id TEXT NOT NULL UNIQUE,
  from_org TEXT NOT NULL,
  document_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  code TEXT NOT NULL,
  priority INTEGER NOT NULL,
  bussiness_doc_type INTEGER NOT NULL,
  target_document_id TEXT,
  state TEXT NOT NULL,
  xml BLOB,
  received_at INTEGER NOT NULL,
  verification TEXT,
  warnings TEXT,
  last_status_sent TEXT,
  recall_reason TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS inbox_document ON inbox(document_id, from_org, bussiness_doc_type);
CREATE TABLE IF NOT EXISTS inbox_seen (
  axis_doc_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS status_log (
  id INTEGER PRIMARY KEY,
  direction TEXT NOT NULL,
  document_id TEXT NOT NULL,
  party TEXT NOT NULL,
  status_code TEXT NOT NULL,
  description TEXT,
  at INTEGER NOT NULL
);
`;

interface Row {
  id: number;
  axis_doc_id: string;
  from_org: string;
  document_id: string;
  subject: string;
  code: string;
  priority: number;
  bussiness_doc_type: number;
  target_document_id: string | null;
  state: ArrivalState;
  received_at: number;
  verification: string | null;
  warnings: string | null;
  last_status_sent: string | null;
  recall_reason: string | null;
  defect: string | null;
}

const toArrival = (r: Row): Arrival => ({
  id: r.id,
  axisDocId: r.axis_doc_id,
  from: r.from_org,
  documentId: r.document_id,
  subject: r.subject,
  code: r.code,
  priority: r.priority,
  bussinessDocType: r.bussiness_doc_type,
  targetDocumentId: r.target_document_id,
  state: r.state,
  receivedAt: r.received_at,
  verification: r.verification ? JSON.parse(r.verification) : null,
  warnings: r.warnings ? JSON.parse(r.warnings) : [],
  lastStatusSent: r.last_status_sent,
  recallReason: r.recall_reason,
  defect: r.defect ?? null,
});

/** The header, attachment list and attachment bytes columns of an arrival (all null without contents). */
function contentColumns(c: ArrivalContents | undefined): [string | null, string | null, Buffer | null] {
  if (!c) return [null, null, null];
  return [JSON.stringify(c.header), JSON.stringify(c.attachments), Buffer.from(c.bytes)];
}

/** Arrivals and the status history, in the exchange database next to the queue. */
export class InboxStore {
  constructor(readonly db: Database.Database) {
    db.exec(SCHEMA);
    // Databases created before defective arrivals were kept lack the column.
    const columns = db.prepare('PRAGMA table_info(inbox)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'defect')) db.exec('ALTER TABLE inbox ADD COLUMN defect TEXT');
    // Arrivals recorded before intake kept their header and files beside the package lack these.
    for (const [name, type] of [
      ['header', 'TEXT'],
      ['attachments', 'TEXT'],
      ['attachment_bytes', 'BLOB'],
    ] as const)
      if (!columns.some((c) => c.name === name)) db.exec(`ALTER TABLE inbox ADD COLUMN ${name} ${type}`);
  }

  seen(axisDocId: string): boolean {
    return this.seenOutcome(axisDocId) !== undefined;
  }

  /** What became of an axis item already handled ('recorded', 'refused …', 'quarantined …'), if it was. */
  seenOutcome(axisDocId: string): string | undefined {
    const r = this.db.prepare('SELECT outcome FROM inbox_seen WHERE axis_doc_id = ?').get(axisDocId) as
      | { outcome: string }
      | undefined;
    return r?.outcome;
  }

  /** Forgets how an axis item was handled, so handling it again records its new outcome. */
  forgetSeen(axisDocId: string) {
    this.db.prepare('DELETE FROM inbox_seen WHERE axis_doc_id = ?').run(axisDocId);
  }

  markSeen(axisDocId: string, kind: string, outcome: string, at: number) {
    this.db
      .prepare('INSERT OR IGNORE INTO inbox_seen (axis_doc_id, kind, outcome, at) VALUES (?, ?, ?, ?)')
      .run(axisDocId, kind, outcome, at);
  }

  findByDocument(documentId: string, from?: string): Arrival[] {
    const rows = (
      from
        ? this.db.prepare('SELECT * FROM inbox WHERE document_id = ? AND from_org = ?').all(documentId, from)
        : this.db.prepare('SELECT * FROM inbox WHERE document_id = ?').all(documentId)
    ) as Row[];
    return rows.map(toArrival);
  }

  /** Inserts an arrival; returns undefined when the same document from the same sender is already here. */
  insert(
    a: Omit<Arrival, 'id' | 'lastStatusSent' | 'recallReason' | 'defect'> & {
      xml: Uint8Array;
      /** The header and files as intake parsed them, so the package is never parsed again. */
      contents?: ArrivalContents;
      recallReason?: string;
      defect?: string;
    },
  ): Arrival | undefined {
    const r = this.db
      .prepare(
        `INSERT OR IGNORE INTO inbox (axis_doc_id, from_org, document_id, subject, code, priority, bussiness_doc_type, target_document_id,
         state, xml, received_at, verification, warnings, recall_reason, defect, header, attachments, attachment_bytes)
         VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        a.axisDocId,
        a.from,
        a.documentId,
        a.subject,
        a.code,
        a.priority,
        a.bussinessDocType,
        a.targetDocumentId,
        a.state,
        Buffer.from(a.xml),
        a.receivedAt,
        JSON.stringify(a.verification),
        JSON.stringify(a.warnings),
        a.recallReason ?? null,
        a.defect ?? null,
        ...contentColumns(a.contents),
      );
    return r.changes === 0 ? undefined : this.get(Number(r.lastInsertRowid));
  }

  get(id: number): Arrival | undefined {
    const r = this.db.prepare('SELECT * FROM inbox WHERE id = ?').get(id) as Row | undefined;
    return r ? toArrival(r) : undefined;
  }

  xml(id: number): Uint8Array | undefined {
    const r = this.db.prepare('SELECT xml FROM inbox WHERE id = ?').get(id) as
      | { xml: Buffer | null }
      | undefined;
    return r?.xml ? new Uint8Array(r.xml) : undefined;
  }

  /** The header and attachment list intake stored; undefined for an arrival recorded without them. */
  contents(id: number): Omit<ArrivalContents, 'bytes'> | undefined {
    const r = this.db.prepare('SELECT header, attachments FROM inbox WHERE id = ?').get(id) as
      | { header: string | null; attachments: string | null }
      | undefined;
    if (!r?.header || !r.attachments) return undefined;
    return { header: JSON.parse(r.header), attachments: JSON.parse(r.attachments) };
  }

  /** One stored attachment's bytes, read alone and checked against the SHA-256 taken at intake. */
  attachmentBytes(id: number, file: StoredAttachment): Uint8Array {
    const r = this.db
      .prepare(
        'SELECT substr(attachment_bytes, ?, ?) AS data FROM inbox WHERE id = ? AND attachment_bytes IS NOT NULL',
      )
      .get(file.offset + 1, file.size, id) as { data: Buffer | null } | undefined;
    if (!r) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${id}: its files are no longer kept`);
    const data = new Uint8Array(r.data ?? []);
    if (createHash('sha256').update(data).digest('hex') !== file.sha256)
      throw new VanthuError('IO_ERROR', `arrival ${id}: stored file ${file.name} fails its SHA-256`);
    return data;
  }

  /** Stores the contents of an arrival recorded before intake kept them (read from its package once). */
  saveContents(id: number, contents: ArrivalContents) {
    this.db
      .prepare(
        'UPDATE inbox SET header = ?, attachments = ?, attachment_bytes = ? WHERE id = ? AND xml IS NOT NULL',
      )
      .run(...contentColumns(contents), id);
  }

  setState(id: number, state: ArrivalState, lastStatusSent?: string) {
    if (lastStatusSent)
      this.db
        .prepare('UPDATE inbox SET state = ?, last_status_sent = ? WHERE id = ?')
        .run(state, lastStatusSent, id);
    else this.db.prepare('UPDATE inbox SET state = ? WHERE id = ?').run(state, id);
  }

  /** A recall waiting for the clerk's decision (policy 'ask'). */
  requestRecall(id: number, reason: string | undefined) {
    this.db
      .prepare("UPDATE inbox SET state = 'recall_requested', recall_reason = ? WHERE id = ?")
      .run(reason ?? null, id);
  }

  /** Drops a defective arrival that a corrected package from the sender supersedes (statuses stay in the log). */
  removeDefective(id: number) {
    this.db.prepare('DELETE FROM inbox WHERE id = ? AND defect IS NOT NULL').run(id);
  }

  /** Receiver side of an accepted recall: the document and its content are destroyed, the entry stays. */
  void(id: number) {
    this.db
      .prepare(
        "UPDATE inbox SET state = 'voided', xml = NULL, attachments = NULL, attachment_bytes = NULL WHERE id = ?",
      )
      .run(id);
  }

  list(limit = 200): Arrival[] {
    return (
      this.db.prepare('SELECT * FROM inbox ORDER BY received_at DESC, id DESC LIMIT ?').all(limit) as Row[]
    ).map(toArrival);
  }

  logStatus(
    direction: 'in' | 'out',
    documentId: string,
    party: string,
    code: string,
    description: string | undefined,
    at: number,
  ) {
    this.db
      .prepare(
        'INSERT INTO status_log (direction, document_id, party, status_code, description, at) VALUES (?,?,?,?,?,?)',
      )
      .run(direction, documentId, party, code, description ?? null, at);
  }

  statusHistory(documentId: string) {
    return this.db
      .prepare(
        'SELECT direction, party, status_code AS code, description, at FROM status_log WHERE document_id = ? ORDER BY id',
      )
      .all(documentId) as Array<{
      direction: 'in' | 'out';
      party: string;
      code: string;
      description: string | null;
      at: number;
    }>;
  }
}
