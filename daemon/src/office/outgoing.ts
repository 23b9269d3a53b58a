import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { sniffContentType } from '../exchange/edxml/attachments.js';
import { buildDocumentId } from '../exchange/edxml/document-id.js';
import type { Organization } from '../exchange/edxml/types.js';
import { headerOfEntry } from '../exchange/entry-header.js';
import type { DeliveryState } from '../exchange/queue/states.js';
import type { IssueReservedInput, Released, ReserveInput } from '../registry/index.js';
import { storedAttachments, storedFile } from '../registry/stored-file.js';
import type { Entry } from '../registry/types.js';
import type { OfficeActor } from './office.js';
import { assertStampMatches, type SealStamp, stampOfReservation } from './sealed-stamp.js';
import { audited, refused } from './transition.js';

export type { SealStamp } from './sealed-stamp.js';

/** draft → numbered: the next number of the chosen book and type, reserved in the register. */
export function reserveNumber(actor: OfficeActor, input: ReserveInput): Promise<Entry> {
  return audited(actor, 'outgoing.reserve', `book "${input.series ?? ''}" ${input.codeNotation}`, async () =>
    (await actor.office.registry()).reserveNumber(input),
  );
}

/**
 * The number and date the seal stamps for a reservation still open (the sign request's
 * `reservationId`): the number never travels as free text.
 */
export async function reservedStamp(
  actor: Pick<OfficeActor, 'office'>,
  reservationId: string,
): Promise<SealStamp> {
  const reserved = await (await actor.office.registry()).get(reservationId);
  if (reserved.kind !== 'outgoing' || reserved.state !== 'reserved')
    throw refused('outgoing.seal', reserved.state, `entry ${reserved.id}`);
  return stampOfReservation(reserved);
}

export interface SealInput extends Omit<IssueReservedInput, 'file'> {
  /** The entry `reserveNumber` returned. */
  reservationId: string;
  fileName: string;
  /** Signs with the seal role, stamping `stamp`; returns the sealed PDF. */
  seal(stamp: SealStamp): Promise<Uint8Array>;
}

/**
 * signed → numbered → sealed: seals with the reserved number and today's date, then keeps the sealed
 * document under that number (issued). A seal that fails gives the number back (or voids it, with
 * the error as reason, when a later number was taken); a seal that succeeded but cannot be kept voids
 * the number with the reason, so the book never has an unexplained gap.
 */
export function sealAndRegister(actor: OfficeActor, input: SealInput): Promise<Entry> {
  return audited(
    actor,
    'outgoing.seal',
    `entry ${input.reservationId}`,
    async () => {
      const registry = await actor.office.registry();
      const reserved = await registry.get(input.reservationId);
      if (reserved.kind !== 'outgoing' || reserved.state !== 'reserved')
        throw refused('outgoing.seal', reserved.state, `entry ${reserved.id}`);
      const stamp = stampOfReservation(reserved);
      let sealed: Uint8Array;
      try {
        sealed = await input.seal(stamp);
      } catch (error) {
        await releaseAfterFailure(actor, reserved.id, error, false);
        throw error;
      }
      const { reservationId: _, fileName, seal: __, ...rest } = input;
      try {
        return await registry.issueReserved(reserved.id, {
          ...rest,
          file: { name: fileName, bytes: sealed },
        });
      } catch (error) {
        await releaseAfterFailure(actor, reserved.id, error, true);
        throw error;
      }
    },
    (e) => e.file?.sha256,
  );
}

async function releaseAfterFailure(actor: OfficeActor, id: string, error: unknown, issued: boolean) {
  const e = toVanthuError(error);
  await releaseNumber(actor, id, `${issued ? 'Không vào sổ được' : 'Đóng dấu không thành công'}: ${e.code}`, {
    issued,
  });
}

/** A reserved number not used: given back, or voided with the reason. */
export function releaseNumber(
  actor: OfficeActor,
  id: string,
  reason: string,
  options: { issued?: boolean } = {},
): Promise<Released> {
  return audited(actor, 'outgoing.release', `entry ${id}`, async () =>
    (await actor.office.registry()).releaseNumber(id, { reason, ...options }),
  );
}

const passed = (r: VerifyResult, role: 'approver' | 'seal') =>
  r.signatures.some((s) => s.role === role && s.indication === 'TOTAL_PASSED');

/**
 * Only a document whose own verification shows a valid approver signature and a valid seal
 * signature leaves the office (NĐ30 Điều 10: the organisation's signature is the last step).
 */
export async function checkSignedForSending(actor: OfficeActor, pdf: Uint8Array): Promise<void> {
  const report = await actor.office.verify(pdf);
  const missing = (['approver', 'seal'] as const).filter((role) => !passed(report, role));
  if (missing.length > 0)
    throw new VanthuError(
      'OFFICE_NOT_SIGNED',
      `thiếu chữ ký hợp lệ: ${missing.map((r) => (r === 'approver' ? 'người có thẩm quyền' : 'con dấu cơ quan')).join(', ')}`,
      {
        missing,
        signatures: report.signatures.map((s) => ({ role: s.role, indication: s.indication })),
      },
    );
}

/** sealed → sent: the issued entry's document and phụ lục, one delivery per recipient. */
export function sendEntry(
  actor: OfficeActor,
  entryId: string,
  recipients: Organization[],
): Promise<{ packageId: string; documentId: string }> {
  return audited(actor, 'outgoing.send', `entry ${entryId}`, async () => {
    const registry = await actor.office.registry();
    const { service, self } = actor.office.exchange();
    const entry = await registry.get(entryId);
    if (entry.kind !== 'outgoing' || entry.state !== 'issued')
      throw refused('outgoing.send', entry.state, `entry ${entryId}`);
    const header = headerOfEntry(entry, self, recipients);
    const file = await storedFile(registry.store, entry);
    await checkSignedForSending(actor, file.bytes);
    // The main document first, then each phụ lục as a further attachment of the same package.
    const appendices = await storedAttachments(registry.store, entry);
    const packageId = service.sendDocument(header, [
      { contentId: 'vb1', name: file.name, contentType: 'application/pdf', data: file.bytes },
      ...appendices.map((a, i) => ({
        contentId: `pl${i + 1}`,
        name: a.name,
        contentType: sniffContentType(a.bytes) ?? 'application/octet-stream',
        ...(a.description ? { description: a.description } : {}),
        data: a.bytes,
      })),
    ]);
    return { packageId, documentId: header.documentId };
  });
}

/** The DocumentId an issued entry is sent under (the same one headerOfEntry writes). */
export function documentIdOf(entry: Entry, self: Organization): string | undefined {
  const f = entry.fields;
  if (typeof f['CodeNumber'] !== 'string' || typeof f['CodeNotation'] !== 'string') return undefined;
  if (typeof f['IssuedDate'] !== 'string') return undefined;
  return buildDocumentId(
    self.organId,
    f['IssuedDate'].replaceAll('-', '/'),
    f['CodeNumber'],
    f['CodeNotation'],
  );
}

export interface RecipientDelivery {
  recipient: string;
  state: DeliveryState;
  /** The last status the recipient sent (01–06, 15, 16). */
  receiverStatus: string | null;
  receiverStatusDescription: string | null;
}

/** Delivery state of each recipient of an issued entry (empty when it was never sent). */
export function deliveriesOf(actor: Pick<OfficeActor, 'office'>, entry: Entry): RecipientDelivery[] {
  if (entry.kind !== 'outgoing') return [];
  const { service, self } = actor.office.exchange();
  const documentId = documentIdOf(entry, self);
  if (!documentId) return [];
  return service.queue.packagesOfDocument(documentId).flatMap((p) =>
    p.deliveries.map((d) => ({
      recipient: d.recipient,
      state: d.state,
      receiverStatus: d.receiverStatus,
      receiverStatusDescription: d.receiverStatusDescription,
    })),
  );
}

/**
 * Recall of an entry. An issued document that was sent: 13 to every recipient (deliveries not yet on
 * the axis are cancelled), then the entry is marked. Any other entry is marked "đã thu hồi" only.
 */
export function recallEntry(
  actor: OfficeActor,
  entryId: string,
  reason: string,
  author?: string,
): Promise<{ entry: Entry; recipients: string[] }> {
  return audited(actor, 'outgoing.recall', `entry ${entryId}`, async () => {
    if (!reason.trim()) throw new VanthuError('INVALID_INPUT', 'a recall needs a reason');
    const registry = await actor.office.registry();
    const entry = await registry.get(entryId);
    if (entry.state === 'recalled' || entry.state === 'reserved' || entry.state === 'voided')
      throw refused('outgoing.recall', entry.state, `entry ${entryId}`);
    let recipients: string[] = [];
    if (entry.kind === 'outgoing' && deliveriesOfSafe(actor, entry).length > 0) {
      const { service, self, notify } = actor.office.exchange();
      recipients = service.recall(documentIdOf(entry, self)!, reason).recipients;
      notify();
    }
    return { entry: await registry.recall(entryId, reason, author), recipients };
  });
}

/** Deliveries, or none when this workstation has no exchange (a paper-only office). */
function deliveriesOfSafe(actor: OfficeActor, entry: Entry): RecipientDelivery[] {
  try {
    return deliveriesOf(actor, entry);
  } catch (error) {
    if (toVanthuError(error).code === 'NOT_SUPPORTED') return [];
    throw error;
  }
}

/**
 * The sealed document, sealed elsewhere (the extension's "Cấp số & đóng dấu" through the sign request),
 * kept under its reserved number. Its stamped số, ký hiệu and date must be the reservation's
 * (OFFICE_STAMP_MISMATCH). If it cannot be kept, the number is voided with the reason.
 */
export function registerSealed(
  actor: OfficeActor,
  reservationId: string,
  input: IssueReservedInput,
): Promise<Entry> {
  return audited(
    actor,
    'outgoing.seal',
    `entry ${reservationId}`,
    async () => {
      const registry = await actor.office.registry();
      const reserved = await registry.get(reservationId);
      if (reserved.kind !== 'outgoing' || reserved.state !== 'reserved')
        throw refused('outgoing.seal', reserved.state, `entry ${reserved.id}`);
      // Refused before anything is kept; the number stays reserved for the right document.
      assertStampMatches(input.file.bytes, stampOfReservation(reserved));
      try {
        return await registry.issueReserved(reserved.id, input);
      } catch (error) {
        // A duplicate warning is the clerk's to answer: the number stays reserved for the answer.
        if (toVanthuError(error).code !== 'REGISTRY_DUPLICATE')
          await releaseAfterFailure(actor, reserved.id, error, true);
        throw error;
      }
    },
    (e) => e.file?.sha256,
  );
}
