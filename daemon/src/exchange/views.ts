import type { QuarantinedItemView } from '@vanthu/shared/protocol/index';
import type { DeadlineState } from './inbox/deadlines.js';
import type { QuarantinedPackage } from './inbox/quarantine.js';
import type { Arrival } from './inbox/store.js';
import type { ArrivalVerification } from './inbox/verifier.js';
import type { Delivery, PackageRow } from './queue/store.js';

/** Outbox entry as the extension panel shows it (mirrors extension/src/ui/exchange/types.ts OutboxItem). */
export interface OutboxView {
  packageId: string;
  messageType: 'edoc' | 'status';
  documentId: string | null;
  subject: string | null;
  statusCode: string | null;
  createdAt: number;
  frozen: boolean;
  deliveries: Array<{
    recipient: string;
    state: Delivery['state'];
    attempts: number;
    nextAttemptAt?: number;
    receiverStatus: string | null;
    receiverStatusDescription: string | null;
    deadReason: string | null;
    lastError: string | null;
  }>;
}

export function toOutboxView(p: PackageRow & { deliveries: Delivery[] }): OutboxView {
  return {
    packageId: p.id,
    messageType: p.messageType,
    documentId: p.documentId,
    subject: p.subject,
    statusCode: p.statusCode,
    createdAt: p.createdAt,
    frozen: p.frozen,
    deliveries: p.deliveries.map((d) => ({
      recipient: d.recipient,
      state: d.state,
      attempts: d.attempts,
      ...(d.state === 'failed' ? { nextAttemptAt: d.nextAttemptAt } : {}),
      receiverStatus: d.receiverStatus,
      receiverStatusDescription: d.receiverStatusDescription,
      deadReason: d.deadReason,
      lastError: d.lastError,
    })),
  };
}

/** Inbox entry as the panel shows it (mirrors InboxItem); warnings stay in `vanthu inbox show`. */
export interface InboxView {
  id: number;
  from: string;
  documentId: string;
  code: string;
  subject: string;
  priority: number;
  bussinessDocType: number;
  state: Arrival['state'];
  receivedAt: number;
  lastStatusSent: string | null;
  recallReason: string | null;
  /** Set when the package cannot be used as sent; status 02 is offered with this reason. */
  defect: string | null;
  verification: Array<{ performed: boolean; valid?: boolean; summary?: string; reason?: string }>;
  deadline: DeadlineState | null;
}

export function toInboxView(a: Arrival & { deadline: DeadlineState | null }): InboxView {
  const verification = (Array.isArray(a.verification) ? (a.verification as ArrivalVerification[]) : []).map(
    (v) =>
      v.performed
        ? { performed: true, valid: v.valid, summary: v.summary }
        : { performed: false, reason: v.reason },
  );
  return {
    id: a.id,
    from: a.from,
    documentId: a.documentId,
    code: a.code,
    subject: a.subject,
    priority: a.priority,
    bussinessDocType: a.bussinessDocType,
    state: a.state,
    receivedAt: a.receivedAt,
    lastStatusSent: a.lastStatusSent,
    recallReason: a.recallReason,
    defect: a.defect,
    verification,
    deadline: a.deadline,
  };
}

/** A quarantined package as the exchange panel shows it (its bytes stay in the store). */
export function toQuarantinedView(q: QuarantinedPackage): QuarantinedItemView {
  return {
    id: q.id,
    axisDocId: q.axisDocId,
    messageType: q.messageType,
    from: q.from,
    code: q.code,
    reason: q.reason,
    size: q.size,
    at: q.at,
    retryable: q.kept,
  };
}
