import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../fs/private-files.js';
import { withAppendLock } from './append-lock.js';
import {
  AUDIT_FILE_RE,
  type AuditEntry,
  type AuditRecord,
  GENESIS,
  auditFileName,
  keyedLine,
  lineHash,
} from './entry.js';
import type { AuditAnchor, AuditKeyring } from './keyring.js';

/** Audit files of a directory in chain order. */
export function auditFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => AUDIT_FILE_RE.test(n))
    .sort()
    .map((n) => join(dir, n));
}

function lastLine(file: string): string | undefined {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  return lines.at(-1);
}

/** Where the chain ends on disk: the file being appended to, its size, the last entry. */
function readTail(dir: string): { fileNumber: number; size: number; seq: number; prev: string } {
  const files = auditFiles(dir);
  const last = files.at(-1);
  if (!last) return { fileNumber: 1, size: 0, seq: 0, prev: GENESIS };
  const fileNumber = Number(AUDIT_FILE_RE.exec(last.slice(last.lastIndexOf('audit-')))?.[1] ?? 1);
  const size = statSync(last).size;
  // The tail may be in an earlier file when the newest one is still empty.
  for (let i = files.length - 1; i >= 0; i--) {
    const line = lastLine(files[i]!);
    if (line === undefined) continue;
    const seq = Number((JSON.parse(line) as Partial<AuditEntry>).seq ?? 0);
    return { fileNumber, size, seq, prev: lineHash(line) };
  }
  return { fileNumber, size, seq: 0, prev: GENESIS };
}

export interface AuditLogOptions {
  /** A new file starts when the current one passes this size. */
  maxFileBytes?: number;
  now?: () => Date;
}

/**
 * Append-only JSON-lines audit log, rotated by size: a new file starts when the current one passes
 * `maxFileBytes`, and its first line chains to the last line of the previous file. Each line holds
 * the SHA-256 of the previous one and an HMAC with the audit key (kept in the OS keychain or its
 * file fallback), so rewriting a line means recomputing MACs nobody without the key can; the
 * anchor (count and head hash, kept beside the key) makes removing lines from the end visible.
 * Appends are synchronous so entries keep their order and survive a crash right after the answer;
 * a lock file lets several processes append to one directory in turn.
 */
export class AuditLog {
  private prev = GENESIS;
  private seq = 0;
  private fileNumber = 1;
  private size = 0;
  private readonly key: Uint8Array;
  private readonly maxFileBytes: number;
  private readonly now: () => Date;
  private readonly lockFile: string;
  private anchor: AuditAnchor;

  constructor(
    readonly dir: string,
    readonly keyring: AuditKeyring,
    options: AuditLogOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    this.now = options.now ?? (() => new Date());
    ensurePrivateDir(dir);
    this.lockFile = join(dir, '.audit.lock');
    // Under the lock: a second process opening a fresh log must not create a second key.
    [this.key, this.anchor] = withAppendLock(this.lockFile, () => [keyring.key(true)!, this.catchUp(true)]);
  }

  /** Current file being appended to. */
  get file(): string {
    return join(this.dir, auditFileName(this.fileNumber));
  }

  append(record: AuditRecord): AuditEntry {
    return withAppendLock(this.lockFile, () => {
      this.catchUp(false);
      if (this.size >= this.maxFileBytes) {
        this.fileNumber += 1;
        this.size = 0;
      }
      // Every field of the record is kept; the chain's own fields and the MAC are the log's to set.
      const {
        seq: _seq,
        time: _time,
        prev: _prev,
        mac: _mac,
        ...fields
      } = record as AuditRecord & Partial<AuditEntry>;
      const unsigned: Omit<AuditEntry, 'mac'> = {
        seq: this.seq + 1,
        time: this.now().toISOString(),
        prev: this.prev,
        ...fields,
      };
      const line = keyedLine(this.key, unsigned);
      appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
      this.seq = unsigned.seq;
      this.prev = lineHash(line);
      this.size += Buffer.byteLength(line) + 1;
      this.anchor = { ...this.anchor, seq: this.seq, head: this.prev };
      this.keyring.writeAnchor(this.anchor);
      return JSON.parse(line) as AuditEntry;
    });
  }

  /**
   * Brings this writer up to the chain's real end (another process may have appended) and the anchor
   * up to the file. A file that ends before its anchor lost entries: the anchor keeps a note of it
   * for `audit verify`, and the chain continues from what is left so signing keeps being recorded.
   */
  private catchUp(opening: boolean): AuditAnchor {
    const anchor = this.keyring.readAnchor();
    if (!opening && anchor && anchor.seq === this.seq && anchor.head === this.prev) return this.anchor;
    const tail = readTail(this.dir);
    this.fileNumber = tail.fileNumber;
    this.size = tail.size;
    this.seq = tail.seq;
    this.prev = tail.prev;
    // No anchor yet: entries before the next one predate the keyed log.
    const base: AuditAnchor = anchor ?? { seq: tail.seq, head: tail.prev, keyedFrom: tail.seq + 1 };
    let next: AuditAnchor = { ...base, seq: tail.seq, head: tail.prev };
    if (!Number.isInteger(base.seq) || !Number.isInteger(base.keyedFrom)) {
      next = { seq: tail.seq, head: tail.prev, keyedFrom: tail.seq + 1, breaks: [this.breakAt(NaN)] };
    } else if (tail.seq < base.seq) {
      next = { ...next, breaks: [...(base.breaks ?? []), this.breakAt(base.seq)] };
    }
    if (JSON.stringify(next) !== JSON.stringify(anchor)) this.keyring.writeAnchor(next);
    this.anchor = next;
    return next;
  }

  private breakAt(anchoredSeq: number): { at: string; anchoredSeq: number; foundSeq: number } {
    return { at: this.now().toISOString(), anchoredSeq, foundSeq: this.seq };
  }
}
