import type { Catalogue, FieldDef, FieldObject } from '@vanthu/shared/domain/index';

/** Form state: one string per input, keyed by dotted path ("SignerInfo.FullName", "To.0.OrganId"). */
export type FormState = Readonly<Record<string, string>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Catalogue values (as the daemon sends them) → form strings. */
export function toFormState(fields: Readonly<Record<string, unknown>>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, value] of Object.entries(fields)) {
    const path = `${prefix}${tag}`;
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries())
        if (isObject(item)) Object.assign(out, toFormState(item, `${path}.${i}.`));
    } else if (isObject(value)) Object.assign(out, toFormState(value, `${path}.`));
    else if (typeof value === 'string' || typeof value === 'number') out[path] = String(value);
  }
  return out;
}

/** Number of rows of a repeated group present in the state (at least one). */
export function rowsOf(state: FormState, tag: string): number {
  let rows = 1;
  for (const key of Object.keys(state)) {
    const m = new RegExp(`^${tag}\\.(\\d+)\\.`).exec(key);
    if (m) rows = Math.max(rows, Number(m[1]) + 1);
  }
  return rows;
}

/** What the user may type: neither system fields nor, unless correctable, their children. */
export const editable = (f: FieldDef): boolean => !f.sys || f.correctable === true;

function typedValue(def: FieldDef, raw: string): string | number {
  const text = raw.trim();
  return def.type === 'Number' && /^\d+$/.test(text) ? Number(text) : text;
}

function collect(defs: readonly FieldDef[], state: FormState, prefix: string): FieldObject {
  const out: FieldObject = {};
  for (const def of defs) {
    if (!editable(def)) continue;
    const path = `${prefix}${def.tag}`;
    if (def.type === 'group' && def.children) {
      if (def.repeated) {
        const rows: FieldObject[] = [];
        for (let i = 0; i < rowsOf(state, path); i++) {
          const row = collect(def.children, state, `${path}.${i}.`);
          if (Object.keys(row).length > 0) rows.push(row);
        }
        if (rows.length > 0) out[def.tag] = rows;
      } else {
        const group = collect(def.children, state, `${path}.`);
        if (Object.keys(group).length > 0) out[def.tag] = group;
      }
      continue;
    }
    const raw = state[path];
    if (raw !== undefined && raw.trim() !== '') out[def.tag] = typedValue(def, raw);
  }
  return out;
}

/** Form strings → the catalogue object the daemon validates and stores (empty inputs left out). */
export function toFieldObject(catalogue: Catalogue, state: FormState): FieldObject {
  return collect(catalogue.fields, state, '');
}

/** "YYYY-MM-DD" → "dd/mm/yyyy" as Vietnamese portals show dates. */
function portalDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * The values written into the portal's own registration form (profile `registration` mapping):
 * text and numbers, the signer's parts by their tag paths, dates as dd/mm/yyyy (the content script
 * rewrites them in the profile's dateFormat).
 */
export function portalValues(fields: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [tag, value] of Object.entries(fields)) {
    if (typeof value === 'number') out[tag] = String(value);
    else if (typeof value === 'string') out[tag] = portalDate(value);
    else if (tag === 'SignerInfo' && typeof value === 'object' && value !== null) {
      // The signer's name and position go to their own portal fields (SignerInfo.FullName…).
      for (const [part, text] of Object.entries(value)) {
        if (typeof text === 'string') out[`SignerInfo.${part}`] = text;
      }
    }
  }
  return out;
}
