import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { sha256HexSchema } from './common.js';

/**
 * Converts the DOCX draft that follows in binary frames to PDF (LibreOffice headless on the
 * workstation); the PDF comes back in binary frames. Điều 9.5: the draft becomes a PDF ≥ 1.4.
 */
export const documentConvertPayloadSchema = z.object({
  document: documentRefSchema,
});
export type DocumentConvertPayload = z.infer<typeof documentConvertPayloadSchema>;

export const documentConvertResultSchema = z.object({
  /** The PDF that follows in binary frames. */
  document: documentRefSchema.extend({ sha256: sha256HexSchema }),
  /** SHA-256 of the DOCX received. */
  inputSha256: sha256HexSchema,
  /** PDF version written, e.g. "1.7" (never below 1.4). */
  pdfVersion: z.string(),
  pageCount: z.number().int().nonnegative(),
  /** Fonts the pages use, every one embedded. */
  fontCount: z.number().int().nonnegative(),
});
export type DocumentConvertResult = z.infer<typeof documentConvertResultSchema>;
