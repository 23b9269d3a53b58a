import { z } from 'zod';
import { isoDateSchema } from './common.js';
import { fieldValuesSchema, registryEntrySchema } from './registry.js';

/** A record (hồ sơ) with its computed DocTotal and PageTotal and its documents in order. */
export const registryRecordSchema = z
  .object({
    id: z.string(),
    /** Mã hồ sơ: OrganId.FileCatalog.FileNotation. */
    code: z.string(),
    state: z.enum(['open', 'closed']),
    /** Created from the danh mục hồ sơ. */
    inPlan: z.boolean(),
    fields: fieldValuesSchema,
    documents: z.array(registryEntrySchema),
    createdAt: z.string(),
    closedAt: z.string().optional(),
  })
  .loose();
export type RegistryRecordView = z.infer<typeof registryRecordSchema>;

export const recordsListPayloadSchema = z.object({
  year: z.number().int().min(1900).max(9999).optional(),
});
export type RecordsListPayload = z.infer<typeof recordsListPayloadSchema>;

export const recordsListResultSchema = z.object({ records: z.array(registryRecordSchema) });
export type RecordsListResult = z.infer<typeof recordsListResultSchema>;

/**
 * Opens a record: from an item of the danh mục hồ sơ (`plan`, its FileNotation), or outside it
 * with Title, FileNotation, Maintenance, Creator and StartDate in `fields`.
 */
export const recordsCreatePayloadSchema = z.union([
  z.object({
    plan: z.string().min(1).max(20),
    year: z.number().int().min(1900).max(9999).optional(),
    fields: fieldValuesSchema.optional(),
  }),
  z.object({ fields: fieldValuesSchema }),
]);
export type RecordsCreatePayload = z.infer<typeof recordsCreatePayloadSchema>;

/** Files a registered document into an open record (its DocOrdinal is the next one). */
export const recordsAddPayloadSchema = z.object({
  /** Record id or mã hồ sơ. */
  record: z.string().min(1).max(64),
  entryId: z.string().min(1).max(64),
});
export type RecordsAddPayload = z.infer<typeof recordsAddPayloadSchema>;

export const recordsClosePayloadSchema = z.object({
  record: z.string().min(1).max(64),
  endDate: isoDateSchema.optional(),
  description: z.string().max(2000).optional(),
});
export type RecordsClosePayload = z.infer<typeof recordsClosePayloadSchema>;

export const recordResultSchema = z.object({ record: registryRecordSchema });
export type RecordResult = z.infer<typeof recordResultSchema>;
