import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { ConvertConfig } from './config.js';
import { checkDocxInflated } from './docx-inflated.js';
import { checkDocx } from './docx-input.js';
import { findSoffice } from './find-soffice.js';
import { writeLockedProfile } from './locked-profile.js';
import { type ConvertedPdfFacts, checkConvertedPdf } from './pdf-check.js';
import { runSoffice } from './run-soffice.js';

export interface DocxConversion {
  pdf: Uint8Array;
  facts: ConvertedPdfFacts;
}

// PDF export as Điều 9.5 asks: fonts embedded (the 14 standard ones too), PDF 1.7 (SelectPdfVersion 0).
const PDF_FILTER =
  'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"},' +
  '"SelectPdfVersion":{"type":"long","value":"0"}}';

/** Whether conversion can run here: the program it would use, or undefined when LibreOffice is missing. */
export function converterProgram(config: ConvertConfig, env: NodeJS.ProcessEnv): string | undefined {
  return findSoffice(config.soffice, env);
}

/**
 * Converts a DOCX draft to PDF with LibreOffice headless, in a private temporary profile (so parallel
 * conversions and the user's open LibreOffice never share one), under the configured caps, and checks
 * the PDF before returning it. Only bytes come in, and the profile keeps LibreOffice from loading what
 * the document links to: no URL is fetched and no path the document names is opened.
 */
export async function convertDocx(
  docx: Uint8Array,
  config: ConvertConfig,
  options: { env: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<DocxConversion> {
  if (!config.enabled) throw new VanthuError('NOT_SUPPORTED', 'DOCX conversion is off (convert.enabled)');
  checkDocx(docx, config.maxInputBytes);
  checkDocxInflated(docx);
  const program = converterProgram(config, options.env);
  if (!program)
    throw new VanthuError(
      'CONVERTER_MISSING',
      config.soffice ? `${config.soffice} cannot be run` : 'soffice is not on PATH',
    );
  const work = await mkdtemp(join(tmpdir(), 'vanthu-convert-'));
  try {
    const input = join(work, 'draft.docx');
    const outDir = join(work, 'out');
    const profile = join(work, 'profile');
    await writeFile(input, docx, { mode: 0o600 });
    await writeLockedProfile(profile);
    await runSoffice({
      program,
      args: [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nologo',
        '--nolockcheck',
        '--convert-to',
        PDF_FILTER,
        '--outdir',
        outDir,
        input,
      ],
      timeoutMs: config.timeoutSeconds * 1000,
      outputFile: join(outDir, 'draft.pdf'),
      maxOutputBytes: config.maxOutputBytes,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let pdf: Uint8Array;
    try {
      pdf = new Uint8Array(await readFile(join(outDir, 'draft.pdf')));
    } catch {
      // LibreOffice exits 0 even when it could not load the file; it then writes nothing.
      throw new VanthuError('CONVERT_FAILED', 'LibreOffice wrote no PDF (the DOCX could not be opened)');
    }
    if (pdf.length > config.maxOutputBytes)
      throw new VanthuError('CONVERT_FAILED', `PDF larger than ${config.maxOutputBytes} bytes`);
    return { pdf, facts: checkConvertedPdf(pdf) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
