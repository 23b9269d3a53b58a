import { readFileSync } from 'node:fs';
import { type AuditEntry, GENESIS, lineHash } from './entry.js';
import { auditFiles } from './log.js';

export interface ChainReport {
  ok: boolean;
  files: number;
  entries: number;
  /** The first line that breaks the chain (1-based line within its file). */
  broken?: { file: string; line: number; seq: number | null; reason: string };
}

/** Walks every audit file in order, checking JSON, sequence numbers and each line's `prev` hash. */
export function verifyAuditChain(dir: string): ChainReport {
  const files = auditFiles(dir);
  let prev = GENESIS;
  let seq = 0;
  let entries = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const fail = (reason: string, s: number | null = null): ChainReport => ({
        ok: false,
        files: files.length,
        entries,
        broken: { file, line: i + 1, seq: s, reason },
      });
      let entry: Partial<AuditEntry>;
      try {
        entry = JSON.parse(line) as Partial<AuditEntry>;
      } catch {
        return fail('not JSON');
      }
      const s = typeof entry.seq === 'number' ? entry.seq : null;
      if (entry.prev !== prev) return fail('prev does not match the hash of the previous entry', s);
      if (s !== seq + 1) return fail(`sequence ${s} where ${seq + 1} was expected`, s);
      prev = lineHash(line);
      seq = s;
      entries += 1;
    }
  }
  return { ok: true, files: files.length, entries };
}
