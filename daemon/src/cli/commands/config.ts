import { VanthuError } from '@vanthu/shared/errors/index';
import { configValue, loadConfig } from '../../config/loader.js';
import { configJsonSchema } from '../../config/schema.js';
import { officeConfigProblems } from '../../office/config-problems.js';
import type { Command } from '../command.js';

export const configCommand: Command = {
  name: 'config',
  summary: { vi: 'Kiểm tra / hiển thị cấu hình', en: 'Validate or show the configuration' },
  usage: 'config validate|show|schema',
  options: {},
  async run(ctx) {
    const [sub, ...rest] = ctx.positionals;
    if (!sub || rest.length > 0 || !['validate', 'show', 'schema'].includes(sub)) {
      throw new VanthuError('USAGE', 'usage: vanthu config validate|show|schema');
    }
    if (sub === 'schema') {
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return 0;
    }
    const loaded = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
    const files = loaded.files;
    if (sub === 'validate') {
      const locked = loaded.ignoredLocked.map((key) => ({ code: 'CONFIG_LOCKED', key }));
      // A configured register or exchange that cannot work is an invalid configuration.
      const missing = officeConfigProblems(ctx.configPath, process.env);
      const problems = [
        ...locked,
        ...missing.map((m) => ({ code: 'CONFIG_INVALID', key: m.key, message: m[ctx.lang] })),
      ];
      ctx.emit({ ok: problems.length === 0, files, problems });
      for (const f of [files.user, files.system])
        ctx.say(`${f}: ${ctx.t('hợp lệ hoặc không có', 'valid or absent')}`);
      for (const p of locked) {
        ctx.say(
          `CONFIG_LOCKED: ${p.key} — ${ctx.t('quản trị viên đã khóa; giá trị của người dùng bị bỏ qua', 'locked by the administrator; the user value is ignored')}`,
        );
      }
      for (const m of missing) ctx.say(`CONFIG_INVALID: ${m.key} — ${m[ctx.lang]}`);
      return problems.length === 0 ? 0 : 1;
    }
    const entries = Object.entries(loaded.sources)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, source]) => ({
        key,
        value: configValue(loaded.config, key),
        source,
        ...(loaded.locked.some((l) => key === l || key.startsWith(`${l}.`)) ? { locked: true } : {}),
      }));
    ctx.emit({ files, locked: loaded.locked, values: entries });
    for (const e of entries) {
      const from =
        e.source === 'user'
          ? files.user
          : e.source === 'system'
            ? files.system
            : ctx.t('mặc định', 'default');
      ctx.say(
        `${e.key} = ${JSON.stringify(e.value)}   (${from}${e.locked ? ctx.t(', khóa', ', locked') : ''})`,
      );
    }
    return 0;
  },
};
