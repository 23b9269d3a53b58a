import { readFile } from 'node:fs/promises';
import { VanthuError } from '@vanthu/shared/errors/index';
import { checkProfile } from '@vanthu/shared/profile/check';
import type { ProfileProblem } from '@vanthu/shared/profile/problems';
import type { Command } from '../command.js';

/** A file's profiles: one profile object, or an array of them (the options page and admin policy form). */
function profilesIn(json: unknown): { prefix: string; value: unknown }[] {
  return Array.isArray(json)
    ? json.map((value, i) => ({ prefix: `[${i}]`, value }))
    : [{ prefix: '', value: json }];
}

/** `[0].registration.page`: the item's index, then the path inside the profile. */
const joinPath = (prefix: string, path: string) =>
  prefix && path ? `${prefix}${path.startsWith('[') ? '' : '.'}${path}` : prefix || path;

/**
 * `vanthu profile check FILE`: validates portal profiles against the schema the extension ships with
 * (shared/src/profile), each problem on its own line with its JSON path. Exit 0 valid, 1 invalid.
 */
export const profileCommand: Command = {
  name: 'profile',
  summary: {
    vi: 'Kiểm tra hồ sơ cổng (JSON) theo lược đồ',
    en: 'Check a portal profile (JSON) against the schema',
  },
  usage: 'profile check FILE',
  options: {},
  async run(ctx) {
    const [sub, file, ...rest] = ctx.positionals;
    if (sub !== 'check' || !file || rest.length > 0) {
      throw new VanthuError('USAGE', 'usage: vanthu profile check FILE');
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
      throw new VanthuError(code, `${file}: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      const problem = {
        path: '',
        vi: `JSON không hợp lệ: ${(e as Error).message}`,
        en: `not valid JSON: ${(e as Error).message}`,
      };
      return report(ctx, file, [problem]);
    }
    const problems: ProfileProblem[] = profilesIn(json).flatMap(({ prefix, value }) => {
      const checked = checkProfile(value);
      return checked.ok ? [] : checked.problems.map((p) => ({ ...p, path: joinPath(prefix, p.path) }));
    });
    return report(ctx, file, problems);
  },
};

function report(
  ctx: Parameters<Command['run']>[0],
  file: string,
  problems: readonly ProfileProblem[],
): number {
  ctx.emit({
    ok: problems.length === 0,
    file,
    problems: problems.map((p) => ({ path: p.path, message: p[ctx.lang] })),
  });
  if (problems.length === 0) {
    ctx.say(`${file}: ${ctx.t('hồ sơ cổng hợp lệ', 'valid portal profile')}`);
    return 0;
  }
  ctx.say(
    `${file}: ${ctx.t(`${problems.length} lỗi`, `${problems.length} problem${problems.length > 1 ? 's' : ''}`)}`,
  );
  for (const p of problems) ctx.say(`  ${p.path || ctx.t('(gốc)', '(root)')}: ${p[ctx.lang]}`);
  return 1;
}
