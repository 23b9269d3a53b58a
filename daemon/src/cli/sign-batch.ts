import { mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { CommandContext } from './command.js';
import { ProgressBar } from './progress.js';

/**
 * Errors about the key, the token or the flags rather than one document: the batch stops at the
 * first, so a wrong PIN is never tried again on the next file (tokens lock after a few tries).
 */
const STOPS_BATCH = /^(USAGE|NOT_SUPPORTED|USER_CANCELLED|CONFIG_INVALID|PIN_|TOKEN_|KEY_|MODULE_|P12_)/;

function pdfsIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.pdf'))
      .map((e) => e.name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
    throw new VanthuError(code, dir);
  }
  return names.sort();
}

/**
 * `vanthu sign --in-dir IN --out-dir OUT …`: stamps every *.pdf of IN into OUT (same names) with
 * the same flags, one file after the other through the single-file command (`signOne`), asking the
 * PIN at most once (`pinCache` is shared by every file). One line per file (JSON lines with
 * --json), then a summary; exit 0 only when every file was signed.
 */
export async function signBatch(
  ctx: CommandContext,
  inDir: string,
  outDir: string,
  signOne: (fileCtx: CommandContext) => Promise<number>,
): Promise<number> {
  if (ctx.positionals.length > 0 || ctx.values['output'] !== undefined) {
    throw new VanthuError('USAGE', '--in-dir/--out-dir take no input file and no -o');
  }
  const files = pdfsIn(inDir);
  if (files.length === 0) throw new VanthuError('FILE_NOT_FOUND', `no PDF file in ${inDir}`);
  mkdirSync(outDir, { recursive: true });
  if (realpathSync(inDir) === realpathSync(outDir)) {
    throw new VanthuError('USAGE', '--out-dir must differ from --in-dir (inputs are never overwritten)');
  }
  const pinCache: NonNullable<CommandContext['pinCache']> = {};
  const progress = new ProgressBar(files.length);
  const write = (text: string) => {
    progress.clear();
    process.stdout.write(`${text}\n`);
    progress.draw();
  };
  let signed = 0;
  try {
    for (const name of files) {
      const input = join(inDir, name);
      const output = join(outDir, name);
      let result: Record<string, unknown> = {};
      const { 'in-dir': _in, 'out-dir': _out, ...values } = ctx.values;
      const fileCtx: CommandContext = {
        ...ctx,
        positionals: [input],
        values: { ...values, output },
        pinCache,
        say: () => {},
        emit: (value) => {
          result = value as Record<string, unknown>;
        },
      };
      try {
        await signOne(fileCtx);
        signed++;
        if (ctx.json) write(JSON.stringify({ input, ...result }));
        else
          write(
            ctx.t(
              `${input} → ${output}: đã ký, ô ${String(result['field'])}`,
              `${input} → ${output}: signed, field ${String(result['field'])}`,
            ),
          );
      } catch (e) {
        const error = toVanthuError(e);
        if (STOPS_BATCH.test(error.code)) throw error;
        if (ctx.json) write(JSON.stringify({ input, output, error: error.toJSON(ctx.lang) }));
        else write(`${input}: ${error.code}: ${error.localized(ctx.lang)}`);
      }
      progress.tick();
    }
  } finally {
    progress.clear();
  }
  const summary = { files: files.length, signed, failed: files.length - signed };
  if (ctx.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
  else
    process.stdout.write(
      `${ctx.t(
        `${summary.files} tệp: ${summary.signed} đã ký, ${summary.failed} lỗi`,
        `${summary.files} files: ${summary.signed} signed, ${summary.failed} failed`,
      )}\n`,
    );
  return summary.failed === 0 ? 0 : 1;
}
