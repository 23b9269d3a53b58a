import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** One audit record. Never holds a PIN, a secret or document content: only its hash. */
export interface AuditRecord {
  /** What happened: a signature, a verification, or a step of the office workflow (office/). */
  event: 'sign' | 'verify' | 'office';
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
  /** For office: the step taken ("incoming.register", "outgoing.reserve", …). */
  transition?: string;
  /** For office: the register entry or inbox arrival the step was taken on. */
  subject?: string;
}

/** What is written: the record plus its place in the chain. */
export interface AuditEntry extends AuditRecord {
  /** 1-based position in the whole chain (across rotated files). */
  seq: number;
  /** ISO 8601 UTC. */
  time: string;
  /** SHA-256 (hex) of the previous line's bytes (without its newline); 64 zeros for the first. */
  prev: string;
  /**
   * HMAC-SHA256 (hex), with the audit key, of the line's bytes before this field. Present from the
   * first entry written by a vanthu that keys its log; older entries are chained by hash only.
   */
  mac?: string;
}

export const GENESIS = '0'.repeat(64);

export const lineHash = (line: string): string => createHash('sha256').update(line, 'utf8').digest('hex');

/** Audit files sort by name in chain order: audit-000001.jsonl, audit-000002.jsonl, … */
export const auditFileName = (n: number): string => `audit-${String(n).padStart(6, '0')}.jsonl`;
export const AUDIT_FILE_RE = /^audit-(\d{6,})\.jsonl$/;

const MAC_SUFFIX_RE = /,"mac":"([0-9a-f]{64})"\}$/;

const hmac = (key: Uint8Array, body: string): string =>
  createHmac('sha256', key).update(body, 'utf8').digest('hex');

/** The written line: the entry's JSON with its MAC as the last member. */
export function keyedLine(key: Uint8Array, entry: Omit<AuditEntry, 'mac'>): string {
  const body = JSON.stringify(entry);
  return `${body.slice(0, -1)},"mac":"${hmac(key, body)}"}`;
}

/**
 * Splits a line into the JSON the MAC covers and the MAC, or `undefined` for an unkeyed line.
 * The MAC is checked over the exact bytes written, never over re-serialised JSON.
 */
export function splitMac(line: string): { body: string; mac: string } | undefined {
  const m = MAC_SUFFIX_RE.exec(line);
  if (!m) return undefined;
  return { body: `${line.slice(0, m.index)}}`, mac: m[1]! };
}

export function macValid(key: Uint8Array, body: string, mac: string): boolean {
  return timingSafeEqual(Buffer.from(hmac(key, body), 'hex'), Buffer.from(mac, 'hex'));
}
