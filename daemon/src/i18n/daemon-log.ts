import { ERROR_CATALOGUE, type Lang, toVanthuError } from '@vanthu/shared/errors/index';
import { translator } from './choose-lang.js';

/** The daemon's log: each line written in one language, the one chosen at start. */
export interface DaemonLog {
  readonly lang: Lang;
  /** Writes `vanthu: <message>` in the log's language. */
  line(vi: string, en: string): void;
  /**
   * Writes `vanthu: <message>: CODE: <what went wrong>`. The case detail of an error is an English
   * technical sentence: the English log keeps it on the line, the Vietnamese log on a line of its own.
   */
  failure(vi: string, en: string, thrown: unknown): void;
}

export function daemonLog(lang: Lang, write: (line: string) => void): DaemonLog {
  const t = translator(lang);
  return {
    lang,
    line: (vi, en) => write(`vanthu: ${t(vi, en)}`),
    failure(vi, en, thrown) {
      const e = toVanthuError(thrown);
      if (lang === 'en') return write(`vanthu: ${en}: ${e.code}: ${e.message}`);
      write(`vanthu: ${vi}: ${e.code}: ${ERROR_CATALOGUE[e.code].vi}`);
      const detail = e.details?.['detail'];
      if (typeof detail === 'string') write(`vanthu: chi tiết kỹ thuật: ${detail}`);
    },
  };
}
