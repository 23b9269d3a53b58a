import { z } from 'zod';
import { PADES_LEVELS } from '../pdf/sign/options.js';

export { PADES_LEVELS, type PadesLevel } from '../pdf/sign/options.js';

/**
 * The `signing` section: the PAdES level the signing window proposes, and the office's TSA that
 * timestamps signatures at B-T and above (the window sends no TSA URL of its own).
 */
export const signingConfigSchema = z
  .object({
    /** Level pre-selected in the signing window ("Nâng cao"); the user may choose another. */
    defaultLevel: z.enum(PADES_LEVELS).default('B-B'),
    /** RFC 3161 TSA URL (http or https) for window signatures at B-T, B-LT and B-LTA. */
    tsa: z
      .string()
      .url()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u), 'an http or https URL')
      .optional(),
  })
  .strict()
  .refine((s) => s.defaultLevel === 'B-B' || s.tsa !== undefined, {
    message: 'a default level above B-B needs signing.tsa (the signature is timestamped first)',
    path: ['defaultLevel'],
  });

export type SigningConfig = z.infer<typeof signingConfigSchema>;
