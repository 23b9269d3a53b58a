import { toVanthuError } from '@vanthu/shared/errors/index';
import type { CheckResult, DoctorContext } from '../../doctor/check.js';
import { DOCTOR_CHECKS } from '../../doctor/checks.js';
import { type TokenListing, listTokens } from '../../token/index.js';
import type { Command } from '../command.js';

const MARK: Record<CheckResult['status'], string> = { ok: '[ OK ]', warn: '[CẢNH]', fail: '[LỖI ]' };
const MARK_EN: Record<CheckResult['status'], string> = { ok: '[ OK ]', warn: '[WARN]', fail: '[FAIL]' };

export const doctorCommand: Command = {
  name: 'doctor',
  summary: {
    vi: 'Kiểm tra máy trạm (token, chứng thư, đồng hồ…)',
    en: 'Check this workstation (tokens, certificates, clock…)',
  },
  usage: 'doctor [--json]',
  options: {},
  allowPositionals: false,
  async run(ctx) {
    let listing: Promise<TokenListing> | undefined;
    const dctx: DoctorContext = {
      env: process.env,
      ...(ctx.configPath ? { configPath: ctx.configPath } : {}),
      tokens: () => {
        listing ??= listTokens(ctx.configPath ? { configPath: ctx.configPath } : {});
        return listing;
      },
    };
    const results: (CheckResult & { id: string; title: string })[] = [];
    for (const check of DOCTOR_CHECKS) {
      let r: CheckResult;
      try {
        r = await check.run(dctx);
      } catch (error) {
        const e = toVanthuError(error);
        r = { status: 'fail', vi: `${e.code}: ${e.localized('vi')}`, en: `${e.code}: ${e.localized('en')}` };
      }
      results.push({ ...r, id: check.id, title: check.title[ctx.lang] });
      ctx.say(`${(ctx.lang === 'vi' ? MARK : MARK_EN)[r.status]} ${check.title[ctx.lang]}: ${r[ctx.lang]}`);
    }
    const failed = results.some((r) => r.status === 'fail');
    ctx.emit({
      ok: !failed,
      checks: results.map((r) => ({ id: r.id, title: r.title, status: r.status, message: r[ctx.lang] })),
    });
    return failed ? 1 : 0;
  },
};
