import { createHash } from 'node:crypto';

/** One audit record. Never holds a PIN, a secret or document content: only its hash. */
export interface AuditRecord {
  /** What happened. */
  event: 'sign' | 'verify';
  /** Origin header of the connection that asked (the extension), or "cli". */
  origin: string;
  /** SHA-256 (hex) of the input document. */
  documentSha256: string;
  /** Signing role, for sign. */
  role?: string;
  /** Serial number (hex) of the signer's certificate, for sign. */
  certificateSerial?: string;
  /** SHA-256 (hex) of the signed output, for a successful sign. */
  outputSha256?: string;
  /** ok, or the error code; for verify the indication (TOTAL_PASSED, …). */
  result: string;
}

/** What is written: the record plus its place in the chain. */
export interface AuditEntry extends AuditRecord {
  /** 1-based position in the whole chain (across rotated files). */
  seq: number;
  /** ISO 8601 UTC. */
  time: string;
  /** SHA-256 (hex) of the previous line's bytes (without its newline); 64 zeros for the first. */
  prev: string;
}

export const GENESIS = '0'.repeat(64);

export const lineHash = (line: string): string => createHash('sha256').update(line, 'utf8').digest('hex');

/** Audit files sort by name in chain order: audit-000001.jsonl, audit-000002.jsonl, … */
export const auditFileName = (n: number): string => `audit-${String(n).padStart(6, '0')}.jsonl`;
export const AUDIT_FILE_RE = /^audit-(\d{6,})\.jsonl$/;
