import { resolve as resolvePath } from 'node:path';
import { formatVietnamDateTime } from '@vanthu/shared/domain/vietnam-time';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { Command, CommandContext } from '../command.js';

/** A time in the report's rows, as every screen shows times. */
const shown = (iso: string | null): string => (iso ? formatVietnamDateTime(iso) : '?');

const USAGE =
  'ltv extend IN.pdf -o OUT.pdf [--lta --tsa URL] | ltv check DIR|FILE… [--within 6m] [--recursive] | ' +
  'ltv refresh DIR|FILE… --tsa URL [--within 6m] [--recursive]';

function str(ctx: CommandContext, key: string): string | undefined {
  const v = ctx.values[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * `vanthu ltv`: long-term validation of signed documents already issued (PAdES B-LT / B-LTA).
 * The PDF, CMS and trust code load only once a sub-command runs.
 */
export const ltvCommand: Command = {
  name: 'ltv',
  summary: {
    vi: 'Bổ sung dữ liệu xác thực dài hạn (PAdES B-LT/B-LTA) và gia hạn dấu thời gian lưu trữ',
    en: 'Add long-term validation data (PAdES B-LT/B-LTA) and renew archive timestamps',
  },
  usage: USAGE,
  options: {
    output: { type: 'string', short: 'o' },
    lta: { type: 'boolean', default: false },
    tsa: { type: 'string' },
    within: { type: 'string' },
    recursive: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.positionals;
    if (sub === 'extend') return extend(ctx, rest);
    if (sub === 'check') return check(ctx, rest, false);
    if (sub === 'refresh') return check(ctx, rest, true);
    throw new VanthuError('USAGE', USAGE);
  },
};

async function sources(ctx: CommandContext) {
  const { signingChainOptions } = await import('../../trust/signing-trust.js');
  return signingChainOptions(ctx.configPath);
}

async function extend(ctx: CommandContext, files: string[]): Promise<number> {
  const [input, ...extra] = files;
  if (!input || extra.length > 0) throw new VanthuError('USAGE', 'ltv extend takes exactly one input PDF');
  const output = str(ctx, 'output');
  if (!output) throw new VanthuError('USAGE', '-o OUT.pdf is required');
  const lta = ctx.values['lta'] === true;
  const tsa = str(ctx, 'tsa');
  if (lta && !tsa) throw new VanthuError('USAGE', '--lta needs --tsa URL');
  if (resolvePath(input) === resolvePath(output))
    throw new VanthuError('USAGE', 'OUT must differ from IN (use ltv refresh to renew in place)');
  const { extendFile } = await import('../../pdf/ltv/extend.js');
  const result = await extendFile(input, output, {
    ...(await sources(ctx)),
    lta,
    ...(tsa ? { tsa } : {}),
  });
  ctx.emit({ output, ...result });
  ctx.say(
    ctx.t(
      `Đã bổ sung ${output}: mức ${result.level}, ${result.signatures} chữ ký/dấu thời gian có dữ liệu xác thực`,
      `Extended ${output}: level ${result.level}, validation data for ${result.signatures} signatures/timestamps`,
    ),
  );
  return 0;
}

/** `check` lists what needs a new archive timestamp within the window; `refresh` adds one to each. */
async function check(ctx: CommandContext, paths: string[], refresh: boolean): Promise<number> {
  if (paths.length === 0) throw new VanthuError('USAGE', USAGE);
  const { archiveState, needsRefresh, windowEnd } = await import('../../pdf/ltv/expiry.js');
  const within = str(ctx, 'within') ?? '6m';
  const until = windowEnd(within, new Date());
  if (!until)
    throw new VanthuError('USAGE', `--within expects a number and d, w, m or y (e.g. 6m), got "${within}"`);
  const tsa = str(ctx, 'tsa');
  if (refresh && !tsa) throw new VanthuError('USAGE', 'ltv refresh needs --tsa URL');
  const { collectPdfs } = await import('../collect-pdfs.js');
  const { ProgressBar } = await import('../progress.js');
  const files = collectPdfs(paths, ctx.values['recursive'] === true);
  const bar = new ProgressBar(files.length);
  bar.draw();
  const rows: {
    file: string;
    kind: string;
    timestampAt: string | null;
    expiresAt: string | null;
    refreshed?: boolean;
    error?: string;
  }[] = [];
  const { isoVietnam } = await import('../../pdf/sign/time.js');
  const src = refresh ? await sources(ctx) : undefined;
  let failed = 0;
  for (const file of files) {
    try {
      const s = archiveState(file);
      if (needsRefresh(s, until)) {
        const row: (typeof rows)[number] = {
          file,
          kind: s.kind,
          timestampAt: s.timestampAt ? isoVietnam(s.timestampAt) : null,
          expiresAt: s.expiresAt ? isoVietnam(s.expiresAt) : null,
        };
        if (refresh) {
          const { extendFile } = await import('../../pdf/ltv/extend.js');
          await extendFile(file, file, { ...src!, lta: true, tsa: tsa! });
          row.refreshed = true;
        }
        rows.push(row);
      }
    } catch (e) {
      failed++;
      rows.push({ file, kind: 'error', timestampAt: null, expiresAt: null, error: (e as Error).message });
    }
    bar.tick();
  }
  bar.clear();
  ctx.emit({ within, until: isoVietnam(until), documents: rows });
  for (const r of rows) {
    const what =
      r.error !== undefined
        ? `${ctx.t('lỗi', 'error')}: ${r.error}`
        : r.kind === 'none'
          ? ctx.t('chưa có dấu thời gian', 'no timestamp')
          : r.kind === 'signature'
            ? ctx.t(
                `chưa có dấu thời gian lưu trữ (TSA hết hạn ${shown(r.expiresAt)})`,
                `no archive timestamp (TSA expires ${shown(r.expiresAt)})`,
              )
            : ctx.t(
                `dấu thời gian lưu trữ hết hạn ${shown(r.expiresAt)}`,
                `archive timestamp expires ${shown(r.expiresAt)}`,
              );
    ctx.say(`${r.file}: ${what}${r.refreshed ? ctx.t(' — đã gia hạn', ' — renewed') : ''}`);
  }
  if (rows.length === 0)
    ctx.say(
      ctx.t(
        `Không tài liệu nào cần gia hạn trước ${formatVietnamDateTime(until)}`,
        `Nothing needs renewing before ${formatVietnamDateTime(until)}`,
      ),
    );
  return failed > 0 ? 1 : 0;
}
