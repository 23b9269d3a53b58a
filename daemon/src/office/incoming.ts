import type { FieldObject } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { Arrival } from '../exchange/inbox/store.js';
import type { AssignInput } from '../registry/handling.js';
import type { Registered } from '../registry/index.js';
import type { Channel, Entry, EntryState } from '../registry/types.js';
import { arrivalFiles } from './arrival-files.js';
import type { Office, OfficeActor } from './office.js';
import { CLERK_STATUSES, type ClerkStatus, entryStateAfter } from './status-map.js';
import { audited, refused, type Step } from './transition.js';

export interface RegisterArrivalInput {
  arrivalId: number;
  fields: FieldObject;
  /** Which attachment is the document (default: the first PDF). */
  mainAttachment?: number;
  series?: string;
  channel?: Channel;
  clerk?: string;
  /** Register even though the same document is already in the book (the clerk answered the warning). */
  confirmDuplicate?: boolean;
}

function arrivalOf(office: Office, arrivalId: number): Arrival {
  const arrival = office.exchange().service.inbox.get(arrivalId);
  if (!arrival) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${arrivalId}`);
  return arrival;
}

/**
 * Queues the status of a step for the arrival's sender. Keyed by the arrival's axis id and the code,
 * so a step taken again (after a crash between the register and the queue) never sends it twice.
 */
function queueStatus(office: Office, arrival: Arrival, code: ClerkStatus, reason?: string): void {
  const exchange = office.exchange();
  exchange.service.sendStatus(arrival.id, code, reason, undefined, `status-${code}-${arrival.axisDocId}`);
  exchange.notify();
}

/**
 * arrived → registered: the arrival's document goes into the incoming book, linked to the arrival,
 * and 03 is queued for the sender. Registering an arrival already in the book only queues a 03 that a
 * crash left unsent; otherwise it is refused.
 */
export function registerArrival(actor: OfficeActor, input: RegisterArrivalInput): Promise<Registered> {
  const subject = `arrival ${input.arrivalId}`;
  return audited(
    actor,
    'incoming.register',
    subject,
    async () => {
      const registry = await actor.office.registry();
      const arrival = arrivalOf(actor.office, input.arrivalId);
      const existing = await registry.byArrival(arrival.id);
      if (existing) {
        if (arrival.state !== 'arrived') throw refused('incoming.register', existing.state, subject);
        queueStatus(actor.office, arrival, '03');
        return { entry: existing, warnings: [] };
      }
      if (arrival.state !== 'arrived' || arrival.defect)
        throw refused('incoming.register', arrival.defect ? 'refused' : arrival.state, subject);
      const files = arrivalFiles(actor.office, arrival.id, input.mainAttachment);
      const registered = await registry.registerIncoming({
        fields: input.fields,
        arrivalId: arrival.id,
        // The arrival's DocumentId stays with the entry (duplicate check, later statuses).
        documentId: files.header.documentId,
        ...(files.main ? { file: { name: files.main.name, bytes: files.main.bytes } } : {}),
        ...(files.others.length > 0 ? { attachments: files.others } : {}),
        ...(input.series !== undefined ? { series: input.series } : {}),
        ...(input.channel ? { channel: input.channel } : {}),
        ...(input.clerk ? { clerk: input.clerk } : {}),
        ...(input.confirmDuplicate ? { allowDuplicate: true } : {}),
      });
      queueStatus(actor.office, arrival, '03');
      return registered;
    },
    (r) => r.entry.file?.sha256,
  );
}

/** arrived → refused: status 02 with the reason; the arrival is not registered. */
export function refuseArrival(actor: OfficeActor, arrivalId: number, reason: string): Promise<string> {
  const subject = `arrival ${arrivalId}`;
  return audited(actor, 'incoming.refuse', subject, async () => {
    const arrival = arrivalOf(actor.office, arrivalId);
    if (!CLERK_STATUSES['02'].after.includes(arrival.state))
      throw refused('incoming.refuse', arrival.state, subject);
    const { service } = actor.office.exchange();
    // A defective package carries its own reason; any other refusal needs one.
    const id = service.sendStatus(
      arrivalId,
      '02',
      reason.trim() || undefined,
      undefined,
      `status-02-${arrival.axisDocId}`,
    );
    actor.office.exchange().notify();
    return id;
  });
}

/** Entry states each handling step may follow (a later status is never followed by an earlier one). */
const ENTRY_AFTER: Record<'04' | '05' | '06', readonly EntryState[]> = {
  // A new direction on an assigned entry is recorded; its 04 went out with the first one.
  '04': ['registered', 'assigned'],
  '05': ['registered', 'assigned'],
  '06': ['registered', 'assigned', 'in_progress'],
};

const STEP_OF: Record<'04' | '05' | '06', Step> = {
  '04': 'incoming.assign',
  '05': 'incoming.start',
  '06': 'incoming.complete',
};

/**
 * One handling step of an incoming entry: the register change, then its status to the sender when the
 * entry came through the exchange. Taken again after a crash that left the status unqueued, it only
 * queues the status.
 */
function handlingStep(
  actor: OfficeActor,
  code: '04' | '05' | '06',
  entryId: string,
  apply: () => Promise<Entry>,
): Promise<Entry> {
  const step = STEP_OF[code];
  return audited(
    actor,
    step,
    `entry ${entryId}`,
    async () => {
      const registry = await actor.office.registry();
      const entry = await registry.get(entryId);
      const target = CLERK_STATUSES[code];
      const arrival = entry.arrivalId === undefined ? undefined : arrivalOf(actor.office, entry.arrivalId);
      const statusMissing =
        arrival !== undefined && target.after.includes(arrival.state) && entry.state === target.entry;
      if (entry.kind !== 'incoming') throw refused(step, entry.state, `entry ${entryId}`);
      if (statusMissing && code !== '04') {
        queueStatus(actor.office, arrival, code);
        return entry;
      }
      if (!ENTRY_AFTER[code].includes(entry.state)) throw refused(step, entry.state, `entry ${entryId}`);
      const changed = await apply();
      if (arrival && target.after.includes(arrival.state)) queueStatus(actor.office, arrival, code);
      return changed;
    },
    (e) => e.file?.sha256,
  );
}

/** registered → assigned (04): Điều 7.2 lead, cooperating units, deadlines, the director's instructions. */
export function assignEntry(actor: OfficeActor, entryId: string, input: AssignInput): Promise<Entry> {
  return handlingStep(actor, '04', entryId, async () =>
    (await actor.office.registry()).assign(entryId, input),
  );
}

/** assigned → in progress (05). */
export function startHandling(actor: OfficeActor, entryId: string, author?: string): Promise<Entry> {
  return handlingStep(actor, '05', entryId, async () =>
    (await actor.office.registry()).setState(entryId, 'in_progress', author ? { author } : {}),
  );
}

/** in progress → completed (06). */
export function completeHandling(actor: OfficeActor, entryId: string, author?: string): Promise<Entry> {
  return handlingStep(actor, '06', entryId, async () =>
    (await actor.office.registry()).setState(entryId, 'done', author ? { author } : {}),
  );
}

const RECALL_REASON = 'Cơ quan gửi đề nghị thu hồi văn bản';

/**
 * A received recall (13) marks the entry of each recalled arrival "đã thu hồi": its PDF stays in the
 * register for the audit, no longer current. Idempotent: run after every inbox round.
 */
export async function markReceivedRecalls(office: Office, audit?: OfficeActor['audit']): Promise<Entry[]> {
  const { service } = office.exchange();
  const recalled = service.inbox
    .list(100_000)
    .filter((a) => a.state === 'recall_requested' || (a.state === 'voided' && a.lastStatusSent === '15'));
  if (recalled.length === 0) return [];
  const registry = await office.registry();
  const marked: Entry[] = [];
  for (const arrival of recalled) {
    const entry = await registry.byArrival(arrival.id);
    if (!entry || entry.state === 'recalled') continue;
    const reason = arrival.recallReason ? `${RECALL_REASON}: ${arrival.recallReason}` : RECALL_REASON;
    const run = () => registry.recall(entry.id, reason, arrival.from);
    marked.push(
      audit
        ? await audited({ office, audit, origin: 'axis' }, 'incoming.recalled', `entry ${entry.id}`, run)
        : await run(),
    );
  }
  return marked;
}

/**
 * The clerk's answer to a received recall: 15 (accepted, the copy is void) or 16 (refused, with the
 * reason; the entry is current again where its handling was).
 */
export function answerRecall(
  actor: OfficeActor,
  arrivalId: number,
  accept: boolean,
  reason?: string,
): Promise<string> {
  const subject = `arrival ${arrivalId}`;
  return audited(actor, 'incoming.answerRecall', subject, async () => {
    const arrival = arrivalOf(actor.office, arrivalId);
    if (arrival.state !== 'recall_requested') throw refused('incoming.answerRecall', arrival.state, subject);
    if (!accept && !reason?.trim())
      throw new VanthuError('INVALID_INPUT', 'refusing a recall (16) needs a reason');
    const registry = await actor.office.registry().catch(() => undefined);
    await markReceivedRecalls(actor.office, actor.audit).catch(() => undefined);
    const { service } = actor.office.exchange();
    const packageId = service.answerRecall(arrivalId, accept, reason);
    actor.office.exchange().notify();
    const entry = await registry?.byArrival(arrivalId);
    if (!accept && entry?.state === 'recalled')
      await registry!.reinstate(
        entry.id,
        entryStateAfter(arrival.lastStatusSent) ?? 'registered',
        `không đồng ý thu hồi (16): ${reason!.trim()}`,
      );
    return packageId;
  });
}

/**
 * A status asked for by code (exchange.status, `vanthu inbox status`): the same steps as above. An
 * arrival with a register entry moves with its entry; without a registry (an exchange-only
 * workstation) the status is still checked against the order and sent at most once.
 */
export async function arrivalStatus(
  actor: OfficeActor,
  arrivalId: number,
  code: ClerkStatus,
  reason?: string,
): Promise<string> {
  if (code === '02') return refuseArrival(actor, arrivalId, reason ?? '');
  const { step } = CLERK_STATUSES[code];
  const name = `incoming.${step}` as Step;
  const subject = `arrival ${arrivalId}`;
  const registry = await actor.office.registry().catch(() => undefined);
  const entry = await registry?.byArrival(arrivalId);
  if (entry) {
    if (code === '03') return (await registerArrival(actor, { arrivalId, fields: {} })).entry.id;
    // 04 carries the assignment itself: it is given with registry.assign.
    if (code === '04' && entry.state !== 'assigned') throw refused(name, entry.state, `entry ${entry.id}`);
    const moved =
      code === '04'
        ? await assignEntry(actor, entry.id, { text: reason ?? 'Phân công xử lý' })
        : code === '05'
          ? await startHandling(actor, entry.id)
          : await completeHandling(actor, entry.id);
    return moved.id;
  }
  return audited(actor, name, subject, async () => {
    const arrival = arrivalOf(actor.office, arrivalId);
    // With a register, an arrival is registered (03) and handled through its entry only.
    if (registry)
      throw refused(
        name,
        arrival.state,
        code === '03'
          ? `${subject}: vào sổ bằng registry.register với arrivalId`
          : `${subject} (chưa vào sổ)`,
      );
    if (!CLERK_STATUSES[code].after.includes(arrival.state)) throw refused(name, arrival.state, subject);
    const id = actor.office
      .exchange()
      .service.sendStatus(arrivalId, code, reason, undefined, `status-${code}-${arrival.axisDocId}`);
    actor.office.exchange().notify();
    return id;
  });
}
