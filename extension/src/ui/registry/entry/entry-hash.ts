import type { BookKindName } from '@vanthu/shared/protocol/index';

/** The side-panel address of one register entry (#tab=incoming&entry=…). */
export const entryHash = (kind: BookKindName, id: string): string =>
  `tab=${kind}&entry=${encodeURIComponent(id)}`;

/** The entry an address names, if any. */
export function entryFromHash(hash: string): string | undefined {
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('entry');
  return id && id.length <= 64 ? id : undefined;
}
