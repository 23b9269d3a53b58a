import { AgencyDirectory } from './agencies.js';
import { VanthuError, isVanthuError } from '@vanthu/shared/errors/index';
import type { AckStatus, AxisAdapter, ReceivedItem } from './axis/types.js';
import { buildEdoc, buildStatus, type BuildOptions } from './edxml/build.js';
import type { StatusCode } from './edxml/constants.js';
import { formatTimestamp } from './edxml/dates.js';
import { parseDocumentId } from './edxml/document-id.js';
import { type ParseOptions, parseEdxml } from './edxml/parse.js';
import { arrivalContents } from './inbox/arrival-contents.js';
import type {
  Attachment,
  DocumentRef,
  EdocHeader,
  Organization,
  ParsedEdoc,
  StaffInfo,
  StatusPackage,
} from './edxml/types.js';
import { type DeadlineState, type WorkingCalendar, deadlineState } from './inbox/deadlines.js';
import { brief } from './brief.js';
import { type QuarantinedPackage, QuarantineStore } from './inbox/quarantine.js';
import { arrivalStateAfter, arrivalStateFor } from '../office/status-map.js';
import { type Arrival, InboxStore } from './inbox/store.js';
import {
  type ArrivalVerification,
  type ArrivalVerifier,
  verificationNotPerformed,
} from './inbox/verifier.js';
import { QueueStore, type QueueStoreOptions } from './queue/store.js';
import { QueueWorker, type WorkerOptions } from './queue/worker.js';

export interface ExchangeOptions {
  /** SQLite file of the exchange (queue + inbox), e.g. `<dataDir>/exchange.sqlite`. */
  dbFile: string;
  /** Absent for offline use (CLI): packages are queued and sent later by the daemon's worker. */
  adapter?: AxisAdapter;
  /** This agency, as written in From of the packages we send. */
  self: Organization;
  verifier?: ArrivalVerifier;
  /** 'accept': recalls are honoured at once (15, copy voided); 'ask': the clerk decides. */
  recallPolicy?: 'accept' | 'ask';
  calendar?: WorkingCalendar;
  now?: () => number;
  worker?: WorkerOptions;
  store?: QueueStoreOptions;
  /** Caps for arriving packages (size, ZIP size and ratio). */
  limits?: ParseOptions;
}

export interface PollResult {
  documents: number;
  statuses: number;
  duplicates: number;
  /**
   * Packages acknowledged to the axis as failed: set aside in the quarantine (`quarantineId`), or, for a
   * document whose header is readable but whose attachment is not, kept as an arrival that offers
   * status 02 with the reason (`arrivalId`).
   */
  refused: Array<{ docId: string; code: string; message: string; quarantineId?: number; arrivalId?: number }>;
}

/** What handling a quarantined package again came to. */
export type RetryOutcome =
  | { outcome: 'recorded' | 'duplicate' | 'status' }
  | { outcome: 'defective'; arrivalId: number; code: string; reason: string }
  | { outcome: 'quarantined'; code: string; reason: string };

/** Outcomes in inbox_seen that were acknowledged as failed (re-acknowledged the same way). */
const FAILED_OUTCOME = /^(refused|quarantined|defective)\b/;

/** The 02 reason offered for an arrival whose content could not be decoded. */
function refusalReason(defect: string): string {
  return `Gói tin không đọc được nội dung văn bản (${defect})`;
}

/**
 * Document exchange for one agency: outgoing packages through the durable queue, arrivals and statuses
 * from the axis, automatic receipt (01), the clerk's statuses, recall, update and replacement.
 */
export class ExchangeService {
  readonly queue: QueueStore;
  readonly inbox: InboxStore;
  /** Arrivals that could not be handled, kept with their reason. */
  readonly quarantine: QuarantineStore;
  /** The axis's agency list, cached for the recipient picker. */
  readonly agencies: AgencyDirectory;
  private readonly workerInstance: QueueWorker | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<unknown> | undefined;
  private readonly now: () => number;
  private readonly verifier: ArrivalVerifier;

  constructor(private readonly options: ExchangeOptions) {
    this.now = options.now ?? Date.now;
    this.queue = new QueueStore(options.dbFile, { ...options.store, now: this.now });
    this.inbox = new InboxStore(this.queue.db);
    this.quarantine = new QuarantineStore(this.queue.db);
    this.agencies = new AgencyDirectory(this.queue.db);
    this.workerInstance = options.adapter
      ? new QueueWorker(this.queue, options.adapter, { now: this.now, ...options.worker })
      : undefined;
    this.verifier = options.verifier ?? verificationNotPerformed;
  }

  close() {
    this.queue.close();
  }

  /** The queue worker; only with an axis adapter. */
  get worker(): QueueWorker {
    if (!this.workerInstance) throw new VanthuError('NOT_SUPPORTED', 'no exchange axis is configured');
    return this.workerInstance;
  }

  private get adapter(): AxisAdapter {
    if (!this.options.adapter) throw new VanthuError('NOT_SUPPORTED', 'no exchange axis is configured');
    return this.options.adapter;
  }

  /**
   * Daemon mode: the queue worker runs continuously and the inbox is polled every `pollSeconds`.
   * A failed poll (axis down) is reported through `onPollError` and tried again at the next tick.
   */
  start(
    pollSeconds = 60,
    onPollError: (error: unknown) => void = () => {},
    onPolled: (result: PollResult) => void = () => {},
  ): void {
    this.worker.start();
    const tick = () => {
      if (this.polling) return;
      this.polling = this.pollOnce()
        .then(onPolled)
        .catch(onPollError)
        .finally(() => {
          this.polling = undefined;
        });
    };
    tick();
    this.pollTimer = setInterval(tick, Math.max(0.05, pollSeconds) * 1000);
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = undefined;
    await this.polling;
    await this.workerInstance?.stop();
  }

  /** Fetches the axis's agency list and replaces the cache with it. */
  async refreshAgencies(signal?: AbortSignal) {
    const list = await this.adapter.listAgencies(signal);
    return this.agencies.replace(list, this.now());
  }

  // ---------- sending ----------

  /** Builds the package (strict) and queues one delivery per recipient. Returns the package id. */
  sendDocument(
    header: EdocHeader,
    attachments: Attachment[],
    opts: BuildOptions & { packageId?: string } = {},
  ): string {
    if (header.from.organId !== this.options.self.organId)
      throw new VanthuError(
        'EDXML_INVALID',
        `From ${header.from.organId} is not this agency (${this.options.self.organId})`,
      );
    const withTrace: EdocHeader = header.traces.length
      ? header
      : {
          ...header,
          traces: [{ organId: header.from.organId, timestamp: formatTimestamp(new Date(this.now())) }],
        };
    const xml = new TextEncoder().encode(buildEdoc(withTrace, attachments, opts));
    const id = this.queue.enqueue({
      ...(opts.packageId ? { packageId: opts.packageId } : {}),
      messageType: 'edoc',
      from: header.from.organId,
      recipients: header.to.map((t) => t.organId),
      xml,
      documentId: header.documentId,
      subject: header.subject,
    });
    this.workerInstance?.notify();
    return id;
  }

  private enqueueStatus(
    to: string,
    ref: DocumentRef,
    code: StatusCode,
    description?: string,
    staff?: StaffInfo,
    packageId?: string,
  ): string {
    const status: StatusPackage = {
      responseFor: ref,
      from: this.options.self,
      statusCode: code,
      timestamp: formatTimestamp(new Date(this.now())),
    };
    if (description) status.description = description;
    if (staff) status.staffInfo = staff;
    const xml = new TextEncoder().encode(buildStatus(status));
    const id = this.queue.enqueue({
      ...(packageId ? { packageId } : {}),
      messageType: 'status',
      from: this.options.self.organId,
      recipients: [to],
      xml,
      documentId: ref.documentId,
      statusCode: code,
    });
    this.inbox.logStatus('out', ref.documentId, to, code, description, this.now());
    this.workerInstance?.notify();
    return id;
  }

  private refFor(arrival: Arrival): DocumentRef {
    const parts = parseDocumentId(arrival.documentId);
    return {
      organId: arrival.from,
      code: arrival.code,
      promulgationDate: parts?.date ?? '',
      documentId: arrival.documentId,
    };
  }

  /**
   * The clerk's answer to an arrival: 02 (with a reason), 03, 04, 05 or 06. A `packageId` makes the
   * status idempotent: queued again under the same id, it is not sent twice.
   */
  sendStatus(
    arrivalId: number,
    code: StatusCode,
    reason?: string,
    staff?: StaffInfo,
    packageId?: string,
  ): string {
    const arrival = this.inbox.get(arrivalId);
    if (!arrival) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${arrivalId}`);
    const next = arrivalStateFor(code);
    if (!next) throw new VanthuError('INVALID_INPUT', `status ${code} is not a clerk's answer (02–06)`);
    // A package that cannot be used as sent carries its own reason for 02.
    const description =
      code === '02' && !reason?.trim() && arrival.defect ? refusalReason(arrival.defect) : reason;
    if (code === '02' && !description?.trim())
      throw new VanthuError('EDXML_INVALID', 'status 02 (refused) requires a reason');
    if (arrival.state === 'voided') throw new VanthuError('QUEUE_STATE', 'the document was recalled');
    return this.atomically(() => {
      const id = this.enqueueStatus(arrival.from, this.refFor(arrival), code, description, staff, packageId);
      this.inbox.setState(arrivalId, next, code);
      return id;
    });
  }

  /** One transaction around several store changes (nested calls become savepoints). */
  private atomically<T>(fn: () => T): T {
    return this.queue.db.transaction(fn).immediate();
  }

  /**
   * Sender's recall of an issued document: deliveries not yet on the axis are cancelled, the others get
   * status 13 with the reason, and our copy is frozen (kept, read-only, marked recalled).
   */
  recall(documentId: string, reason: string): { recipients: string[]; cancelled: number } {
    if (!reason.trim()) throw new VanthuError('INVALID_INPUT', 'a recall needs a reason');
    const parts = parseDocumentId(documentId);
    if (!parts) throw new VanthuError('EDXML_INVALID', `DocumentId "${documentId}"`);
    const packages = this.queue.packagesOfDocument(documentId);
    if (packages.length === 0) throw new VanthuError('QUEUE_NOT_FOUND', documentId);
    const ref: DocumentRef = {
      organId: parts.organId,
      code: `${parts.codeNumber}/${parts.codeNotation}`,
      promulgationDate: parts.date,
      documentId,
    };
    return this.atomically(() => {
      const recipients = new Set<string>();
      let cancelled = 0;
      for (const p of packages) {
        for (const d of p.deliveries) {
          if (['queued', 'failed', 'dead'].includes(d.state))
            cancelled += this.queue.cancel(p.id, d.recipient);
          else if (d.state !== 'cancelled') recipients.add(d.recipient);
        }
      }
      for (const to of recipients) this.enqueueStatus(to, ref, '13', reason);
      this.queue.freezePackagesOf(documentId);
      return { recipients: [...recipients], cancelled };
    });
  }

  /** The clerk's decision on a recall received under the 'ask' policy. */
  answerRecall(arrivalId: number, accept: boolean, reason?: string): string {
    const arrival = this.inbox.get(arrivalId);
    if (arrival?.state !== 'recall_requested')
      throw new VanthuError('QUEUE_STATE', `arrival ${arrivalId} has no pending recall`);
    return this.atomically(() => this.applyRecall(arrival, accept, reason));
  }

  private applyRecall(arrival: Arrival, accept: boolean, reason?: string): string {
    if (accept) this.inbox.void(arrival.id);
    const id = this.enqueueStatus(arrival.from, this.refFor(arrival), accept ? '15' : '16', reason);
    // A refused recall leaves the document where its handling was (the last status we sent).
    this.inbox.setState(
      arrival.id,
      accept ? 'voided' : arrivalStateAfter(arrival.lastStatusSent),
      accept ? '15' : '16',
    );
    return id;
  }

  private receiveRecall(from: string, targetDocumentId: string, reason: string | undefined) {
    const targets = this.inbox
      .findByDocument(targetDocumentId, from)
      .filter((a) => a.bussinessDocType === 0 && a.state !== 'voided');
    if (targets.length === 0) {
      const parts = parseDocumentId(targetDocumentId);
      const ref: DocumentRef = {
        organId: from,
        code: parts ? `${parts.codeNumber}/${parts.codeNotation}` : '',
        promulgationDate: parts?.date ?? '',
        documentId: targetDocumentId,
      };
      this.enqueueStatus(from, ref, '16', 'Không tìm thấy văn bản được thu hồi tại nơi nhận');
      return;
    }
    for (const t of targets) {
      if (this.options.recallPolicy === 'ask') {
        this.inbox.requestRecall(t.id, reason);
      } else {
        this.applyRecall(t, true, reason);
      }
    }
  }

  // ---------- receiving ----------

  private async verify(parsed: ParsedEdoc): Promise<ArrivalVerification[]> {
    const out: ArrivalVerification[] = [];
    for (const a of parsed.attachments) {
      if (a.contentType !== 'application/pdf') continue;
      try {
        out.push(await this.verifier(a.data, a.name));
      } catch (error) {
        out.push({ performed: false, reason: `verification failed to run: ${(error as Error).message}` });
      }
    }
    return out;
  }

  /**
   * One inbox round: fetch every pending document and status, record it, answer 01, acknowledge. A
   * package that cannot be handled never stops the round: it is set aside (quarantine, or a defective
   * arrival offering 02), acknowledged as failed, and the next one is handled. Only the axis itself
   * failing (listing, fetching, acknowledging) ends the round, to be tried again at the next poll.
   */
  async pollOnce(): Promise<PollResult> {
    const result: PollResult = { documents: 0, statuses: 0, duplicates: 0, refused: [] };
    const items = await this.adapter.listReceived();
    for (const item of items) {
      const seen = this.inbox.seenOutcome(item.docId);
      if (seen !== undefined) {
        // Handled before a crash or a lost acknowledgement: acknowledge again, the same way.
        await this.adapter.ack(item.docId, FAILED_OUTCOME.test(seen) ? 'fail' : 'done');
        continue;
      }
      const bytes = await this.adapter.fetch(item.docId);
      await this.adapter.ack(item.docId, await this.handleArrival(item, bytes, result));
    }
    return result;
  }

  /**
   * Handles a quarantined package again from its stored bytes (after an upgrade or a configuration
   * fix): recorded, it leaves the quarantine (a document gets its 01 as any arrival does); refused
   * again, it stays with the new reason. The axis was answered when it arrived and is not asked again.
   */
  async retryQuarantined(id: number): Promise<RetryOutcome> {
    const q = this.quarantine.get(id);
    if (!q) throw new VanthuError('QUEUE_NOT_FOUND', `quarantined package ${id}`);
    const bytes = this.quarantine.xml(id);
    if (!bytes)
      throw new VanthuError(
        'INVALID_INPUT',
        `quarantined package ${id}: its content was not kept (${q.code}), it cannot be handled again`,
      );
    const result: PollResult = { documents: 0, statuses: 0, duplicates: 0, refused: [] };
    this.inbox.forgetSeen(q.axisDocId);
    await this.handleArrival({ docId: q.axisDocId, messageType: q.messageType, from: q.from }, bytes, result);
    const refused = result.refused[0];
    if (refused?.quarantineId !== undefined)
      return { outcome: 'quarantined', code: refused.code, reason: refused.message };
    this.quarantine.remove(id);
    if (refused?.arrivalId !== undefined)
      return {
        outcome: 'defective',
        arrivalId: refused.arrivalId,
        code: refused.code,
        reason: refused.message,
      };
    if (result.statuses > 0) return { outcome: 'status' };
    return { outcome: result.duplicates > 0 ? 'duplicate' : 'recorded' };
  }

  /** Handles one fetched package; never throws for what the package contains. */
  private async handleArrival(item: ReceivedItem, bytes: Uint8Array, result: PollResult): Promise<AckStatus> {
    try {
      const parsed = parseEdxml(bytes, { ...this.options.limits, keepDefective: true });
      if (parsed.kind === 'status') {
        this.receiveStatus(item.docId, parsed.status);
        result.statuses += 1;
        return 'done';
      }
      if (parsed.defects.length > 0 && parsed.header.bussiness.bussinessDocType !== 1) {
        const arrivalId = this.receiveDefective(item.docId, parsed, bytes);
        const d = parsed.defects[0]!;
        result.refused.push({
          docId: item.docId,
          code: d.code,
          message: brief(`${d.path}: ${d.message}`),
          arrivalId,
        });
        return 'fail';
      }
      const verification = await this.verify(parsed);
      if (this.receiveDocument(item.docId, parsed, bytes, verification)) result.documents += 1;
      else result.duplicates += 1;
      return 'done';
    } catch (error) {
      const q = this.setAside(item, bytes, error);
      result.refused.push({ docId: item.docId, code: q.code, message: q.reason, quarantineId: q.id });
      return 'fail';
    }
  }

  /** Quarantines a package the inbox could not handle, with the error as its reason. */
  private setAside(item: ReceivedItem, bytes: Uint8Array, error: unknown): QuarantinedPackage {
    const typed = isVanthuError(error);
    const code = typed ? error.code : 'INTERNAL';
    const reason = brief(
      typed
        ? error.message
        : `${(error as Error)?.name ?? 'Error'}: ${(error as Error)?.message ?? String(error)}`,
    );
    const at = this.now();
    return this.atomically(() => {
      this.inbox.markSeen(item.docId, item.messageType, `quarantined ${code}: ${reason}`, at);
      return this.quarantine.add({
        axisDocId: item.docId,
        messageType: item.messageType,
        from: item.from,
        code,
        reason,
        // A document marked secret must not be kept on this machine, not even set aside.
        xml: code === 'SECRET_DOCUMENT_REFUSED' ? undefined : bytes,
        size: bytes.length,
        at,
      });
    });
  }

  /**
   * A document whose header is readable but whose content is not: kept as an arrival carrying the
   * reason, with no receipt (01), so the clerk can answer 02 (Từ chối tiếp nhận) to the sender.
   */
  private receiveDefective(axisDocId: string, p: ParsedEdoc, xml: Uint8Array): number {
    const h = p.header;
    const defect = brief(p.defects.map((d) => `${d.path}: ${d.message}`).join('; '));
    return this.atomically(() => {
      const arrival = this.inbox.insert({ ...this.arrivalOf(axisDocId, p, xml), verification: [], defect });
      this.inbox.markSeen(axisDocId, 'edoc', `defective: ${defect}`, this.now());
      return arrival?.id ?? this.inbox.findByDocument(h.documentId, h.from.organId)[0]?.id ?? 0;
    });
  }

  /** The inbox row of a document package as it arrives, before its checks. */
  private arrivalOf(axisDocId: string, p: ParsedEdoc, xml: Uint8Array) {
    const h = p.header;
    return {
      axisDocId,
      from: h.from.organId,
      documentId: h.documentId,
      subject: h.subject,
      code: `${h.codeNumber}/${h.codeNotation}`,
      priority: h.priority,
      bussinessDocType: h.bussiness.bussinessDocType,
      targetDocumentId: h.bussiness.documentId ?? null,
      state: 'arrived' as const,
      receivedAt: this.now(),
      warnings: p.warnings,
      xml,
      // Parsed once, here: the register reads the header and files from these columns.
      contents: arrivalContents(p.header, p.attachments),
    };
  }

  private receiveStatus(axisDocId: string, s: StatusPackage) {
    const tx = this.queue.db.transaction(() => {
      const from = s.from.organId;
      this.inbox.logStatus('in', s.responseFor.documentId, from, s.statusCode, s.description, this.now());
      if (s.statusCode === '13') this.receiveRecall(from, s.responseFor.documentId, s.description);
      else this.queue.recordReceiverStatus(s.responseFor.documentId, from, s.statusCode, s.description);
      this.inbox.markSeen(axisDocId, 'status', `status ${s.statusCode}`, this.now());
    });
    tx.immediate();
  }

  /** Records a document (new, recall, update, replacement). Returns false for a duplicate. */
  private receiveDocument(
    axisDocId: string,
    p: ParsedEdoc,
    xml: Uint8Array,
    verification: ArrivalVerification[],
  ): boolean {
    const h = p.header;
    const b = h.bussiness;
    const tx = this.queue.db.transaction((): boolean => {
      if (b.bussinessDocType === 1) {
        this.receiveRecall(h.from.organId, b.documentId ?? h.documentId, b.bussinessDocReason);
        this.inbox.markSeen(axisDocId, 'edoc', 'recall', this.now());
        return true;
      }
      // A corrected package supersedes the defective one the sender was told about (02).
      for (const stale of this.inbox.findByDocument(h.documentId, h.from.organId))
        if (stale.defect && stale.bussinessDocType === b.bussinessDocType)
          this.inbox.removeDefective(stale.id);
      const arrival = this.inbox.insert({ ...this.arrivalOf(axisDocId, p, xml), verification });
      this.inbox.markSeen(axisDocId, 'edoc', arrival ? 'recorded' : 'duplicate', this.now());
      if (!arrival) return false;
      const targets =
        b.bussinessDocType === 3
          ? [
              ...(b.replacementInfoList ?? []).map((r) => r.documentId),
              ...(b.documentId ? [b.documentId] : []),
            ]
          : b.bussinessDocType === 2 && b.documentId
            ? [b.documentId]
            : [];
      for (const target of targets) {
        for (const old of this.inbox.findByDocument(target, h.from.organId)) {
          if (old.id !== arrival.id && old.state !== 'voided')
            this.inbox.setState(old.id, b.bussinessDocType === 3 ? 'replaced' : 'updated');
        }
      }
      // Receipt notice the same day (NĐ30 21.2.c): status 01, keyed so a crash never sends it twice.
      this.enqueueStatus(
        h.from.organId,
        this.refFor(arrival),
        '01',
        undefined,
        undefined,
        `status-01-${axisDocId}`,
      );
      this.inbox.setState(arrival.id, 'arrived', '01');
      return true;
    });
    return tx.immediate();
  }

  /** Arrivals with their deadline state (overdue when not yet registered in time). */
  listInbox(limit = 200): Array<Arrival & { deadline: DeadlineState | null }> {
    const now = this.now();
    return this.inbox.list(limit).map((a) => ({
      ...a,
      deadline:
        a.state === 'arrived' || a.state === 'recall_requested'
          ? deadlineState(a.receivedAt, a.priority, now, this.options.calendar)
          : null,
    }));
  }
}
