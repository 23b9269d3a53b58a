import { VanthuError } from '@vanthu/shared/errors/index';
import { applyInstall, applyUninstall, installStatus } from '../../service/install/apply.js';
import { currentPlan } from '../../service/install/current.js';
import type { Command } from '../command.js';

export const serviceCommand: Command = {
  name: 'service',
  summary: {
    vi: 'Cài/gỡ dịch vụ chạy khi đăng nhập và đăng ký native messaging',
    en: 'Install/remove the logon service and native-messaging registration',
  },
  usage: 'service install|uninstall|status [--dry-run] [--no-activate]',
  options: {
    'dry-run': { type: 'boolean', default: false },
    'no-activate': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const [sub, ...rest] = ctx.positionals;
    if (!sub || rest.length > 0 || !['install', 'uninstall', 'status'].includes(sub)) {
      throw new VanthuError('USAGE', 'usage: vanthu service install|uninstall|status [--dry-run]');
    }
    const plan = currentPlan();
    const activate = ctx.values['no-activate'] !== true;
    if (sub === 'status') {
      const files = installStatus(plan);
      ctx.emit({ platform: plan.platform, files });
      for (const f of files) {
        const state = !f.installed
          ? ctx.t('chưa cài', 'not installed')
          : f.current
            ? ctx.t('đã cài', 'installed')
            : ctx.t('đã cài (khác bản hiện tại)', 'installed (outdated)');
        ctx.say(`${f.role}: ${state} — ${f.path}`);
      }
      return files.every((f) => f.installed) ? 0 : 1;
    }
    if (ctx.values['dry-run'] === true) {
      const commands = sub === 'install' ? plan.activate : plan.deactivate;
      ctx.emit({
        platform: plan.platform,
        dryRun: true,
        files: plan.files.map(({ role, path, content }) => ({ role, path, content })),
        commands,
      });
      for (const f of plan.files)
        ctx.say(
          `# ${f.role}: ${f.path}\n${sub === 'install' ? f.content : ctx.t('(sẽ bị xóa)', '(would be removed)')}`,
        );
      for (const c of commands) ctx.say(`$ ${c.join(' ')}`);
      return 0;
    }
    const steps = sub === 'install' ? applyInstall(plan, activate) : applyUninstall(plan, activate);
    ctx.emit({ platform: plan.platform, files: plan.files.map(({ role, path }) => ({ role, path })), steps });
    for (const f of plan.files)
      ctx.say(
        `${sub === 'install' ? ctx.t('đã ghi', 'wrote') : ctx.t('đã xóa', 'removed')} ${f.role}: ${f.path}`,
      );
    for (const s of steps) {
      if (s.ok) ctx.say(`$ ${s.command}`);
      else ctx.log(`vanthu: ${ctx.t('cảnh báo', 'warning')}: ${s.command}: ${s.detail}`);
    }
    return 0;
  },
};
