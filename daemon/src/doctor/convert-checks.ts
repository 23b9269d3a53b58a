import { ERROR_CATALOGUE, isVanthuError } from '@vanthu/shared/errors/index';
import { loadConvertConfig } from '../convert/config.js';
import { converterProgram } from '../convert/convert-docx.js';
import type { DoctorCheck } from './check.js';

/** "Chuyển PDF" for DOCX drafts: a missing LibreOffice is a warning (signing works without it). */
export const docxConverterCheck: DoctorCheck = {
  id: 'convert',
  title: { vi: 'Chuyển DOCX sang PDF', en: 'DOCX to PDF' },
  async run(ctx) {
    let config: ReturnType<typeof loadConvertConfig>;
    try {
      config = loadConvertConfig(ctx.configPath, ctx.env);
    } catch (error) {
      const message = isVanthuError(error) ? error.message : String(error);
      return { status: 'fail', vi: message, en: message };
    }
    if (!config.enabled) return { status: 'ok', vi: 'đã tắt (convert.enabled)', en: 'off (convert.enabled)' };
    const program = converterProgram(config, ctx.env);
    if (!program) {
      const { vi, en } = ERROR_CATALOGUE.CONVERTER_MISSING;
      const where = config.soffice ? ` — ${config.soffice}` : '';
      return { status: 'warn', vi: `${vi}${where}`, en: `${en}${where}` };
    }
    return { status: 'ok', vi: `LibreOffice: ${program}`, en: `LibreOffice: ${program}` };
  },
};
