import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { indicationSchema } from './verify.js';
import { bookKindSchema, fieldValuesSchema } from './registry.js';

/**
 * Proposes catalogue values for a registration form from a document: the verified signatures
 * (signer, organisation, time), the PDF text (số, ký hiệu, ngày, trích yếu) and, for a document
 * that came through the axis, the edXML header. The PDF follows in binary frames, or is taken from
 * the inbox arrival `arrivalId`; at least one of the two is required.
 */
export const registryPrefillPayloadSchema = z
  .object({
    kind: bookKindSchema,
    document: documentRefSchema.optional(),
    /** Inbox arrival (exchange.inbox id) whose edXML header and attachment are used. */
    arrivalId: z.number().int().positive().optional(),
    /** Index in the arrival's attachments of the main document (default: the first PDF). */
    mainAttachment: z.number().int().nonnegative().optional(),
  })
  .refine((p) => p.document !== undefined || p.arrivalId !== undefined, {
    message: 'document or arrivalId is required',
  });
export type RegistryPrefillPayload = z.infer<typeof registryPrefillPayloadSchema>;

/** Where a proposed value came from (the edXML header wins over signatures, signatures over text). */
export const prefillSourceSchema = z.enum(['edxml', 'signature', 'text']);
export type PrefillSource = z.infer<typeof prefillSourceSchema>;

export const prefillSignatureSchema = z.object({
  commonName: z.string().nullable(),
  organization: z.string().nullable(),
  /** ISO 8601. */
  signingTime: z.string().nullable(),
  role: z.string(),
  indication: indicationSchema,
});

export const registryPrefillResultSchema = z.object({
  /** Proposed values by tag (the clerk reviews them before saving). */
  fields: fieldValuesSchema,
  /** Source of each proposed top-level tag. */
  sources: z.record(z.string(), prefillSourceSchema),
  /** Every signature of the document, as verified by the daemon. */
  signatures: z.array(prefillSignatureSchema),
  /** edXML DocumentId (document from the axis), to pass on to registry.register. */
  documentId: z.string().optional(),
  /** SHA-256 of the PDF the values were read from. */
  sha256: z.string().optional(),
  /** What could not be read (one line each, English). */
  notes: z.array(z.string()),
  /**
   * The arrival's files (arrivalId requests), in the package's order: `main` marks the one the
   * values were read from; registry.register keeps the others with the entry as phụ lục.
   */
  arrivalFiles: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        name: z.string(),
        contentType: z.string(),
        size: z.number().int().nonnegative(),
        description: z.string().optional(),
        main: z.boolean(),
      }),
    )
    .optional(),
});
export type RegistryPrefillResult = z.infer<typeof registryPrefillResultSchema>;
