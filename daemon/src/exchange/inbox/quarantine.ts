import type Database from 'better-sqlite3';

/** An arrival that could not be handled: kept with its bytes and the reason, never retried by itself. */
export interface QuarantinedPackage {
  id: number;
  axisDocId: string;
  messageType: 'edoc' | 'status';
  /** Sender as the axis listed it (the package itself may be unreadable). */
  from: string;
  /** Error code of the refusal; INTERNAL when the failure was not a typed one. */
  code: string;
  reason: string;
  /** Size of the package as fetched; its bytes stay in the store (see `xml`). */
  size: number;
  at: number;
  /** Its bytes are stored, so it can be handled again. */
  kept: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS inbox_quarantine (
  id INTEGER PRIMARY KEY,
  axis_doc_id TEXT NOT NULL UNIQUE,
  message_type TEXT NOT NULL,
  from_org TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  xml BLOB,
  size INTEGER NOT NULL,
  at INTEGER NOT NULL
);
`;

interface Row {
  id: number;
  axis_doc_id: string;
  message_type: 'edoc' | 'status';
  from_org: string;
  code: string;
  reason: string;
  size: number;
  at: number;
  kept: 0 | 1;
}

const COLUMNS = 'id, axis_doc_id, message_type, from_org, code, reason, size, at, xml IS NOT NULL AS kept';

const toPackage = (r: Row): QuarantinedPackage => ({
  id: r.id,
  axisDocId: r.axis_doc_id,
  messageType: r.message_type,
  from: r.from_org,
  code: r.code,
  reason: r.reason,
  size: r.size,
  at: r.at,
  kept: r.kept === 1,
});

/**
 * Packages the inbox refused or failed on, in the exchange database: one bad package is set aside here
 * (and acknowledged to the axis as failed) so the ones behind it keep flowing, and nothing is lost.
 */
export class QuarantineStore {
  constructor(readonly db: Database.Database) {
    db.exec(SCHEMA);
  }

  /**
   * Keeps the package; `xml` is undefined when its content must not be stored (a secret document).
   * A package set aside again (a retry that failed) keeps its row, with the new reason and time.
   */
  add(p: Omit<QuarantinedPackage, 'id' | 'kept'> & { xml: Uint8Array | undefined }): QuarantinedPackage {
    this.db
      .prepare(
        `INSERT INTO inbox_quarantine (axis_doc_id, message_type, from_org, code, reason, xml, size, at)
         VALUES (?,?,?,?,?,?,?,?)
         ON CONFLICT(axis_doc_id) DO UPDATE SET code = excluded.code, reason = excluded.reason, at = excluded.at`,
      )
      .run(
        p.axisDocId,
        p.messageType,
        p.from,
        p.code,
        p.reason,
        p.xml ? Buffer.from(p.xml) : null,
        p.size,
        p.at,
      );
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM inbox_quarantine WHERE axis_doc_id = ?`)
      .get(p.axisDocId) as Row;
    return toPackage(r);
  }

  list(limit = 200): QuarantinedPackage[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM inbox_quarantine ORDER BY at DESC, id DESC LIMIT ?`)
        .all(limit) as Row[]
    ).map(toPackage);
  }

  get(id: number): QuarantinedPackage | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS} FROM inbox_quarantine WHERE id = ?`).get(id) as
      | Row
      | undefined;
    return r ? toPackage(r) : undefined;
  }

  xml(id: number): Uint8Array | undefined {
    const r = this.db.prepare('SELECT xml FROM inbox_quarantine WHERE id = ?').get(id) as
      | { xml: Buffer | null }
      | undefined;
    return r?.xml ? new Uint8Array(r.xml) : undefined;
  }

  /** Drops a package that now lives elsewhere (recorded after a retry). */
  remove(id: number): void {
    this.db.prepare('DELETE FROM inbox_quarantine WHERE id = ?').run(id);
  }
}
