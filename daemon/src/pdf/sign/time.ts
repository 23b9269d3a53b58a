/** Vietnam time (UTC+07:00, no daylight saving) renderings of one instant, whole seconds. */
function parts(d: Date): Record<'Y' | 'M' | 'D' | 'h' | 'm' | 's', string> {
  const v = new Date(Math.floor(d.getTime() / 1000) * 1000 + 7 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    Y: String(v.getUTCFullYear()).padStart(4, '0'),
    M: p(v.getUTCMonth() + 1),
    D: p(v.getUTCDate()),
    h: p(v.getUTCHours()),
    m: p(v.getUTCMinutes()),
    s: p(v.getUTCSeconds()),
  };
}

/** `2019-07-08T14:05:09+07:00` — the time shown with seals and on attachments/copies. */
export function isoVietnam(d: Date): string {
  const t = parts(d);
  return `${t.Y}-${t.M}-${t.D}T${t.h}:${t.m}:${t.s}+07:00`;
}

/** PDF date string for the signature dictionary's /M: `D:20190708140509+07'00'`. */
export function pdfDate(d: Date): string {
  const t = parts(d);
  return `D:${t.Y}${t.M}${t.D}${t.h}${t.m}${t.s}+07'00'`;
}

/** `dd/MM/yyyy` for an ISO date (YYYY-MM-DD). */
export function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
