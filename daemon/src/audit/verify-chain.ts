import { readFileSync } from 'node:fs';
import { type AuditEntry, GENESIS, lineHash, macValid, splitMac } from './entry.js';
import type { AuditKeyring } from './keyring.js';
import { auditFiles } from './log.js';

export interface ChainReport {
  ok: boolean;
  files: number;
  entries: number;
  /** Entries before the keyed chain (written by an older vanthu): checked by their hash chain only. */
  unkeyed: number;
  /** Sequence number of the first entry with a MAC, when there is one. */
  keyedFrom?: number;
  /** The anchor's count, when there is an anchor. */
  anchoredSeq?: number;
  /** The first line that breaks the chain (1-based line within its file; the last line + 1 when lines are missing at the end). */
  broken?: { file: string; line: number; seq: number | null; reason: string };
  /** Error code for a failure: AUDIT_TAMPERED, or AUDIT_KEY_MISSING when MACs cannot be checked here. */
  code?: 'AUDIT_TAMPERED' | 'AUDIT_KEY_MISSING';
}

/**
 * Walks every audit file in order, checking JSON, sequence numbers, each line's `prev` hash and,
 * from the first keyed entry on, its MAC; then compares the end of the chain with the anchor kept
 * outside the files, so lines removed from the end are found too.
 */
export function verifyAuditChain(dir: string, keyring: AuditKeyring): ChainReport {
  const files = auditFiles(dir);
  const key = keyring.key(false);
  const anchor = keyring.readAnchor();
  let prev = GENESIS;
  let seq = 0;
  let entries = 0;
  let keyedFrom = anchor?.keyedFrom;
  let anchoredHead: string | undefined;
  let lastFile = dir;
  let lastLine = 0;
  const report = (): Omit<ChainReport, 'ok'> => ({
    files: files.length,
    entries,
    unkeyed: Math.min(entries, (keyedFrom ?? entries + 1) - 1),
    ...(keyedFrom !== undefined && keyedFrom <= entries ? { keyedFrom } : {}),
    ...(anchor ? { anchoredSeq: anchor.seq } : {}),
  });
  const failAt = (
    file: string,
    line: number,
    reason: string,
    s: number | null,
    code: ChainReport['code'] = 'AUDIT_TAMPERED',
  ): ChainReport => ({ ok: false, ...report(), broken: { file, line, seq: s, reason }, code });

  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const fail = (reason: string, s: number | null = null, code?: ChainReport['code']) =>
        failAt(file, i + 1, reason, s, code);
      const signed = splitMac(line);
      let entry: Partial<AuditEntry>;
      try {
        entry = JSON.parse(signed ? signed.body : line) as Partial<AuditEntry>;
      } catch {
        return fail('not JSON');
      }
      const s = typeof entry.seq === 'number' ? entry.seq : null;
      if (entry.prev !== prev) return fail('prev does not match the hash of the previous entry', s);
      if (s !== seq + 1) return fail(`sequence ${s} where ${seq + 1} was expected`, s);
      if (signed) {
        keyedFrom ??= s;
        if (!key)
          return fail(
            'the audit key is not in this machine’s secret store: MACs cannot be checked',
            s,
            'AUDIT_KEY_MISSING',
          );
        if (!macValid(key, signed.body, signed.mac)) return fail('MAC does not verify with the audit key', s);
      } else if (keyedFrom !== undefined && s >= keyedFrom) {
        return fail(`no MAC, but the keyed chain starts at entry ${keyedFrom}`, s);
      }
      prev = lineHash(line);
      seq = s;
      entries += 1;
      if (anchor && s === anchor.seq) anchoredHead = prev;
      lastFile = file;
      lastLine = i + 1;
    }
  }
  const end = (reason: string) => failAt(lastFile, lastLine + 1, reason, seq + 1);
  if (!anchor) {
    // A keyed log always has an anchor; without one, lines could have been cut from its end unseen.
    if (keyedFrom !== undefined) return end('the anchor of this log is missing from the secret store');
    if (entries > 0 && key) return end('no anchor for this log although this machine keys its audit log');
    return { ok: true, ...report() };
  }
  if (!Number.isInteger(anchor.seq)) return end('the anchor in the secret store is unreadable');
  if (anchor.breaks?.length) {
    const b = anchor.breaks[0]!;
    return end(`on ${b.at} the log ended at entry ${b.foundSeq} although ${b.anchoredSeq} had been written`);
  }
  if (entries < anchor.seq)
    return end(`the log ends at entry ${entries} but ${anchor.seq} were written: entries were removed`);
  if (anchor.seq > 0 && anchoredHead !== anchor.head)
    return end(`entry ${anchor.seq} is not the one the anchor recorded`);
  return { ok: true, ...report() };
}
