/** The screen language: Vietnamese unless the user chose English in the options. One at a time. */
export type Lang = 'vi' | 'en';

/** storage.local key of the language the user chose. */
export const LANGUAGE_KEY = 'language';

let current: Lang = 'vi';

export const isLang = (v: unknown): v is Lang => v === 'vi' || v === 'en';

/** The language pages render in (Vietnamese until the page has read the user's choice). */
export function uiLanguage(): Lang {
  return current;
}

export function setUiLanguage(lang: Lang): void {
  current = lang;
}

/** Picks the text of the current language. */
export function say(vi: string, en: string): string {
  return current === 'vi' ? vi : en;
}
