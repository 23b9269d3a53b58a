import { loadConvertConfig } from './config.js';
import { ConversionSlots } from './conversion-slots.js';
import { convertDocx, type DocxConversion } from './convert-docx.js';

export type { DocxConversion } from './convert-docx.js';

/** Converts one DOCX draft with the settings of the config file in force when it is called. */
export type DocxConverter = (docx: Uint8Array, signal?: AbortSignal) => Promise<DocxConversion>;

/**
 * The converter the daemon and the CLI share: config re-read per conversion, as `vanthu doctor` reads
 * it; conversions through one converter run one at a time (ConversionSlots).
 */
export function docxConverter(configPath: string | undefined, env: NodeJS.ProcessEnv): DocxConverter {
  const slots = new ConversionSlots();
  return (docx, signal) =>
    slots.run(
      () => convertDocx(docx, loadConvertConfig(configPath, env), { env, ...(signal ? { signal } : {}) }),
      signal,
    );
}
