import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';

export const indicationSchema = z.enum(['TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE']);

/** Verifies the document that follows in binary frames (same report as `vanthu verify --json`). */
export const verifyPayloadSchema = z.object({
  document: documentRefSchema,
  /** Extra trust anchors, PEM certificates (the daemon's trust store is always used). */
  trust: z.array(z.string().max(20_000)).max(20).optional(),
  policy: z.enum(['strict', 'standard']).optional(),
});
export type VerifyPayload = z.infer<typeof verifyPayloadSchema>;

export const signatureReportSchema = z
  .object({
    field: z.string(),
    role: z.enum(['approver', 'seal', 'attachment', 'copy', 'income', 'unknown']),
    subFilter: z.string().nullable(),
    signer: z
      .object({
        commonName: z.string().nullable().optional(),
        organization: z.string().nullable().optional(),
        serialNumber: z.string().nullable().optional(),
        issuer: z.string().nullable().optional(),
      })
      .nullable(),
    /** ISO 8601. */
    signingTime: z.string().nullable(),
    timestamp: z.unknown().nullable(),
    indication: indicationSchema,
    subIndication: z.string().nullable(),
    integrity: z.boolean(),
    coverage: z.enum(['ENTIRE_FILE', 'ENTIRE_REVISION', 'PARTIAL']),
    modificationsAfter: z.enum(['NONE', 'SIGNATURES_AND_FORMS', 'ANNOTATIONS', 'OTHER']),
    /** 1-based pages whose content changed after signing in a way that is not allowed. */
    changedPages: z.array(z.number().int()).optional(),
    chain: z.enum(['TRUSTED', 'UNTRUSTED', 'NO_CHAIN']),
    revocation: z.enum(['GOOD', 'REVOKED', 'UNKNOWN', 'NOT_CHECKED']),
    /** 1-based page and widget rectangle [x, y, w, h] in points (null when invisible). */
    page: z.number().int().nullable(),
    rect: z.array(z.number()).nullable(),
    warnings: z.array(z.string()),
    /** Why the signature is not TOTAL_PASSED, one technical line each (English). */
    errors: z.array(z.string()).optional(),
  })
  .loose();

/** The interfaces.md `vanthu verify --json` object; `file` is null for a document sent over the wire. */
export const verifyResultSchema = z
  .object({
    file: z.string().nullable(),
    /** SHA-256 of the document, lowercase hex. */
    sha256: z.string(),
    indication: indicationSchema,
    signatures: z.array(signatureReportSchema),
  })
  .loose();
export type VerifyResult = z.infer<typeof verifyResultSchema>;
