import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { isoDateSchema, sha256HexSchema } from './common.js';

/**
 * Catalogue values keyed by tag (shared/src/domain catalogues); the daemon validates them against
 * the catalogue of the book, so the wire schema only bounds the shape.
 */
export const fieldValuesSchema = z.record(z.string().max(64), z.unknown());
export type FieldValues = z.infer<typeof fieldValuesSchema>;

export const bookKindSchema = z.enum(['incoming', 'outgoing']);
export type BookKindName = z.infer<typeof bookKindSchema>;

/** Handling states of a registry entry (the daemon's registry uses the same list). */
export const ENTRY_STATES = [
  'registered',
  'assigned',
  'in_progress',
  'done',
  'returned',
  'issued',
  'recalled',
  // A number taken from an outgoing book for "Cấp số & đóng dấu", before the sealed document is kept.
  'reserved',
  // A reserved number that was not used (sealing failed), kept with its reason: no silent gap.
  'voided',
] as const;
export const entryStateSchema = z.enum(ENTRY_STATES);

/** A validation finding on one field, in both languages (shared/src/domain FieldIssue). */
export const fieldIssueSchema = z.object({
  /** Tag path, e.g. "CodeNotation" or "SignerInfo.FullName". */
  path: z.string(),
  code: z.string(),
  vi: z.string(),
  en: z.string(),
});
export type FieldIssueView = z.infer<typeof fieldIssueSchema>;

/** One line of Ý kiến phân phối, chỉ đạo, trạng thái xử lý. */
export const directionSchema = z.object({
  seq: z.number().int(),
  /** ISO 8601, +07:00. */
  at: z.string(),
  author: z.string().optional(),
  kind: z.enum(['distribution', 'direction', 'status']),
  text: z.string().optional(),
  lead: z.string().optional(),
  coordinators: z.array(z.string()),
  dueDate: isoDateSchema.optional(),
  /** Điều 7.2: the lead and each cooperating unit or person with its own deadline. */
  assignees: z
    .array(
      z.object({
        unit: z.string(),
        role: z.enum(['lead', 'coordinator']),
        dueDate: isoDateSchema.optional(),
      }),
    )
    .optional(),
});

/** An entry of a book (số đến / số đi) with its catalogue fields, system ones included. */
export const registryEntrySchema = z
  .object({
    id: z.string(),
    kind: bookKindSchema,
    organId: z.string(),
    year: z.number().int(),
    series: z.string(),
    /** Số đến (incoming) or the number of số, ký hiệu (outgoing). */
    number: z.number().int().positive(),
    state: entryStateSchema,
    channel: z.enum(['electronic', 'paper']),
    /** ISO 8601, +07:00. */
    registeredAt: z.string(),
    fields: fieldValuesSchema,
    documentId: z.string().optional(),
    clerk: z.string().optional(),
    dueDate: isoDateSchema.optional(),
    file: z
      .object({
        name: z.string(),
        sha256: sha256HexSchema,
        size: z.number().int(),
        pages: z.number().int().optional(),
      })
      .optional(),
    /** Phụ lục and other attachment files after the main document. */
    attachments: z
      .array(
        z.object({
          seq: z.number().int().positive(),
          name: z.string(),
          sha256: sha256HexSchema,
          size: z.number().int(),
          pages: z.number().int().optional(),
          description: z.string().optional(),
        }),
      )
      .optional(),
    stateReason: z.string().optional(),
    directions: z.array(directionSchema),
    /** The inbox arrival an incoming entry was registered from. */
    arrivalId: z.number().int().optional(),
    /** Outgoing, sent: each recipient's delivery state and the last status it sent (registry.list). */
    deliveries: z
      .array(
        z.object({
          recipient: z.string(),
          state: z.string(),
          receiverStatus: z.string().nullable(),
          receiverStatusDescription: z.string().nullable(),
        }),
      )
      .optional(),
  })
  .loose();
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

/** Most phụ lục files one registration carries. */
export const MAX_ENTRY_ATTACHMENTS = 50;

/**
 * A phụ lục or other attachment file uploaded with a registration: its bytes follow the main
 * document's in the request's binary frames, in the order of the list.
 */
export const attachmentUploadSchema = z.object({
  document: documentRefSchema,
  name: z.string().trim().min(1).max(255),
  /** What the file is ("Phụ lục I: Danh sách đơn vị"). */
  description: z.string().max(500).optional(),
});
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;

/**
 * Registers a document in the incoming or outgoing book: the daemon validates the fields, checks
 * duplicates and assigns the next number of the year in one transaction. The PDF may follow in
 * binary frames (its page count becomes PageAmount; it is kept with the entry), then the phụ lục
 * files of `attachments`. For an arrival from the axis (`arrivalId`) the files come from its edXML
 * package instead: the main document is the attachment `mainAttachment` (default: the first PDF)
 * and every other attachment is kept as a phụ lục, in the package's order.
 */
export const registryRegisterPayloadSchema = z
  .object({
    kind: bookKindSchema,
    fields: fieldValuesSchema,
    channel: z.enum(['electronic', 'paper']).optional(),
    /** Book series ("" = the general book). */
    series: z.string().max(64).optional(),
    document: documentRefSchema.optional(),
    /** File name to keep with the document (default "document.pdf"). */
    fileName: z.string().min(1).max(255).optional(),
    /** edXML DocumentId when the document came through the axis. */
    documentId: z.string().max(100).optional(),
    clerk: z.string().max(200).optional(),
    /**
     * Register although the document is already in the book — same số/ký hiệu and sender, same
     * DocumentId, the same file (SHA-256) or the same signed draft already numbered: the clerk saw
     * REGISTRY_DUPLICATE and chose to keep it.
     */
    confirmDuplicate: z.boolean().optional(),
    /** Older name of `confirmDuplicate`, still read. */
    allowDuplicate: z.boolean().optional(),
    attachments: z.array(attachmentUploadSchema).max(MAX_ENTRY_ATTACHMENTS).optional(),
    /** Inbox arrival (exchange.inbox id) whose package supplies the document and its attachments. */
    arrivalId: z.number().int().positive().optional(),
    /** Index in the arrival's attachments of the main document (registry.prefill lists them). */
    mainAttachment: z.number().int().nonnegative().optional(),
    /**
     * Outgoing: the number registry.reserve gave; the sealed document is kept under it (its số, ký hiệu
     * and date are the reservation's). If it cannot be kept, the number is voided with the reason.
     */
    reservationId: z.string().min(1).max(64).optional(),
  })
  .refine((p) => p.reservationId === undefined || (p.kind === 'outgoing' && p.document !== undefined), {
    message: 'reservationId is for an outgoing document sent with the request',
  })
  .refine((p) => p.arrivalId === undefined || (p.document === undefined && p.attachments === undefined), {
    message: 'an arrival brings its own files: no document or attachments with arrivalId',
  })
  .refine((p) => p.mainAttachment === undefined || p.arrivalId !== undefined, {
    message: 'mainAttachment needs arrivalId',
  });
export type RegistryRegisterPayload = z.infer<typeof registryRegisterPayloadSchema>;

export const registryRegisterResultSchema = z.object({
  entry: registryEntrySchema,
  /** Irregular values accepted anyway (e.g. a lenient agency code). */
  warnings: z.array(fieldIssueSchema),
});
export type RegistryRegisterResult = z.infer<typeof registryRegisterResultSchema>;

/** Before saving: field problems and the entries this document would duplicate. */
export const registryCheckPayloadSchema = z.object({
  kind: bookKindSchema,
  fields: fieldValuesSchema,
  documentId: z.string().max(100).optional(),
});
export type RegistryCheckPayload = z.infer<typeof registryCheckPayloadSchema>;

export const registryCheckResultSchema = z.object({
  /** Problems that would refuse the registration. */
  issues: z.array(fieldIssueSchema),
  warnings: z.array(fieldIssueSchema),
  /** Same số, ký hiệu and cơ quan ban hành (or the same DocumentId) already in the book. */
  duplicates: z.array(registryEntrySchema),
});
export type RegistryCheckResult = z.infer<typeof registryCheckResultSchema>;

export const registryListPayloadSchema = z.object({
  kind: bookKindSchema.optional(),
  year: z.number().int().min(1900).max(9999).optional(),
  series: z.string().max(64).optional(),
  state: entryStateSchema.optional(),
  /** Registered on or after / on or before (YYYY-MM-DD). */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  limit: z.number().int().positive().max(1000).optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type RegistryListPayload = z.infer<typeof registryListPayloadSchema>;

export const registryListResultSchema = z.object({ entries: z.array(registryEntrySchema) });
export type RegistryListResult = z.infer<typeof registryListResultSchema>;

/** Ý kiến phân phối or chỉ đạo: lead, coordinators and a deadline (a date or working days). */
export const registryAssignPayloadSchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string().max(2000).optional(),
  kind: z.enum(['distribution', 'direction']).optional(),
  author: z.string().max(200).optional(),
  lead: z.string().max(200).optional(),
  coordinators: z.array(z.string().max(200)).max(50).optional(),
  dueDate: isoDateSchema.optional(),
  dueWorkingDays: z.number().int().positive().max(365).optional(),
  /**
   * Điều 7.2: the lead (at most one) and each cooperating unit or person, each with its own deadline;
   * `text` holds the director's instructions. When given, it supersedes `lead` and `coordinators`.
   */
  assignees: z
    .array(
      z.object({
        unit: z.string().trim().min(1).max(200),
        role: z.enum(['lead', 'coordinator']),
        dueDate: isoDateSchema.optional(),
      }),
    )
    .max(50)
    .optional(),
});
export type RegistryAssignPayload = z.infer<typeof registryAssignPayloadSchema>;

/** Recall ("đã thu hồi"): the entry keeps its number and stays in the book. */
export const registryRecallPayloadSchema = z.object({
  id: z.string().min(1).max(64),
  reason: z.string().min(1).max(2000),
  author: z.string().max(200).optional(),
});
export type RegistryRecallPayload = z.infer<typeof registryRecallPayloadSchema>;

export const registryEntryResultSchema = z.object({ entry: registryEntrySchema });

/**
 * "Cấp số": the next number of an outgoing book for the document type, reserved in the register with
 * today's date (Vietnam time). The seal stamps exactly `entry.fields.CodeNumber`/`CodeNotation` and
 * `IssuedDate`; the sealed PDF is then kept with registry.register `reservationId`.
 */
export const registryReservePayloadSchema = z.object({
  /** Book series ("" = the general book). */
  series: z.string().max(64).optional(),
  /** Ký hiệu of the document type, e.g. "QĐ-UBND". */
  codeNotation: z.string().trim().min(1).max(100),
  clerk: z.string().max(200).optional(),
});
export type RegistryReservePayload = z.infer<typeof registryReservePayloadSchema>;

/**
 * A reserved number that will not be used (the seal failed, the draft was withdrawn): given back when
 * nothing came after it, otherwise voided with the reason, so the book shows why it is missing.
 */
export const registryReleasePayloadSchema = z.object({
  id: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(2000),
});
export type RegistryReleasePayload = z.infer<typeof registryReleasePayloadSchema>;

export const registryReleaseResultSchema = z.object({
  outcome: z.enum(['given_back', 'voided']),
  entry: registryEntrySchema.optional(),
});
export type RegistryReleaseResult = z.infer<typeof registryReleaseResultSchema>;
export type RegistryEntryResult = z.infer<typeof registryEntryResultSchema>;
