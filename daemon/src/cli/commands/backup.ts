import { VanthuError } from '@vanthu/shared/errors/index';
import type { Command, CommandContext } from '../command.js';
import { withRegistry } from './registry-open.js';

async function runBackup(ctx: CommandContext): Promise<number> {
  const [file] = ctx.positionals;
  if (!file) throw new VanthuError('USAGE', `vanthu ${backupCommand.usage}`);
  return withRegistry(ctx, async (r) => {
    const manifest = await r.backup(file);
    ctx.emit({ file, manifest });
    const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
    ctx.say(
      ctx.t(
        `Đã sao lưu ${rows} dòng, ${Object.keys(manifest.files).length} tệp vào ${file}`,
        `Backed up ${rows} rows and ${Object.keys(manifest.files).length} files to ${file}`,
      ),
    );
    return 0;
  });
}

async function runRestore(ctx: CommandContext): Promise<number> {
  const [file] = ctx.positionals;
  if (!file) throw new VanthuError('USAGE', `vanthu ${restoreCommand.usage}`);
  return withRegistry(ctx, async (r) => {
    const manifest = await r.restore(file, { replace: ctx.values['replace'] === true });
    ctx.emit({ file, manifest });
    ctx.say(
      ctx.t(
        `Đã khôi phục sổ đăng ký từ bản sao lưu ngày ${manifest.createdAt}`,
        `Registry restored from the backup of ${manifest.createdAt}`,
      ),
    );
    return 0;
  });
}

export const backupCommand: Command = {
  name: 'backup',
  summary: {
    vi: 'Sao lưu sổ đăng ký, hồ sơ và tệp văn bản',
    en: 'Back up the registry, records and documents',
  },
  usage: 'backup FILE.zip [--db FILE]',
  options: { db: { type: 'string' } },
  run: runBackup,
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: {
    vi: 'Khôi phục sổ đăng ký từ bản sao lưu (kiểm tra tổng kiểm)',
    en: 'Restore the registry from a verified backup',
  },
  usage: 'restore FILE.zip [--replace] [--db FILE]',
  options: { db: { type: 'string' }, replace: { type: 'boolean' } },
  run: runRestore,
};
