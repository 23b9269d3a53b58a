import { z } from 'zod';

/** States of one delivery (package × recipient); the daemon's queue state machine uses the same list. */
export const DELIVERY_STATES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'acknowledged',
  'failed',
  'dead',
  'cancelled',
] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** One recipient of an outgoing package, with the last business status it sent back. */
export const outboxDeliverySchema = z.object({
  recipient: z.string(),
  state: deliveryStateSchema,
  attempts: z.number().int(),
  /** Epoch ms of the next attempt (state failed). */
  nextAttemptAt: z.number().optional(),
  /** Last status from the recipient: 01–06, 15, 16. */
  receiverStatus: z.string().nullable(),
  receiverStatusDescription: z.string().nullable(),
  deadReason: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** An outgoing package (document or status) with its deliveries (daemon/src/exchange/views.ts). */
export const outboxItemSchema = z.object({
  packageId: z.string(),
  messageType: z.enum(['edoc', 'status']),
  documentId: z.string().nullable(),
  subject: z.string().nullable(),
  statusCode: z.string().nullable(),
  /** Epoch ms. */
  createdAt: z.number(),
  /** Recalled: read-only. */
  frozen: z.boolean(),
  deliveries: z.array(outboxDeliverySchema),
});
export type OutboxItemView = z.infer<typeof outboxItemSchema>;

export const arrivalStateSchema = z.enum([
  'arrived',
  'refused',
  'registered',
  'assigned',
  'in_progress',
  'finished',
  'recall_requested',
  'voided',
  'updated',
  'replaced',
]);
export type ArrivalState = z.infer<typeof arrivalStateSchema>;

/** A document received through the axis, with its signature checks and receipt deadline. */
export const inboxItemSchema = z.object({
  id: z.number().int(),
  from: z.string(),
  documentId: z.string(),
  /** "số/ký hiệu". */
  code: z.string(),
  subject: z.string(),
  /** 0 Thường … 4 Hỏa tốc hẹn giờ. */
  priority: z.number().int(),
  /** 0 new, 1 recall, 2 update, 3 replacement. */
  bussinessDocType: z.number().int(),
  state: arrivalStateSchema,
  /** Epoch ms. */
  receivedAt: z.number(),
  lastStatusSent: z.string().nullable(),
  recallReason: z.string().nullable(),
  /** Why the package cannot be used as sent (an attachment that does not decode): 02 is offered. */
  defect: z.string().nullable().optional(),
  verification: z.array(
    z.object({
      performed: z.boolean(),
      valid: z.boolean().optional(),
      summary: z.string().optional(),
      reason: z.string().optional(),
    }),
  ),
  /** Receipt deadline (epoch ms) while the arrival waits for the clerk. */
  deadline: z.object({ dueAt: z.number(), overdue: z.boolean() }).loose().nullable(),
  /** The register entry of a registered arrival: assignment and handling go on its page. */
  entryId: z.string().optional(),
});
export type InboxItemView = z.infer<typeof inboxItemSchema>;

export const exchangeListPayloadSchema = z.object({
  limit: z.number().int().positive().max(1000).optional(),
});
export type ExchangeListPayload = z.infer<typeof exchangeListPayloadSchema>;

export const exchangeOutboxResultSchema = z.object({ items: z.array(outboxItemSchema) });
export type ExchangeOutboxResult = z.infer<typeof exchangeOutboxResultSchema>;
/** A package the inbox could not handle, set aside with its bytes (acknowledged to the axis as failed). */
export const quarantinedItemSchema = z.object({
  id: z.number().int(),
  axisDocId: z.string(),
  messageType: z.enum(['edoc', 'status']),
  /** Sender as the axis listed it (the package itself may be unreadable). */
  from: z.string(),
  /** Error code of the refusal (INTERNAL for a failure that was not a typed one). */
  code: z.string(),
  reason: z.string(),
  size: z.number().int(),
  /** Epoch ms it was set aside (last time). */
  at: z.number(),
  /** Its bytes were kept, so it can be handled again (not for a document too secret to store). */
  retryable: z.boolean(),
});
export type QuarantinedItemView = z.infer<typeof quarantinedItemSchema>;

export const exchangeInboxResultSchema = z.object({
  items: z.array(inboxItemSchema),
  /** Absent from daemons older than the quarantine view. */
  quarantined: z.array(quarantinedItemSchema).optional(),
});
export type ExchangeInboxResult = z.infer<typeof exchangeInboxResultSchema>;

/** Sends a registered outgoing document (its stored PDF) to other agencies through the axis. */
export const exchangeSendPayloadSchema = z.object({
  /** registry entry id of kind outgoing. */
  entryId: z.string().min(1).max(64),
  recipients: z
    .array(z.object({ organId: z.string().min(1).max(64), organName: z.string().max(200).optional() }))
    .min(1)
    .max(500),
});
export type ExchangeSendPayload = z.infer<typeof exchangeSendPayloadSchema>;

export const exchangeSendResultSchema = z.object({ packageId: z.string(), documentId: z.string() });
export type ExchangeSendResult = z.infer<typeof exchangeSendResultSchema>;

/** Retries failed or dead deliveries of a package (one recipient, or all of them). */
export const exchangeRetryPayloadSchema = z.object({
  packageId: z.string().min(1).max(100),
  recipient: z.string().max(64).optional(),
});
export type ExchangeRetryPayload = z.infer<typeof exchangeRetryPayloadSchema>;
/** Handles a quarantined package again from its stored bytes. */
export const exchangeQuarantineRetryPayloadSchema = z.object({ id: z.number().int().positive() });
export type ExchangeQuarantineRetryPayload = z.infer<typeof exchangeQuarantineRetryPayloadSchema>;
/**
 * recorded / duplicate / status: it left the quarantine; defective: it is an arrival that can only be
 * refused (02, reason given); quarantined: refused again, kept with the new code and reason.
 */
export const exchangeQuarantineRetryResultSchema = z.object({
  outcome: z.enum(['recorded', 'duplicate', 'status', 'defective', 'quarantined']),
  arrivalId: z.number().int().optional(),
  code: z.string().optional(),
  reason: z.string().optional(),
});
export type ExchangeQuarantineRetryResult = z.infer<typeof exchangeQuarantineRetryResultSchema>;

/** Cancels deliveries not yet on the axis. */
export const exchangeCancelPayloadSchema = exchangeRetryPayloadSchema;
export type ExchangeCancelPayload = ExchangeRetryPayload;

export const exchangeCountResultSchema = z.object({
  /** Deliveries that changed. */
  changed: z.number().int(),
});
export type ExchangeCountResult = z.infer<typeof exchangeCountResultSchema>;

/** Sender's recall (13) of an issued document; our copy is frozen. */
export const exchangeRecallPayloadSchema = z.object({
  documentId: z.string().min(1).max(100),
  reason: z.string().min(1).max(2000),
});
export type ExchangeRecallPayload = z.infer<typeof exchangeRecallPayloadSchema>;

export const exchangeRecallResultSchema = z.object({
  /** Recipients sent status 13. */
  recipients: z.array(z.string()),
  /** Deliveries cancelled before they reached the axis. */
  cancelled: z.number().int(),
});
export type ExchangeRecallResult = z.infer<typeof exchangeRecallResultSchema>;

/** The clerk's answer to an arrival: 02 (refused, a reason required) or 03–06. */
export const exchangeStatusPayloadSchema = z
  .object({
    arrivalId: z.number().int().positive(),
    code: z.enum(['02', '03', '04', '05', '06']),
    reason: z.string().max(2000).optional(),
  })
  .refine((p) => p.code !== '02' || (p.reason ?? '').trim().length > 0, {
    message: 'status 02 needs a reason',
    path: ['reason'],
  });
export type ExchangeStatusPayload = z.infer<typeof exchangeStatusPayloadSchema>;

/** Answers a recall received under the "ask" policy: accept (15, copy voided) or refuse (16). */
export const exchangeAnswerRecallPayloadSchema = z.object({
  arrivalId: z.number().int().positive(),
  accept: z.boolean(),
  reason: z.string().max(2000).optional(),
});
export type ExchangeAnswerRecallPayload = z.infer<typeof exchangeAnswerRecallPayloadSchema>;

export const exchangePackageResultSchema = z.object({ packageId: z.string() });
export type ExchangePackageResult = z.infer<typeof exchangePackageResultSchema>;

/** The recipient picker: search the cached agency list of the axis, refreshing it first on demand. */
export const exchangeAgenciesPayloadSchema = z.object({
  /** Words of the name or code, diacritics and case ignored; empty lists the first ones. */
  query: z.string().max(200).optional(),
  /** Fetch the list from the axis before searching (always done while the cache is empty). */
  refresh: z.boolean().optional(),
  limit: z.number().int().positive().max(500).optional(),
});
export type ExchangeAgenciesPayload = z.infer<typeof exchangeAgenciesPayloadSchema>;

export const agencyViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  parentCode: z.string().optional(),
  mail: z.string().optional(),
  /** The code has the QĐ20 shape (000.00.00.A00); irregular ones are offered with a warning. */
  regular: z.boolean(),
});
export type AgencyView = z.infer<typeof agencyViewSchema>;

export const exchangeAgenciesResultSchema = z.object({
  agencies: z.array(agencyViewSchema),
  /** Matches before the limit. */
  total: z.number().int(),
  /** Epoch ms of the list's last refresh from the axis (null: never fetched). */
  fetchedAt: z.number().nullable(),
  /** Agencies of the last refresh left out: their code is not a usable mã định danh. */
  skipped: z.number().int(),
});
export type ExchangeAgenciesResult = z.infer<typeof exchangeAgenciesResultSchema>;
