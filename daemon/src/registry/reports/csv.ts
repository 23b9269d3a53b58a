import type { Table } from './register-book.js';

/** RFC 4180 CSV with a UTF-8 BOM (spreadsheet programs then read Vietnamese correctly) and CRLF. */
export function toCsv(table: Table): Uint8Array {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [table.header, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n');
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}
