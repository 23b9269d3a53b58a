import { VanthuError } from '@vanthu/shared/errors/index';
import { z } from 'zod';
import { loadConfigSection } from '../config/section.js';

/** The `convert` section of config.json: DOCX drafts to PDF with LibreOffice (docs/signing.md). */
const convertConfigSchema = z
  .object({
    /** Offer "Chuyển PDF" for DOCX drafts; `vanthu doctor` warns when LibreOffice is missing. */
    enabled: z.boolean().default(true),
    /** The LibreOffice program (soffice); found on PATH and in the usual install places when absent. */
    soffice: z.string().min(1).optional(),
    /** Seconds one conversion may take before LibreOffice is killed (TIMEOUT). */
    timeoutSeconds: z.number().int().min(1).max(600).default(120),
    /** Largest DOCX accepted, bytes. */
    maxInputBytes: z
      .number()
      .int()
      .min(1024)
      .max(512 * 1024 * 1024)
      .default(64 * 1024 * 1024),
    /** Largest PDF LibreOffice may write, bytes; a larger one is stopped (CONVERT_FAILED). */
    maxOutputBytes: z
      .number()
      .int()
      .min(1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(256 * 1024 * 1024),
  })
  .strict();

export type ConvertConfig = z.infer<typeof convertConfigSchema>;

/** Environment variable naming the LibreOffice program, over the config (a packaged install, tests). */
export const SOFFICE_ENV = 'VANTHU_SOFFICE';

/** The `convert` section, with the program from VANTHU_SOFFICE when that is set. */
export function loadConvertConfig(configPath?: string, env: NodeJS.ProcessEnv = process.env): ConvertConfig {
  const section = loadConfigSection('convert', { configPath, env });
  const parsed = convertConfigSchema.safeParse(section.value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    throw new VanthuError('CONFIG_INVALID', `${section.fileOf(key)}: convert.${key}: ${issue?.message}`);
  }
  const fromEnv = env[SOFFICE_ENV]?.trim();
  return fromEnv ? { ...parsed.data, soffice: fromEnv } : parsed.data;
}
