import { VanthuError } from '@vanthu/shared/errors/index';
import { readTrustConfig } from '../../trust/config-on-demand.js';
import type { Command, CommandContext } from '../command.js';

function list(ctx: CommandContext, key: string): string[] {
  const v = ctx.values[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

/** `vanthu verify FILE.pdf [--trust CERT|DIR]... [--json] [--policy strict|standard]` (interfaces.md §1). */
export const verifyCommand: Command = {
  name: 'verify',
  summary: { vi: 'Kiểm tra chữ ký số trên tệp PDF', en: 'Verify the signatures of a PDF' },
  usage:
    'verify FILE.pdf [--trust CERT.pem|DIR]... [--intermediates CERT|DIR]... [--crl FILE]... [--policy strict|standard] [--offline] [--allow-annotations] [--json]',
  options: {
    trust: { type: 'string', multiple: true },
    intermediates: { type: 'string', multiple: true },
    crl: { type: 'string', multiple: true },
    policy: { type: 'string' },
    offline: { type: 'boolean', default: false },
    'allow-annotations': { type: 'boolean', default: false },
  },
  async run(ctx) {
    const [file, ...rest] = ctx.positionals;
    if (!file || rest.length > 0)
      throw new VanthuError('USAGE', 'vanthu verify FILE.pdf [--trust CERT|DIR]...');
    const config = await readTrustConfig(ctx.configPath);
    const policyFlag = ctx.values['policy'];
    if (policyFlag !== undefined && policyFlag !== 'strict' && policyFlag !== 'standard')
      throw new VanthuError('USAGE', `--policy must be strict or standard, got ${String(policyFlag)}`);
    // Loaded on use, so that other commands do not pay for the verifier's ASN.1 libraries.
    const { formatReport, verifyPdf } = await import('../../verify/index.js');
    const report = await verifyPdf(file, {
      trustPaths: [...(config.anchors ?? []), ...list(ctx, 'trust')],
      intermediatePaths: [...(config.intermediates ?? []), ...list(ctx, 'intermediates')],
      crlPaths: [...(config.crls ?? []), ...list(ctx, 'crl')],
      policy: (policyFlag as 'strict' | 'standard' | undefined) ?? config.policy ?? 'standard',
      online: ctx.values['offline'] === true ? false : (config.online ?? true),
      allowAnnotations: ctx.values['allow-annotations'] === true || config.allowAnnotations === true,
      cacheDir: config.cacheDir,
      ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      ...(config.maxResponseBytes ? { maxResponseBytes: config.maxResponseBytes } : {}),
      ...(config.fetch ? { fetch: config.fetch } : {}),
    });
    ctx.emit(report);
    ctx.say(formatReport(report, ctx.lang));
    return report.indication === 'TOTAL_PASSED' ? 0 : 1;
  },
};
