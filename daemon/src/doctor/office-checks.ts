import { officeConfigProblems } from '../office/config-problems.js';
import { axisProblems } from './axis-problems.js';
import type { DoctorCheck } from './check.js';

/**
 * The register and the exchange: a configured feature missing a setting fails, naming it (the axis
 * too: its section and the credential it names).
 */
export const officeSettings: DoctorCheck = {
  id: 'office',
  title: { vi: 'Sổ đăng ký và liên thông', en: 'Register and exchange' },
  async run(ctx) {
    const problems = [
      ...officeConfigProblems(ctx.configPath, ctx.env),
      ...(await axisProblems(ctx.configPath, ctx.env)),
    ];
    if (problems.length > 0)
      return {
        status: 'fail',
        vi: problems.map((p) => p.vi).join('; '),
        en: problems.map((p) => p.en).join('; '),
      };
    return { status: 'ok', vi: 'đủ thông tin cơ quan', en: 'agency settings complete' };
  },
};
