import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { resolvePaths } from '../config/paths.js';
import type { Organization } from './edxml/types.js';
import type { WorkingCalendar } from './inbox/deadlines.js';

/** The `exchange` section of config.json (credentials live in the keychain, named by `secretRef`). */
export interface ExchangeConfig {
  /** This agency as written in From. */
  self?: Organization;
  /** Axis adapter settings (see axis/config.ts); checked when the adapter is built. */
  axis?: unknown;
  /** Database file; default `<dataDir>/exchange.sqlite`. */
  dbFile?: string;
  recallPolicy?: 'accept' | 'ask';
  calendar?: WorkingCalendar;
  /** Inbox polling interval (s), default 60. */
  pollSeconds?: number;
  /** Caps for arriving packages: whole package (bytes), inflated ZIP (bytes) and ZIP ratio. */
  limits?: { maxPackageBytes?: number; maxBytes?: number; maxRatio?: number };
  queue?: { concurrency?: number; maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } };
}

/** Reads the exchange section from the given config file, or the per-user one; absent file = defaults. */
export function loadExchangeConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): ExchangeConfig & { dbFile: string } {
  const paths = resolvePaths(env);
  const file = configPath ?? join(paths.userConfigDir, 'config.json');
  let section: ExchangeConfig = {};
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || configPath)
      throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
  }
  if (text !== undefined) {
    try {
      section = ((JSON.parse(text) as { exchange?: ExchangeConfig }).exchange ?? {}) as ExchangeConfig;
    } catch (error) {
      throw new VanthuError('CONFIG_INVALID', `${file}: ${(error as Error).message}`);
    }
  }
  return { ...section, dbFile: section.dbFile ?? join(paths.userDataDir, 'exchange.sqlite') };
}
