import type { RegistryService } from '../service.js';
import type { BookKind } from '../types.js';
import { registerBook, type Table } from './register-book.js';

export interface PrintedBookRequest {
  kind: BookKind;
  year: number;
  /** A book's own series; absent or "" = the general book. */
  series?: string | undefined;
}

/**
 * The register book of one kind and year as it is printed (NĐ30 PL IV, title block and all): what
 * `vanthu report incoming|outgoing` writes and the side panel's "In sổ" opens, from the same code.
 */
export async function printedBook(registry: RegistryService, request: PrintedBookRequest): Promise<Table> {
  const series = request.series ?? '';
  const entries = await registry.list({ kind: request.kind, year: request.year, series });
  const { organName, parentOrganName } = registry.context;
  return registerBook(request.kind, request.year, entries, {
    organName,
    ...(parentOrganName ? { parentOrganName } : {}),
    ...(series ? { series } : {}),
  });
}

/** The file name a printed book is saved under: "so-van-ban-den-2026.pdf", "so-van-ban-di-2026-VBQPPL.pdf". */
export function printedBookName(request: PrintedBookRequest): string {
  const series = request.series ? `-${request.series.replace(/[^A-Za-z0-9_-]+/g, '_')}` : '';
  return `so-van-ban-${request.kind === 'incoming' ? 'den' : 'di'}-${request.year}${series}.pdf`;
}
