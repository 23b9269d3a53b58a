import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { rectSchema, sha256HexSchema } from './common.js';

/** Reads what the extension needs to place a signature or pre-fill a registration form. */
export const documentInspectPayloadSchema = z.object({
  document: documentRefSchema,
  /**
   * 1-based pages (negative counts from the end) whose text lines and anchors are returned;
   * default [1, -1]. At most 20 pages per request.
   */
  textPages: z.array(z.number().int()).max(20).optional(),
});
export type DocumentInspectPayload = z.infer<typeof documentInspectPayloadSchema>;

export const pageInfoSchema = z.object({
  /** 1-based page number. */
  number: z.number().int().positive(),
  /** Page size in PDF points (CropBox), before rotation. */
  width: z.number(),
  height: z.number(),
  /** /Rotate in degrees (0, 90, 180, 270). */
  rotate: z.number(),
});

export const fieldInfoSchema = z.object({
  /** Fully qualified field name. */
  name: z.string(),
  /** /FT: Sig, Tx, Btn, Ch; null when absent. */
  type: z.string().nullable(),
  /** For signature fields: true when the field already holds a signature. */
  signed: z.boolean().optional(),
});

export const anchorInfoSchema = z.object({
  page: z.number().int().positive(),
  /** Title line(s) that matched, e.g. "KT. CHỦ TỊCH". */
  title: z.string(),
  /** Signer's name line below the signing space, when found. */
  name: z.string().nullable(),
  /** The signing space between title and name, [x, y, w, h] in points. */
  rect: rectSchema,
});

export const textLineSchema = z.object({
  /** Baseline y in points from the bottom of the page. */
  y: z.number(),
  /** Left and right x of the line in points. */
  x0: z.number(),
  x1: z.number(),
  /** Font size in points. */
  size: z.number(),
  /** Unicode text, NFC. */
  text: z.string(),
});

export const documentInspectResultSchema = z.object({
  /** SHA-256 of the document bytes, lowercase hex. */
  sha256: sha256HexSchema,
  bytes: z.number().int().nonnegative(),
  /** Header version, e.g. "1.7". */
  pdfVersion: z.string(),
  pageCount: z.number().int().nonnegative(),
  pages: z.array(pageInfoSchema),
  fields: z.array(fieldInfoSchema),
  /** Number of signatures already present. */
  signatureCount: z.number().int().nonnegative(),
  anchors: z.array(anchorInfoSchema),
  /** Whether page 1 carries the "Số:" and date blanks that `sign --number/--date` fills. */
  placeholders: z.object({ number: z.boolean(), date: z.boolean() }),
  text: z.array(z.object({ page: z.number().int().positive(), lines: z.array(textLineSchema) })),
});
export type DocumentInspectResult = z.infer<typeof documentInspectResultSchema>;
