import { foldVietnamese } from '@vanthu/shared/domain/fold';

import type { PortalDateFormat } from '@vanthu/shared/profile/schema';

export { PORTAL_DATE_FORMATS, type PortalDateFormat } from '@vanthu/shared/profile/schema';

/** Registration tags whose values are dates. */
export const DATE_TAGS: ReadonlySet<string> = new Set(['IssuedDate', 'ArrivalDate', 'DueDate']);

/**
 * The value of the `<select>` option meaning `wanted`: an option whose value is `wanted`, else one whose
 * value or text is the same label up to case, diacritics and spacing; undefined when none is.
 */
export function pickOption(
  options: readonly { value: string; text: string }[],
  wanted: string,
): string | undefined {
  const exact = options.find((o) => o.value === wanted);
  if (exact) return exact.value;
  const label = foldVietnamese(wanted);
  if (label === '') return undefined;
  return (
    options.find((o) => foldVietnamese(o.value) === label) ??
    options.find((o) => foldVietnamese(o.text) === label)
  )?.value;
}

/** Reads a date given as yyyy-mm-dd or dd/mm/yyyy (how the side panel sends it); undefined otherwise. */
function dateParts(value: string): { d: string; m: string; y: string } | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (iso) return { y: iso[1] as string, m: iso[2] as string, d: iso[3] as string };
  const vn = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (vn) return { d: vn[1] as string, m: vn[2] as string, y: vn[3] as string };
  return undefined;
}

/** A date in the portal's format; a value that is not a date is returned as it is. */
export function formatPortalDate(value: string, format: PortalDateFormat): string {
  const p = dateParts(value);
  if (!p) return value;
  switch (format) {
    case 'dd/mm/yyyy':
      return `${p.d}/${p.m}/${p.y}`;
    case 'yyyy-mm-dd':
      return `${p.y}-${p.m}-${p.d}`;
    case 'dd-mm-yyyy':
      return `${p.d}-${p.m}-${p.y}`;
    case 'mm/dd/yyyy':
      return `${p.m}/${p.d}/${p.y}`;
  }
}
