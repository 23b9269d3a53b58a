import type Database from 'better-sqlite3';
import { checkOrganId, type FieldIssue, foldVietnamese } from '@vanthu/shared/domain/index';
import type { Agency } from './axis/types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agencies (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, parent_code TEXT, mail TEXT,
  regular INTEGER NOT NULL, search_key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS agencies_meta (id INTEGER PRIMARY KEY CHECK (id = 1), fetched_at INTEGER NOT NULL,
  skipped INTEGER NOT NULL);
`;

/** An agency of the axis's list as the recipient picker shows it. */
export interface CachedAgency extends Agency {
  /** The code has the QĐ20 shape; an irregular one is offered with a warning. */
  regular: boolean;
}

export interface AgencySearch {
  agencies: CachedAgency[];
  /** Matches before the limit. */
  total: number;
  /** Epoch ms of the last refresh, null before the first. */
  fetchedAt: number | null;
  /** Agencies of the last refresh left out because their code is not a usable mã định danh. */
  skipped: number;
}

interface Row {
  code: string;
  name: string;
  parent_code: string | null;
  mail: string | null;
  regular: number;
}

/**
 * The axis's agency list (getAgenciesList / donvilienthongs / getOrganizations), cached in the
 * exchange database so the picker answers without the axis and shows how old its list is.
 */
export class AgencyDirectory {
  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /**
   * Replaces the cache with a fresh list in one transaction. Codes the lenient mã định danh check
   * refuses (empty, spaces, unprintable) cannot be sent to and are skipped; a code listed twice keeps
   * its first entry.
   */
  replace(list: Agency[], at: number): { stored: number; skipped: number; warnings: FieldIssue[] } {
    const warnings: FieldIssue[] = [];
    let skipped = 0;
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO agencies (code, name, parent_code, mail, regular, search_key)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    let stored = 0;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM agencies').run();
      for (const a of list) {
        const code = a.code.trim();
        const check = checkOrganId(code, 'lenient', code);
        if (!check.ok) {
          skipped++;
          warnings.push(...check.issues);
          continue;
        }
        const key = `${foldVietnamese(a.name)} ${code.toLowerCase()}`;
        stored += insert.run(
          code,
          a.name.trim(),
          a.parentCode ?? null,
          a.mail ?? null,
          check.regular ? 1 : 0,
          key,
        ).changes;
      }
      this.db
        .prepare(
          `INSERT INTO agencies_meta (id, fetched_at, skipped) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET fetched_at = excluded.fetched_at, skipped = excluded.skipped`,
        )
        .run(at, skipped);
    })();
    return { stored, skipped, warnings };
  }

  /** Epoch ms of the last refresh, null when the list was never fetched. */
  get fetchedAt(): number | null {
    const row = this.db.prepare('SELECT fetched_at FROM agencies_meta WHERE id = 1').get() as
      | { fetched_at: number }
      | undefined;
    return row ? Number(row.fetched_at) : null;
  }

  /**
   * Agencies whose name or code contains every word of the query, diacritics and case ignored
   * ("so noi vu can tho", "H13"); an exact code first, then by name.
   */
  search(query = '', limit = 50): AgencySearch {
    const words = foldVietnamese(query).split(' ').filter(Boolean);
    const where = words.map(() => "search_key LIKE ? ESCAPE '\\'").join(' AND ') || '1 = 1';
    const params = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM agencies WHERE ${where}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(
        `SELECT code, name, parent_code, mail, regular FROM agencies WHERE ${where}
         ORDER BY (lower(code) = ?) DESC, search_key LIMIT ?`,
      )
      .all(...params, query.trim().toLowerCase(), limit) as Row[];
    const meta = this.db.prepare('SELECT skipped FROM agencies_meta WHERE id = 1').get() as
      | { skipped: number }
      | undefined;
    return {
      agencies: rows.map((r) => ({
        code: r.code,
        name: r.name,
        regular: r.regular === 1,
        ...(r.parent_code ? { parentCode: r.parent_code } : {}),
        ...(r.mail ? { mail: r.mail } : {}),
      })),
      total: Number(total),
      fetchedAt: this.fetchedAt,
      skipped: Number(meta?.skipped ?? 0),
    };
  }
}
