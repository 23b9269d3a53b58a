import { existsSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import { configFiles } from '../config/paths.js';
import type { SigningConfig } from '../config/signing.js';
import { PADES_LEVELS, type PadesLevel } from '../pdf/sign/options.js';

const LEVELS: readonly string[] = PADES_LEVELS;

/** The level and TSA `vanthu sign` uses. */
export interface ChosenLevel {
  level: PadesLevel;
  tsa?: string;
}

/**
 * `--level` and `--tsa` win; what they leave open comes from the office's config `signing` (read
 * only then): its `defaultLevel` when `--level` is absent (a lone `--tsa` still means B-T over an
 * office B-B), its `tsa` only for a level that needs a timestamp, so B-B never contacts a TSA.
 */
export async function chooseSignLevel(
  flags: { level?: string | undefined; tsa?: string | undefined },
  office: () => Promise<SigningConfig>,
): Promise<ChosenLevel> {
  if (flags.level !== undefined && !LEVELS.includes(flags.level))
    throw new VanthuError('USAGE', '--level must be B-B, B-T, B-LT or B-LTA');
  const explicit = flags.level as PadesLevel | undefined;
  if (explicit === 'B-B' || (explicit !== undefined && flags.tsa !== undefined))
    return { level: explicit, ...(flags.tsa !== undefined ? { tsa: flags.tsa } : {}) };
  const signing = await office();
  const officeLevel = signing.defaultLevel === 'B-B' ? undefined : signing.defaultLevel;
  const level = explicit ?? officeLevel ?? (flags.tsa !== undefined ? 'B-T' : 'B-B');
  const tsa = flags.tsa ?? (level !== 'B-B' ? signing.tsa : undefined);
  if (level !== 'B-B' && tsa === undefined)
    throw new VanthuError('USAGE', `--level ${level} needs --tsa URL (or config signing.tsa)`);
  return { level, ...(tsa !== undefined ? { tsa } : {}) };
}

/**
 * The office's `signing` section from the configuration files (user, then the admin's). Without
 * either file it is the default, and the config validator is not loaded (sign's start-up).
 */
export async function officeSigning(configPath: string | undefined): Promise<SigningConfig> {
  const files = configFiles(configPath);
  if (configPath === undefined && !existsSync(files.user) && !existsSync(files.system))
    return { defaultLevel: 'B-B' };
  const { loadConfig } = await import('../config/loader.js');
  return loadConfig(configPath ? { configPath } : {}).config.signing;
}
