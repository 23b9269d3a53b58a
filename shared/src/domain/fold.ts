/**
 * Search key of Vietnamese text: lower case without diacritics ("Ủy ban" and "uy ban" match), đ as d,
 * runs of spaces as one. Pure string work, so the side panel and the daemon fold the same way.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
