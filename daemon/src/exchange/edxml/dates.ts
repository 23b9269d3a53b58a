const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Normalises yyyy/MM/dd, yyyy-MM-dd or dd/MM/yyyy (time optional) to `yyyy/MM/dd`; undefined if unreadable. */
export function normalizeDate(value: string): { date: string; time?: string; odd: boolean } | undefined {
  const v = value.trim();
  let m = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?/.exec(v);
  let y: string;
  let mo: string;
  let d: string;
  let time: string | undefined;
  let odd: boolean;
  if (m) {
    [, y, , mo, d, time] = m as unknown as [string, string, string, string, string, string | undefined];
    odd = m[2] !== '/';
  } else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?/.exec(v);
    if (!m) return undefined;
    [, d, mo, y, time] = m as unknown as [string, string, string, string, string | undefined];
    odd = true;
  }
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = `${y}/${pad(month)}/${pad(day)}`;
  if (mo.length !== 2 || d.length !== 2) odd = true;
  return time === undefined ? { date, odd } : { date, time: time.length === 5 ? `${time}:00` : time, odd };
}

export function isStrictDate(value: string): boolean {
  return /^\d{4}\/\d{2}\/\d{2}$/.test(value) && normalizeDate(value) !== undefined;
}

/** `yyyy/MM/dd` in Vietnam time (UTC+7), independent of the machine's zone. */
export function formatDate(date: Date): string {
  const t = new Date(date.getTime() + 7 * 3600_000);
  return `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}`;
}

/** `yyyy/MM/dd HH:mm:ss` in Vietnam time (UTC+7). */
export function formatTimestamp(date: Date): string {
  const t = new Date(date.getTime() + 7 * 3600_000);
  return `${formatDate(date)} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}
