import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIT_FILE_RE,
  type AuditEntry,
  type AuditRecord,
  GENESIS,
  auditFileName,
  lineHash,
} from './entry.js';

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

/**
 * Append-only, hash-chained JSON-lines audit log, rotated by size: a new file starts when the
 * current one passes `maxFileBytes`, and its first line chains to the last line of the previous file.
 * Appends are synchronous so entries keep their order and survive a crash right after the answer.
 */
export class AuditLog {
  private prev = GENESIS;
  private seq = 0;
  private fileNumber = 1;
  private size = 0;

  constructor(
    readonly dir: string,
    private readonly maxFileBytes = 10 * 1024 * 1024,
    private readonly now: () => Date = () => new Date(),
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const files = auditFiles(dir);
    const last = files.at(-1);
    if (!last) return;
    this.fileNumber = Number(AUDIT_FILE_RE.exec(last.slice(last.lastIndexOf('audit-')))?.[1] ?? 1);
    this.size = statSync(last).size;
    // The tail may be in an earlier file when the newest one is still empty.
    for (let i = files.length - 1; i >= 0; i--) {
      const line = lastLine(files[i]!);
      if (line === undefined) continue;
      this.prev = lineHash(line);
      this.seq = Number((JSON.parse(line) as Partial<AuditEntry>).seq ?? 0);
      break;
    }
  }

  /** Current file being appended to. */
  get file(): string {
    return join(this.dir, auditFileName(this.fileNumber));
  }

  append(record: AuditRecord): AuditEntry {
    if (this.size >= this.maxFileBytes) {
      this.fileNumber += 1;
      this.size = 0;
    }
    const entry: AuditEntry = {
      seq: this.seq + 1,
      time: this.now().toISOString(),
      prev: this.prev,
      ...record,
    };
    const line = JSON.stringify(entry);
    appendFileSync(this.file, `${line}\n`, { mode: 0o600 });
    this.seq = entry.seq;
    this.prev = lineHash(line);
    this.size += Buffer.byteLength(line) + 1;
    return entry;
  }
}
