import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { loadWorkingCalendar } from '../config/calendar.js';
import { resolvePaths } from '../config/paths.js';
import { loadConfigSection } from '../config/section.js';
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
  /** The office calendar (config/calendar.ts): top-level `calendar`, this key read as its older name. */
  calendar?: WorkingCalendar;
  /** Inbox polling interval (s), default 60. */
  pollSeconds?: number;
  /** Caps for arriving packages: whole package (bytes), inflated ZIP (bytes) and ZIP ratio. */
  limits?: { maxPackageBytes?: number; maxBytes?: number; maxRatio?: number };
  queue?: { concurrency?: number; maxAttempts?: number; backoff?: { baseMs: number; maxMs: number } };
}

/**
 * Reads the exchange section of the configuration: the given config file or the per-user one (absent
 * = defaults), with the admin file and its locks merged over it by the shared loader.
 */
export function loadExchangeConfig(
  configPath?: string,
  env: NodeJS.ProcessEnv = process.env,
): ExchangeConfig & { dbFile: string } {
  const loaded = loadConfigSection('exchange', { configPath, env });
  const raw = loaded.value ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new VanthuError('CONFIG_INVALID', `${loaded.fileOf()}: exchange must be an object`);
  const section = raw as ExchangeConfig;
  // The office calendar (top-level `calendar`; `exchange.calendar` is read as its older name).
  const calendar = loadWorkingCalendar(configPath, env);
  return {
    ...section,
    calendar,
    dbFile: section.dbFile ?? join(resolvePaths(env).userDataDir, 'exchange.sqlite'),
  };
}
