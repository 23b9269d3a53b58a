import { VanthuError } from '@vanthu/shared/errors/index';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { loadConfig } from '../../config/loader.js';
import { auditDir } from '../../service/daemon.js';
import type { Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: { vi: 'Kiểm tra chuỗi băm của nhật ký kiểm toán', en: 'Check the audit log hash chain' },
  usage: 'audit verify [--dir DIR]',
  options: { dir: { type: 'string' } },
  async run(ctx) {
    const [sub, ...rest] = ctx.positionals;
    if (sub !== 'verify' || rest.length > 0)
      throw new VanthuError('USAGE', 'usage: vanthu audit verify [--dir DIR]');
    const dirFlag = ctx.values['dir'];
    const dir =
      typeof dirFlag === 'string'
        ? dirFlag
        : auditDir(loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {}));
    const report = verifyAuditChain(dir);
    ctx.emit(report.ok ? { dir, ...report } : { dir, ...report, code: 'AUDIT_TAMPERED' });
    if (report.ok) {
      ctx.say(
        ctx.t(
          `Nhật ký nguyên vẹn: ${report.entries} mục, ${report.files} tệp (${dir})`,
          `Audit log intact: ${report.entries} entries in ${report.files} files (${dir})`,
        ),
      );
      return 0;
    }
    const b = report.broken!;
    ctx.say(
      ctx.t(
        `AUDIT_TAMPERED: chuỗi bị phá tại ${b.file} dòng ${b.line}: ${b.reason}`,
        `AUDIT_TAMPERED: chain broken at ${b.file} line ${b.line}: ${b.reason}`,
      ),
    );
    return 1;
  },
};
