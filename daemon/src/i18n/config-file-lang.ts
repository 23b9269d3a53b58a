import { readFileSync } from 'node:fs';
import type { Lang } from '@vanthu/shared/errors/index';
import { configFiles } from '../config/paths.js';

/**
 * Config `ui.language` as the files hold it, for the CLI, which chooses its language before any
 * command loads (and validates) the configuration, and without paying for the validator on every
 * start. The admin file wins over the user's, as it does in the loader. A file that is missing or
 * unreadable, or a value other than "vi" or "en", says nothing here: the commands that load the
 * configuration report a broken file themselves, in the language chosen without it.
 */
export function fileConfiguredLang(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Lang | undefined {
  const files = configFiles(configPath, env);
  return languageIn(files.system) ?? languageIn(files.user);
}

function languageIn(file: string): Lang | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const ui = (parsed as { ui?: unknown } | null)?.ui;
  const language = (ui as { language?: unknown } | null | undefined)?.language;
  return language === 'vi' || language === 'en' ? language : undefined;
}
