import { type Lang, VanthuError } from '@vanthu/shared/errors/index';
import type { LoadedConfig } from '../config/loader.js';

/**
 * Config `ui.language` ("vi" or "en"): the language of the daemon's log when `--lang` is not given.
 * Unset, the locale decides (see chooseLang).
 */
export function configuredLang(loaded: LoadedConfig): Lang | undefined {
  const ui = (loaded.config as Record<string, unknown>)['ui'];
  if (ui === undefined) return undefined;
  const file = loaded.sources['ui.language'] === 'system' ? loaded.files.system : loaded.files.user;
  if (typeof ui !== 'object' || ui === null || Array.isArray(ui))
    throw new VanthuError('CONFIG_INVALID', `${file}: ui must be an object`);
  const unknown = Object.keys(ui).filter((k) => k !== 'language');
  if (unknown.length > 0)
    throw new VanthuError('CONFIG_INVALID', `${file}: ui.${unknown[0]} is not a setting`);
  const language = (ui as { language?: unknown }).language;
  if (language === undefined || language === 'vi' || language === 'en') return language;
  throw new VanthuError('CONFIG_INVALID', `${file}: ui.language must be "vi" or "en"`);
}
