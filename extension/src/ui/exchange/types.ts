/** What the exchange panel shows; the daemon's `exchange.*` answers carry these shapes. */
export type Lang = 'vi' | 'en';

export type DeliveryState =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'acknowledged'
  | 'failed'
  | 'dead'
  | 'cancelled';

export interface OutboxDelivery {
  recipient: string;
  /** Recipient name from the agency catalogue, when known. */
  recipientName?: string;
  state: DeliveryState;
  attempts: number;
  /** Epoch ms of the next attempt (state failed). */
  nextAttemptAt?: number;
  /** Last business status from the recipient: 01–06, 15, 16. */
  receiverStatus?: string | null;
  receiverStatusDescription?: string | null;
  deadReason?: string | null;
  lastError?: string | null;
}

export interface OutboxItem {
  packageId: string;
  messageType: 'edoc' | 'status';
  documentId: string | null;
  subject: string | null;
  /** For status packages: the code sent. */
  statusCode?: string | null;
  /** Epoch ms. */
  createdAt: number;
  /** The document was recalled: read-only. */
  frozen: boolean;
  deliveries: OutboxDelivery[];
}

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

export interface ArrivalVerificationView {
  performed: boolean;
  valid?: boolean;
  summary?: string;
  reason?: string;
}

export interface InboxItem {
  id: number;
  from: string;
  fromName?: string;
  documentId: string;
  code: string;
  subject: string;
  /** 0 Thường … 4 Hỏa tốc hẹn giờ. */
  priority: number;
  /** 0 new, 1 recall, 2 update, 3 replacement. */
  bussinessDocType: number;
  state: ArrivalState;
  /** Epoch ms. */
  receivedAt: number;
  lastStatusSent: string | null;
  recallReason?: string | null;
  verification: ArrivalVerificationView[];
  /** Receipt deadline (epoch ms) while the arrival waits for the clerk. */
  deadline: { dueAt: number; overdue: boolean } | null;
}
