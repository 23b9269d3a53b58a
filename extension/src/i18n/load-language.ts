import browser from 'webextension-polyfill';
import { isLang, LANGUAGE_KEY, type Lang, setUiLanguage } from './language.js';

/** Reads the user's language once, before a page renders, and marks the document with it. */
export async function loadLanguage(): Promise<Lang> {
  const stored = await browser.storage.local.get(LANGUAGE_KEY).then(
    (v) => v[LANGUAGE_KEY],
    () => undefined,
  );
  const lang = isLang(stored) ? stored : 'vi';
  setUiLanguage(lang);
  document.documentElement.lang = lang;
  return lang;
}
