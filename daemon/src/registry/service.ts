import type { FieldObject } from '@vanthu/shared/domain/index';
import { checkOrganId } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { first, type SqlStore } from '../store/index.js';
import { type BackupAuth, type BackupManifest, type RestoredBackup, backup, restore } from './backup.js';
import { addMissingColumns } from './added-columns.js';
import { findDuplicates } from './duplicates.js';
import {
  type Context,
  type EntryRef,
  findByNumber,
  getEntry,
  type ListFilter,
  listEntries,
  type RegisterInput,
  type Registered,
  register,
} from './entries.js';
import { exportHandover, type HandoverResult } from './handover.js';
import type { HandoverLtvOptions } from './handover-ltv.js';
import {
  type AssignInput,
  assign,
  changeState,
  type OverdueEntry,
  overdue,
  overdueByUnit,
  reinstate,
  type UnitOverdue,
} from './handling.js';
import {
  type IssueReservedInput,
  issueReserved,
  type Released,
  releaseNumber,
  type ReserveInput,
  reserveNumber,
} from './numbering.js';
import {
  addToRecord,
  type CreateRecordInput,
  closeRecord,
  createRecord,
  getRecord,
  importPlan,
  listPlan,
  listRecords,
  type RegistryRecord,
} from './records.js';
import { SCHEMA_VERSION, schemaStatements } from './schema.js';
import type { BookKind, Entry, EntryState, RegistryOptions } from './types.js';

/**
 * The registry as the daemon's handlers and the CLI use it: books, numbering, handling, records.
 * One instance per store connection; every method is safe to call concurrently.
 */
export class RegistryService {
  private readonly ctx: Context;

  private constructor(
    readonly store: SqlStore,
    options: RegistryOptions,
  ) {
    this.ctx = { ...options, now: options.now ?? Date.now };
  }

  /** Creates the tables when missing and checks the schema version. */
  static async open(store: SqlStore, options: RegistryOptions): Promise<RegistryService> {
    const own = checkOrganId(options.organId, 'lenient', 'registry.organId');
    if (!own.ok) throw new VanthuError('IDENTIFIER_INVALID', own.issues.map((i) => i.en).join('; '));
    await store.migrate([
      ...schemaStatements(store.kind),
      `INSERT INTO meta (key, value) VALUES ('schema_version', '${SCHEMA_VERSION}') ON CONFLICT DO NOTHING`,
      // Schema 1 → 2 only added entry_attachments, created above.
      "UPDATE meta SET value = '2' WHERE key = 'schema_version' AND value = '1'",
    ]);
    await addMissingColumns(store);
    const version = await first<{ value: string }>(
      store,
      "SELECT value FROM meta WHERE key = 'schema_version'",
    );
    if (Number(version?.value) !== SCHEMA_VERSION)
      throw new VanthuError(
        'STORE_UNAVAILABLE',
        `registry schema ${version?.value}, expected ${SCHEMA_VERSION}`,
      );
    return new RegistryService(store, options);
  }

  get organId(): string {
    return this.ctx.organId;
  }

  get context(): Readonly<Context> {
    return this.ctx;
  }

  registerIncoming(input: RegisterInput): Promise<Registered> {
    return register(this.store, this.ctx, 'incoming', input);
  }

  registerOutgoing(input: RegisterInput): Promise<Registered> {
    return register(this.store, this.ctx, 'outgoing', input);
  }

  /** The duplicate warning shown before saving (same số, ký hiệu, cơ quan ban hành, or DocumentId). */
  duplicates(kind: BookKind, fields: FieldObject, documentId?: string): Promise<Entry[]> {
    return findDuplicates(this.store, this.ctx.organId, kind, fields, documentId);
  }

  get(id: string): Promise<Entry> {
    return getEntry(this.store, this.ctx.organId, id);
  }

  byNumber(ref: EntryRef): Promise<Entry> {
    return findByNumber(this.store, this.ctx.organId, ref);
  }

  list(filter?: ListFilter): Promise<Entry[]> {
    return listEntries(this.store, this.ctx.organId, filter);
  }

  assign(id: string, input: AssignInput): Promise<Entry> {
    return assign(this.store, this.ctx, id, input);
  }

  setState(
    id: string,
    state: Extract<EntryState, 'in_progress' | 'done' | 'returned'>,
    options?: { reason?: string; author?: string },
  ): Promise<Entry> {
    return changeState(this.store, this.ctx, id, state, options);
  }

  /** Recall: the entry keeps its number and stays in the book as "đã thu hồi". */
  recall(id: string, reason: string, author?: string): Promise<Entry> {
    return changeState(this.store, this.ctx, id, 'recalled', { reason, ...(author ? { author } : {}) });
  }

  /** A refused recall (16): the entry is current again, in its handling state. */
  reinstate(id: string, state: EntryState, note: string): Promise<Entry> {
    return reinstate(this.store, this.ctx, id, state, note);
  }

  overdue(today?: string): Promise<OverdueEntry[]> {
    return overdue(this.store, this.ctx, today);
  }

  /** Điều 7.2: overdue assignments grouped by unit, each with its own deadline. */
  overdueByUnit(today?: string): Promise<UnitOverdue[]> {
    return overdueByUnit(this.store, this.ctx, today);
  }

  /** "Cấp số": the next number of an outgoing book, kept in the register until it is sealed or voided. */
  reserveNumber(input: ReserveInput): Promise<Entry> {
    return reserveNumber(this.store, this.ctx, input);
  }

  /** The sealed document kept under its reserved number (state issued). */
  issueReserved(id: string, input: IssueReservedInput): Promise<Entry> {
    return issueReserved(this.store, this.ctx, id, input);
  }

  /** A reserved number not used: given back when nothing was issued and it is the last, else voided. */
  releaseNumber(id: string, options: { reason: string; issued?: boolean }): Promise<Released> {
    return releaseNumber(this.store, this.ctx, id, options);
  }

  /** The entry registered from an inbox arrival, if any. */
  async byArrival(arrivalId: number): Promise<Entry | undefined> {
    const row = await first<{ id: string }>(
      this.store,
      'SELECT id FROM entries WHERE organ_id = ? AND arrival_id = ?',
      [this.ctx.organId, arrivalId],
    );
    return row ? this.get(row.id) : undefined;
  }

  /** Entry ids of the arrivals registered among `arrivalIds` (one query, for the inbox list). */
  async entryIdsOfArrivals(arrivalIds: readonly number[]): Promise<Map<number, string>> {
    if (arrivalIds.length === 0) return new Map();
    const rows = await this.store.all<{ id: string; arrival_id: number | string }>(
      `SELECT id, arrival_id FROM entries WHERE organ_id = ? AND arrival_id IN (${arrivalIds.map(() => '?').join(', ')})`,
      [this.ctx.organId, ...arrivalIds],
    );
    return new Map(rows.map((r) => [Number(r.arrival_id), r.id]));
  }

  importPlan(year: number, items: FieldObject[]): Promise<number> {
    return importPlan(this.store, this.ctx, year, items);
  }

  plan(year: number): Promise<FieldObject[]> {
    return listPlan(this.store, this.ctx, year);
  }

  createRecord(input: CreateRecordInput): Promise<RegistryRecord> {
    return createRecord(this.store, this.ctx, input);
  }

  record(idOrCode: string): Promise<RegistryRecord> {
    return getRecord(this.store, this.ctx, idOrCode);
  }

  records(year?: number): Promise<RegistryRecord[]> {
    return listRecords(this.store, this.ctx, year);
  }

  addToRecord(record: string, entryId: string): Promise<RegistryRecord> {
    return addToRecord(this.store, this.ctx, record, entryId);
  }

  closeRecord(record: string, options?: { endDate?: string; description?: string }): Promise<RegistryRecord> {
    return closeRecord(this.store, this.ctx, record, options);
  }

  /**
   * Exports a closed record for the archive: documents, metadata.xml, SHA256SUMS (zip or directory);
   * with `ltv`, every PDF is first extended to B-LTA and LTV.json lists each one's level.
   */
  async handover(record: string, out: string, ltv?: HandoverLtvOptions): Promise<HandoverResult> {
    return exportHandover(this.store, await this.record(record), out, ltv);
  }

  /** Consistent snapshot of every registry table and stored document, with checksums sealed by `key`. */
  backup(file: string, key: Uint8Array): Promise<BackupManifest> {
    return backup(this.store, file, key, this.ctx.now());
  }

  /** Authenticates and verifies the archive, then restores it (into an empty registry unless `replace`). */
  restore(file: string, options: { replace?: boolean } & BackupAuth): Promise<RestoredBackup> {
    return restore(this.store, file, options);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
