import { TABLES, type TableName, schemaStatements } from './schema.js';

const CREATE_RE = /^CREATE TABLE IF NOT EXISTS (\w+) \(([\s\S]*)\)$/;
const TABLE_CONSTRAINT_RE = /^(PRIMARY|UNIQUE|FOREIGN|CHECK|CONSTRAINT)\b/i;
const COLUMN_RE = /^([a-z_][a-z0-9_]*)\s/;

/** Splits a column list at the commas outside parentheses. */
function topLevelParts(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * The columns of every table, read from our own DDL (schema.ts), so a column added there is known
 * here at once. A restore names only these in its SQL: column names never come from a backup.
 * A DDL line this cannot read stops the module loading rather than letting a column go unknown.
 */
function columnsFromDdl(): Record<TableName, readonly string[]> {
  const found = new Map<string, string[]>();
  for (const ddl of schemaStatements('sqlite')) {
    const m = CREATE_RE.exec(ddl.trim());
    if (!m) continue;
    const columns: string[] = [];
    for (const part of topLevelParts(m[2]!)) {
      if (TABLE_CONSTRAINT_RE.test(part)) continue;
      const name = COLUMN_RE.exec(part)?.[1];
      if (!name) throw new Error(`schema.ts: cannot read the column definition ${JSON.stringify(part)}`);
      columns.push(name);
    }
    found.set(m[1]!, columns);
  }
  const out = {} as Record<TableName, readonly string[]>;
  for (const t of TABLES) {
    const columns = found.get(t);
    if (!columns) throw new Error(`schema.ts: no CREATE TABLE for ${t}`);
    out[t] = Object.freeze(columns);
  }
  return out;
}

export const TABLE_COLUMNS: Readonly<Record<TableName, readonly string[]>> = columnsFromDdl();
