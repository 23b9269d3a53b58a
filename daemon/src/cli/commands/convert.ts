import { existsSync, readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { docxConverter } from '../../convert/index.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import type { Command } from '../command.js';

function readInput(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
    throw new VanthuError(code, path);
  }
}

/** `vanthu convert IN.docx -o OUT.pdf [--force]`: the draft to PDF, as "Chuyển PDF" does in the browser. */
export const convertCommand: Command = {
  name: 'convert',
  summary: {
    vi: 'Chuyển dự thảo DOCX sang PDF (LibreOffice)',
    en: 'Convert a DOCX draft to PDF (LibreOffice)',
  },
  usage: 'convert IN.docx -o OUT.pdf [--force] [--json]',
  options: {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const [input, ...rest] = ctx.positionals;
    const output = ctx.values['output'];
    if (!input || rest.length > 0 || typeof output !== 'string' || output === '')
      throw new VanthuError('USAGE', 'vanthu convert IN.docx -o OUT.pdf');
    if (existsSync(output) && ctx.values['force'] !== true) throw new VanthuError('FILE_EXISTS', output);
    const { pdf, facts } = await docxConverter(ctx.configPath, process.env)(readInput(input));
    try {
      writeFileAtomic(output, pdf);
    } catch (e) {
      throw new VanthuError('IO_ERROR', `${output}: ${(e as Error).message}`);
    }
    ctx.emit({
      output,
      bytes: pdf.length,
      pdfVersion: facts.version,
      pageCount: facts.pageCount,
      fontCount: facts.fontCount,
    });
    ctx.say(
      ctx.t(
        `Đã chuyển ${input} → ${output}: PDF ${facts.version}, ${facts.pageCount} trang, ${facts.fontCount} phông chữ đã nhúng`,
        `Converted ${input} → ${output}: PDF ${facts.version}, ${facts.pageCount} pages, ${facts.fontCount} fonts embedded`,
      ),
    );
    return 0;
  },
};
