import { type Lang, VanthuError } from '@vanthu/shared/errors/index';

/** Where the language can come from, strongest first: the `--lang` flag, config `ui.language`, the locale. */
export interface LangSources {
  /** The raw `--lang` value (undefined when the flag was not given). */
  flag?: unknown;
  /** Config `ui.language`, when set. */
  configured?: Lang | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * The one choice of language for the CLI's messages and the daemon's log: Vietnamese unless the
 * flag, the configuration or the locale asks for English. The locale is read as POSIX does for
 * messages (LC_ALL, then LC_MESSAGES, then LANG: the first one set decides); a locale that is
 * neither vi* nor en* (C, POSIX, fr_FR…) keeps the Vietnamese default.
 */
export function chooseLang(sources: LangSources = {}): Lang {
  const { flag } = sources;
  if (flag !== undefined) {
    if (flag === 'vi' || flag === 'en') return flag;
    throw new VanthuError('USAGE', `--lang must be vi or en, got ${String(flag)}`);
  }
  if (sources.configured) return sources.configured;
  return localeLang(sources.env ?? process.env);
}

function localeLang(env: NodeJS.ProcessEnv): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return locale !== undefined && /^en([_.@-]|$)/i.test(locale) ? 'en' : 'vi';
}

/** The message in the chosen language: `t(vi, en)`, never both. */
export function translator(lang: Lang): (vi: string, en: string) => string {
  return (vi, en) => (lang === 'vi' ? vi : en);
}
