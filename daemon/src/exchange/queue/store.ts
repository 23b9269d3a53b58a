import { createHash, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { VanthuError } from '@vanthu/shared/errors/index';
import { preparePrivateSqliteFile, tightenSqliteFiles } from '../../fs/private-files.js';
import { type DeliveryState, assertTransition } from './states.js';

export interface EnqueueInput {
  /** Stable id of the package; enqueueing the same id again returns the existing entry. */
  packageId?: string;
  messageType: 'edoc' | 'status';
  from: string;
  recipients: string[];
  xml: Uint8Array;
  /** DocumentId of the document (or of the document a status answers). */
  documentId?: string;
  subject?: string;
  /** Status code for status packages. */
  statusCode?: string;
}

export interface Delivery {
  id: number;
  packageId: string;
  recipient: string;
  state: DeliveryState;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  idempotencyKey: string;
  axisDocId: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  deadReason: string | null;
  /** The last send ended without knowing whether the axis stored the package. */
  outcomeUnknown: boolean;
  receiverStatus: string | null;
  receiverStatusDescription: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface PackageRow {
  id: string;
  messageType: 'edoc' | 'status';
  from: string;
  documentId: string | null;
  subject: string | null;
  statusCode: string | null;
  createdAt: number;
  /** Local copy frozen by a recall we issued. */
  frozen: boolean;
}

export interface Transition {
  deliveryId: number;
  from: DeliveryState | null;
  to: DeliveryState;
  at: number;
  reason: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS packages (
  id TEXT PRIMARY KEY,
  message_type TEXT NOT NULL CHECK (message_type IN ('edoc','status')),
  from_org TEXT NOT NULL,
  document_id TEXT,
  subject TEXT,
  status_code TEXT,
  xml BLOB NOT NULL,
  frozen INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS packages_document ON packages(document_id);
CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY,
  package_id TEXT NOT NULL REFERENCES packages(id),
  recipient TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  axis_doc_id TEXT,
  last_error_code TEXT,
  last_error TEXT,
  dead_reason TEXT,
  outcome_unknown INTEGER NOT NULL DEFAULT 0,
  receiver_status TEXT,
  receiver_status_desc TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (package_id, recipient)
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries(state, next_attempt_at);
CREATE TABLE IF NOT EXISTS transitions (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  at INTEGER NOT NULL,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS transitions_delivery ON transitions(delivery_id);
`;

interface DeliveryDb {
  id: number;
  package_id: string;
  recipient: string;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  idempotency_key: string;
  axis_doc_id: string | null;
  last_error_code: string | null;
  last_error: string | null;
  dead_reason: string | null;
  outcome_unknown: number;
  receiver_status: string | null;
  receiver_status_desc: string | null;
  created_at: number;
  updated_at: number;
}

const toDelivery = (r: DeliveryDb): Delivery => ({
  id: r.id,
  packageId: r.package_id,
  recipient: r.recipient,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  idempotencyKey: r.idempotency_key,
  axisDocId: r.axis_doc_id,
  lastErrorCode: r.last_error_code,
  lastError: r.last_error,
  deadReason: r.dead_reason,
  outcomeUnknown: r.outcome_unknown === 1,
  receiverStatus: r.receiver_status,
  receiverStatusDescription: r.receiver_status_desc,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Deterministic per package and recipient, so every re-send carries the same key. */
export function idempotencyKeyFor(packageId: string, recipient: string): string {
  return createHash('sha256').update(`${packageId}\u0000${recipient}`).digest('hex').slice(0, 40);
}

export interface QueueStoreOptions {
  /** `full` fsyncs every commit (survives power loss); `normal` survives process crashes (WAL). */
  synchronous?: 'full' | 'normal';
  now?: () => number;
}

/**
 * The durable outgoing queue: one SQLite file (WAL). Every state change is one transaction that also
 * appends to `transitions`, so a crash leaves each delivery in exactly one well-defined state.
 */
export class QueueStore {
  readonly db: Database.Database;
  private readonly now: () => number;

  constructor(file: string, options: QueueStoreOptions = {}) {
    if (file !== ':memory:') preparePrivateSqliteFile(file);
    try {
      this.db = new Database(file);
    } catch (error) {
      throw new VanthuError('STORE_UNAVAILABLE', `${file}: ${(error as Error).message}`);
    }
    this.db.pragma('journal_mode = WAL');
    // Defence only: SQLite gives -wal/-shm the mode of the database, which preparePrivateSqliteFile set.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: no observable difference, see above
    if (file !== ':memory:') tightenSqliteFiles(file);
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.now = options.now ?? Date.now;
  }

  close() {
    this.db.close();
  }

  private log(deliveryId: number, from: DeliveryState | null, to: DeliveryState, reason: string | null) {
    this.db
      .prepare(
        'INSERT INTO transitions (delivery_id, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?)',
      )
      .run(deliveryId, from, to, this.now(), reason);
  }

  /** Stores the package and one `queued` delivery per recipient, atomically. Returns the package id. */
  enqueue(input: EnqueueInput): string {
    if (input.recipients.length === 0) throw new VanthuError('INVALID_INPUT', 'no recipient');
    const id = input.packageId ?? randomUUID();
    const now = this.now();
    const tx = this.db.transaction(() => {
      const existing = this.db.prepare('SELECT id FROM packages WHERE id = ?').get(id);
      if (existing) return;
      this.db
        .prepare(
          'INSERT INTO packages (id, message_type, from_org, document_id, subject, status_code, xml, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          id,
          input.messageType,
          input.from,
          input.documentId ?? null,
          input.subject ?? null,
          input.statusCode ?? null,
          Buffer.from(input.xml),
          now,
        );
      const insert = this.db.prepare(
        'INSERT INTO deliveries (package_id, recipient, state, next_attempt_at, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const recipient of new Set(input.recipients)) {
        const r = insert.run(id, recipient, 'queued', now, idempotencyKeyFor(id, recipient), now, now);
        this.log(Number(r.lastInsertRowid), null, 'queued', null);
      }
    });
    tx.immediate();
    return id;
  }

  /** Crash recovery: deliveries left in `sending` by a dead process go back to `queued`, outcome unknown. */
  recoverInFlight(): number {
    const tx = this.db.transaction(() => {
      const rows = this.db.prepare("SELECT id FROM deliveries WHERE state = 'sending'").all() as {
        id: number;
      }[];
      const now = this.now();
      for (const { id } of rows) {
        this.db
          .prepare(
            "UPDATE deliveries SET state = 'queued', outcome_unknown = 1, next_attempt_at = ?, updated_at = ? WHERE id = ?",
          )
          .run(now, now, id);
        this.log(id, 'sending', 'queued', 'interrupted while sending');
      }
      return rows.length;
    });
    return tx.immediate();
  }

  /** Atomically moves up to `limit` due deliveries to `sending` and returns them with their packages. */
  claimDue(
    limit: number,
  ): Array<Delivery & { xml: Uint8Array; messageType: 'edoc' | 'status'; from: string }> {
    const tx = this.db.transaction(() => {
      const now = this.now();
      const rows = this.db
        .prepare(
          `SELECT d.*, p.xml, p.message_type, p.from_org FROM deliveries d JOIN packages p ON p.id = d.package_id
           WHERE d.state IN ('queued','failed') AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?`,
        )
        .all(now, limit) as Array<
        DeliveryDb & { xml: Buffer; message_type: 'edoc' | 'status'; from_org: string }
      >;
      for (const r of rows) {
        this.db
          .prepare(
            "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?",
          )
          .run(now, r.id);
        this.log(r.id, r.state, 'sending', `attempt ${r.attempts + 1}`);
      }
      return rows.map((r) => ({
        ...toDelivery({ ...r, state: 'sending', attempts: r.attempts + 1 }),
        xml: new Uint8Array(r.xml),
        messageType: r.message_type,
        from: r.from_org,
      }));
    });
    return tx.immediate();
  }

  private transition(id: number, to: DeliveryState, set: Record<string, unknown>, reason: string | null) {
    const tx = this.db.transaction(() => {
      const row = this.db.prepare('SELECT state FROM deliveries WHERE id = ?').get(id) as
        | { state: DeliveryState }
        | undefined;
      if (!row) throw new VanthuError('QUEUE_NOT_FOUND', `delivery ${id}`);
      assertTransition(row.state, to);
      const cols = Object.keys(set);
      const sql = `UPDATE deliveries SET state = ?, updated_at = ?${cols.map((c) => `, ${c} = ?`).join('')} WHERE id = ?`;
      this.db.prepare(sql).run(to, this.now(), ...cols.map((c) => set[c]), id);
      this.log(id, row.state, to, reason);
    });
    tx.immediate();
  }

  markSent(id: number, axisDocId: string) {
    this.transition(
      id,
      'sent',
      { axis_doc_id: axisDocId, outcome_unknown: 0, last_error: null, last_error_code: null },
      `axis doc ${axisDocId}`,
    );
  }

  markFailed(
    id: number,
    error: { code: string; message: string; outcomeUnknown: boolean },
    nextAttemptAt: number,
  ) {
    this.transition(
      id,
      'failed',
      {
        last_error_code: error.code,
        last_error: error.message.slice(0, 1000),
        next_attempt_at: nextAttemptAt,
        outcome_unknown: error.outcomeUnknown ? 1 : 0,
      },
      error.message.slice(0, 200),
    );
  }

  markDead(id: number, reason: string, code: string) {
    this.transition(
      id,
      'dead',
      { dead_reason: reason.slice(0, 1000), last_error_code: code, last_error: reason.slice(0, 1000) },
      reason.slice(0, 200),
    );
  }

  /**
   * Applies a receiver's status to the deliveries of the document it answers: 01 → delivered, the
   * others → acknowledged. Statuses only move forward; a late 01 after a 03 is recorded in history only.
   */
  recordReceiverStatus(
    documentId: string,
    recipient: string,
    statusCode: string,
    description?: string,
  ): Delivery[] {
    const tx = this.db.transaction(() => {
      const rows = this.db
        .prepare(
          `SELECT d.* FROM deliveries d JOIN packages p ON p.id = d.package_id
           WHERE p.document_id = ? AND p.message_type = 'edoc' AND d.recipient = ?`,
        )
        .all(documentId, recipient) as DeliveryDb[];
      const changed: Delivery[] = [];
      for (const r of rows) {
        const target: DeliveryState = statusCode === '01' ? 'delivered' : 'acknowledged';
        const reason = `status ${statusCode}${description ? `: ${description}` : ''}`;
        if (r.state === 'acknowledged' && target === 'delivered') {
          this.log(r.id, r.state, r.state, reason);
          continue;
        }
        if (r.state === 'sending' || r.state === 'cancelled') {
          // In flight (the worker records the outcome) or withdrawn: history only.
          this.log(r.id, r.state, r.state, reason);
          continue;
        }
        if (r.state === 'queued' || r.state === 'failed' || r.state === 'dead') {
          // A status can overtake our bookkeeping (reply lost, then the receiver answered): it proves delivery.
          assertTransition(r.state, 'sent');
          this.db
            .prepare(
              "UPDATE deliveries SET state = 'sent', outcome_unknown = 0, dead_reason = NULL, updated_at = ? WHERE id = ?",
            )
            .run(this.now(), r.id);
          this.log(r.id, r.state, 'sent', 'receiver status proves delivery');
          r.state = 'sent';
        }
        if (r.state === target && target === 'delivered') continue;
        assertTransition(r.state, target);
        this.db
          .prepare(
            'UPDATE deliveries SET state = ?, receiver_status = ?, receiver_status_desc = ?, updated_at = ? WHERE id = ?',
          )
          .run(target, statusCode, description ?? null, this.now(), r.id);
        this.log(r.id, r.state, target, reason);
        changed.push(
          toDelivery({
            ...r,
            state: target,
            receiver_status: statusCode,
            receiver_status_desc: description ?? null,
          }),
        );
      }
      return changed;
    });
    return tx.immediate();
  }

  /** Clerk's retry: dead or failed deliveries of the package go back to `queued` now, attempts reset. */
  retry(packageId: string, recipient?: string): number {
    const tx = this.db.transaction(() => {
      const rows = this.deliveriesOf(packageId).filter((d) => !recipient || d.recipient === recipient);
      const eligible = rows.filter((d) => d.state === 'dead' || d.state === 'failed');
      if (eligible.length === 0) throw new VanthuError('QUEUE_STATE', `nothing to retry in ${packageId}`);
      for (const d of eligible)
        this.transition(
          d.id,
          'queued',
          { attempts: 0, next_attempt_at: this.now(), dead_reason: null },
          'retry requested',
        );
      return eligible.length;
    });
    return tx.immediate();
  }

  /** Clerk's cancel: deliveries not yet on the axis stop; those already sent cannot be unsent (use recall). */
  cancel(packageId: string, recipient?: string): number {
    const tx = this.db.transaction(() => {
      const rows = this.deliveriesOf(packageId).filter((d) => !recipient || d.recipient === recipient);
      const eligible = rows.filter((d) => ['queued', 'failed', 'dead'].includes(d.state));
      if (eligible.length === 0) throw new VanthuError('QUEUE_STATE', `nothing to cancel in ${packageId}`);
      for (const d of eligible) this.transition(d.id, 'cancelled', {}, 'cancelled by the clerk');
      return eligible.length;
    });
    return tx.immediate();
  }

  /** Sender side of a recall: the local copy is frozen (kept, read-only, marked recalled). */
  freezePackagesOf(documentId: string): number {
    return this.db
      .prepare("UPDATE packages SET frozen = 1 WHERE document_id = ? AND message_type = 'edoc'")
      .run(documentId).changes;
  }

  resolvePackageId(idOrPrefix: string): string {
    const exact = this.db.prepare('SELECT id FROM packages WHERE id = ?').get(idOrPrefix) as
      | { id: string }
      | undefined;
    if (exact) return exact.id;
    // LIKE wildcards are dropped before the length check, so "abc%%%" is not a six-character prefix.
    const prefix = idOrPrefix.replace(/[%_]/g, '');
    if (prefix.length >= 6) {
      const rows = this.db.prepare('SELECT id FROM packages WHERE id LIKE ? LIMIT 2').all(`${prefix}%`) as {
        id: string;
      }[];
      if (rows.length === 1) return rows[0]!.id;
    }
    throw new VanthuError('QUEUE_NOT_FOUND', idOrPrefix);
  }

  getPackage(id: string): PackageRow | undefined {
    const r = this.db.prepare('SELECT * FROM packages WHERE id = ?').get(id) as
      | Record<string, unknown>
      | undefined;
    if (!r) return undefined;
    return {
      id: r['id'] as string,
      messageType: r['message_type'] as 'edoc' | 'status',
      from: r['from_org'] as string,
      documentId: (r['document_id'] as string | null) ?? null,
      subject: (r['subject'] as string | null) ?? null,
      statusCode: (r['status_code'] as string | null) ?? null,
      createdAt: r['created_at'] as number,
      frozen: r['frozen'] === 1,
    };
  }

  packageXml(id: string): Uint8Array | undefined {
    const r = this.db.prepare('SELECT xml FROM packages WHERE id = ?').get(id) as { xml: Buffer } | undefined;
    return r ? new Uint8Array(r.xml) : undefined;
  }

  deliveriesOf(packageId: string): Delivery[] {
    return (
      this.db
        .prepare('SELECT * FROM deliveries WHERE package_id = ? ORDER BY id')
        .all(packageId) as DeliveryDb[]
    ).map(toDelivery);
  }

  transitionsOf(packageId: string): Transition[] {
    return (
      this.db
        .prepare(
          'SELECT t.* FROM transitions t JOIN deliveries d ON d.id = t.delivery_id WHERE d.package_id = ? ORDER BY t.id',
        )
        .all(packageId) as Array<{
        delivery_id: number;
        from_state: DeliveryState | null;
        to_state: DeliveryState;
        at: number;
        reason: string | null;
      }>
    ).map((t) => ({
      deliveryId: t.delivery_id,
      from: t.from_state,
      to: t.to_state,
      at: t.at,
      reason: t.reason,
    }));
  }

  /** Packages with their deliveries, newest first; `state` filters on any delivery in that state. */
  list(
    filter: { state?: DeliveryState; limit?: number } = {},
  ): Array<PackageRow & { deliveries: Delivery[] }> {
    const limit = filter.limit ?? 100;
    const ids = (
      filter.state
        ? this.db
            .prepare(
              'SELECT DISTINCT p.id, p.created_at FROM packages p JOIN deliveries d ON d.package_id = p.id WHERE d.state = ? ORDER BY p.created_at DESC, p.rowid DESC LIMIT ?',
            )
            .all(filter.state, limit)
        : this.db.prepare('SELECT id FROM packages ORDER BY created_at DESC, rowid DESC LIMIT ?').all(limit)
    ) as { id: string }[];
    return ids.map(({ id }) => ({ ...this.getPackage(id)!, deliveries: this.deliveriesOf(id) }));
  }

  /** Outgoing document packages carrying this DocumentId, with their deliveries. */
  packagesOfDocument(documentId: string): Array<PackageRow & { deliveries: Delivery[] }> {
    const ids = this.db
      .prepare("SELECT id FROM packages WHERE document_id = ? AND message_type = 'edoc' ORDER BY created_at")
      .all(documentId) as { id: string }[];
    return ids.map(({ id }) => ({ ...this.getPackage(id)!, deliveries: this.deliveriesOf(id) }));
  }

  /** The dead-letter list: every delivery that gave up, with its reason. */
  deadLetters(): Delivery[] {
    return (
      this.db
        .prepare("SELECT * FROM deliveries WHERE state = 'dead' ORDER BY updated_at DESC")
        .all() as DeliveryDb[]
    ).map(toDelivery);
  }

  countByState(): Record<DeliveryState, number> {
    const out = Object.fromEntries(
      ['queued', 'sending', 'sent', 'delivered', 'acknowledged', 'failed', 'dead', 'cancelled'].map((s) => [
        s,
        0,
      ]),
    ) as Record<DeliveryState, number>;
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all() as {
      state: DeliveryState;
      n: number;
    }[])
      out[r.state] = r.n;
    return out;
  }

  /** True when nothing is left for the worker (everything sent or final). */
  isDrained(): boolean {
    const r = this.db
      .prepare("SELECT COUNT(*) AS n FROM deliveries WHERE state IN ('queued','sending','failed')")
      .get() as { n: number };
    return r.n === 0;
  }

  nextDueAt(): number | undefined {
    const r = this.db
      .prepare("SELECT MIN(next_attempt_at) AS t FROM deliveries WHERE state IN ('queued','failed')")
      .get() as { t: number | null };
    return r.t ?? undefined;
  }
}
