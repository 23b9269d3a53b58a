import { z } from 'zod';
import { documentRefSchema } from '../envelope.js';
import { sha256HexSchema } from './common.js';
import { bookKindSchema } from './registry.js';

/**
 * The printed register book (Sổ đăng ký văn bản đến / đi, NĐ30 PL IV) of one book and year: the
 * same PDF as `vanthu report incoming|outgoing --year Y -o OUT.pdf`, sent back in binary frames.
 */
export const registryReportPayloadSchema = z.object({
  kind: bookKindSchema,
  year: z.number().int().min(1900).max(9999),
  /** A book's own series ("" or absent = the general book). */
  series: z.string().max(64).optional(),
});
export type RegistryReportPayload = z.infer<typeof registryReportPayloadSchema>;

export const registryReportResultSchema = z.object({
  /** The PDF that follows in binary frames. */
  document: documentRefSchema.extend({ sha256: sha256HexSchema }),
  /** A file name for saving it, e.g. "so-van-ban-den-2026.pdf". */
  name: z.string(),
  /** Entries printed (rows of the book). */
  rows: z.number().int().nonnegative(),
  pages: z.number().int().positive(),
});
export type RegistryReportResult = z.infer<typeof registryReportResultSchema>;
