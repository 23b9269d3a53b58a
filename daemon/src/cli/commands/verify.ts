import { statSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { readTrustConfig } from '../../trust/config-on-demand.js';
import type { Command, CommandContext } from '../command.js';

function list(ctx: CommandContext, key: string): string[] {
  const v = ctx.values[key];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

function jobsOf(ctx: CommandContext): number | undefined {
  const v = ctx.values['jobs'];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new VanthuError('USAGE', `--jobs must be 1 to 64, got ${String(v)}`);
  return n;
}

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * `vanthu verify FILE.pdf [--trust CERT|DIR]... [--json] [--policy strict|standard]` (interfaces.md §1);
 * with several files or a directory (`--recursive` for its sub-directories), a batch in one process.
 */
export const verifyCommand: Command = {
  name: 'verify',
  summary: { vi: 'Kiểm tra chữ ký số trên tệp PDF', en: 'Verify the signatures of a PDF' },
  usage:
    'verify FILE.pdf|DIR... [--recursive] [--jobs N] [--trust CERT.pem|DIR]... [--intermediates CERT|DIR]... [--crl FILE]... [--policy strict|standard] [--offline] [--allow-annotations] [--json]',
  options: {
    trust: { type: 'string', multiple: true },
    intermediates: { type: 'string', multiple: true },
    crl: { type: 'string', multiple: true },
    policy: { type: 'string' },
    offline: { type: 'boolean', default: false },
    'allow-annotations': { type: 'boolean', default: false },
    recursive: { type: 'boolean', short: 'r', default: false },
    jobs: { type: 'string' },
  },
  async run(ctx) {
    const [file, ...rest] = ctx.positionals;
    if (!file) throw new VanthuError('USAGE', 'vanthu verify FILE.pdf|DIR... [--trust CERT|DIR]...');
    const batch = rest.length > 0 || isDirectory(file);
    const jobs = jobsOf(ctx);
    const config = await readTrustConfig(ctx.configPath);
    const policyFlag = ctx.values['policy'];
    if (policyFlag !== undefined && policyFlag !== 'strict' && policyFlag !== 'standard')
      throw new VanthuError('USAGE', `--policy must be strict or standard, got ${String(policyFlag)}`);
    const trustPaths = [...(config.anchors ?? []), ...list(ctx, 'trust')];
    const intermediatePaths = [...(config.intermediates ?? []), ...list(ctx, 'intermediates')];
    const crlPaths = [...(config.crls ?? []), ...list(ctx, 'crl')];
    const policy = (policyFlag as 'strict' | 'standard' | undefined) ?? config.policy ?? 'standard';
    const online = ctx.values['offline'] === true ? false : (config.online ?? true);
    const allowAnnotations = ctx.values['allow-annotations'] === true || config.allowAnnotations === true;
    if (batch) {
      const [{ collectPdfs }, { verifyBatch }] = await Promise.all([
        import('../collect-pdfs.js'),
        import('../verify-batch.js'),
      ]);
      const files = collectPdfs(ctx.positionals, ctx.values['recursive'] === true);
      if (files.length === 0)
        throw new VanthuError('FILE_NOT_FOUND', `no PDF file in ${ctx.positionals.join(', ')}`);
      const trust = {
        ...config,
        anchors: trustPaths,
        intermediates: intermediatePaths,
        crls: crlPaths,
        policy,
        online,
        allowAnnotations,
      };
      return verifyBatch(ctx, files, trust, jobs);
    }
    // Loaded on use, so that other commands do not pay for the verifier's ASN.1 libraries.
    const { formatReport, verifyPdf } = await import('../../verify/index.js');
    const report = await verifyPdf(file, {
      trustPaths,
      intermediatePaths,
      crlPaths,
      policy,
      online,
      allowAnnotations,
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
