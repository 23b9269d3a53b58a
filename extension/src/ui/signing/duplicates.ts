import { formatVietnamDate, formatVietnamDateTime } from '@vanthu/shared/domain/index';
import type { ErrorLike } from '../../i18n/errors.js';
import { say } from '../../i18n/language.js';

/** An entry of the register that the sealed document would duplicate (REGISTRY_DUPLICATE details). */
export interface DuplicateEntry {
  readonly id: string;
  /** "Sổ văn bản đi (Sổ chung)", "Sổ văn bản đến". */
  readonly book: string;
  /** "12/QĐ-UBND", or the arrival number of an incoming entry. */
  readonly number: string;
  /** dd/MM/yyyy (the document's date), else the registration time. */
  readonly date: string;
}

type Raw = {
  id?: unknown;
  kind?: unknown;
  series?: unknown;
  number?: unknown;
  registeredAt?: unknown;
  fields?: Record<string, unknown>;
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function describe(d: Raw): DuplicateEntry {
  const f = d.fields ?? {};
  const outgoing = d.kind !== 'incoming';
  const series = text(d.series);
  const book = outgoing
    ? say(`Sổ văn bản đi (${series ?? 'Sổ chung'})`, `Outgoing book (${series ?? 'general book'})`)
    : say(`Sổ văn bản đến${series ? ` (${series})` : ''}`, `Incoming book${series ? ` (${series})` : ''}`);
  const code = text(f['CodeNumber']) && text(f['CodeNotation']);
  const number = code
    ? `${String(f['CodeNumber'])}/${String(f['CodeNotation'])}`
    : say(`số đến ${String(d.number ?? '?')}`, `arrival no. ${String(d.number ?? '?')}`);
  const day = text(f['IssuedDate']) ?? text(f['PromulgationDate']);
  const at = text(d.registeredAt);
  const date = day ? formatVietnamDate(`${day}T12:00:00+07:00`) : at ? formatVietnamDateTime(at) : '';
  return { id: String(d.id ?? ''), book, number, date };
}

/** The entries a REGISTRY_DUPLICATE names; empty for any other error. */
export function duplicatesOf(error: ErrorLike): DuplicateEntry[] {
  const list = error.details?.['duplicates'];
  if (error.code !== 'REGISTRY_DUPLICATE' || !Array.isArray(list)) return [];
  return list.filter((d): d is Raw => typeof d === 'object' && d !== null).map(describe);
}
