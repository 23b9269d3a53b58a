import browser from 'webextension-polyfill';
import { isLang, LANGUAGE_KEY, type Lang, setUiLanguage } from './language.js';

/** The language the user chose in the options (Vietnamese when none, or storage cannot be read). */
export async function storedLanguage(): Promise<Lang> {
  const stored = await browser.storage.local.get(LANGUAGE_KEY).then(
    (v) => v[LANGUAGE_KEY],
    () => undefined,
  );
  return isLang(stored) ? stored : 'vi';
}

/** Reads the user's language once, before a page renders, and marks the document with it. */
export async function loadLanguage(): Promise<Lang> {
  const lang = await storedLanguage();
  setUiLanguage(lang);
  document.documentElement.lang = lang;
  return lang;
}
