import { VanthuError } from '@vanthu/shared/errors/index';
import { openAuditKeyring } from '../../audit/keyring.js';
import { verifyAuditChain } from '../../audit/verify-chain.js';
import { loadConfig } from '../../config/loader.js';
import { configuredSecretOpener } from '../../pairing/named-secrets.js';
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
    const loaded = loadConfig(ctx.configPath ? { configPath: ctx.configPath } : {});
    const dir = typeof dirFlag === 'string' ? dirFlag : auditDir(loaded);
    const report = verifyAuditChain(dir, openAuditKeyring(dir, configuredSecretOpener(loaded)));
    ctx.emit({ dir, ...report });
    if (report.unkeyed > 0)
      ctx.say(
        ctx.t(
          `${report.unkeyed} mục đầu được ghi trước khi nhật ký có khóa HMAC: chỉ kiểm tra chuỗi băm, không phát hiện được việc ghi lại toàn bộ`,
          `The first ${report.unkeyed} entries predate the keyed log: checked by their hash chain only, which a full rewrite would pass`,
        ),
      );
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
        `${report.code}: chuỗi bị phá tại ${b.file} dòng ${b.line}: ${b.reason}`,
        `${report.code}: chain broken at ${b.file} line ${b.line}: ${b.reason}`,
      ),
    );
    return 1;
  },
};
