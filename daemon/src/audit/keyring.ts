import { createHash, randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SecretOpener } from '../pairing/named-secrets.js';

/**
 * Where the log's head is recorded outside the log: deleting lines from the end, or the whole file,
 * leaves the file shorter than its anchor. Updated after every append.
 */
export interface AuditAnchor {
  /** Sequence number of the last entry written. */
  seq: number;
  /** SHA-256 (hex) of that entry's line. */
  head: string;
  /** First sequence number that carries a MAC (earlier entries predate the keyed log). */
  keyedFrom: number;
  /** Times the log was found shorter than this anchor when opened (kept so verify reports them). */
  breaks?: { at: string; anchoredSeq: number; foundSeq: number }[];
}

/** The audit key and the anchor of one audit directory, in the secret store of the pairing secret. */
export interface AuditKeyring {
  /** The HMAC key; created when `create` is set and there is none yet. */
  key(create: boolean): Uint8Array | undefined;
  readAnchor(): AuditAnchor | undefined;
  writeAnchor(anchor: AuditAnchor): void;
  /** Where the secrets are (doctor/verify output; no secret). */
  readonly location: string;
}

const KEY_RE = /^[A-Za-z0-9_-]{43}$/;

/** One anchor per directory (a test or `audit.dir` elsewhere has its own chain). */
function anchorName(dir: string): string {
  let path: string;
  try {
    path = realpathSync(dir);
  } catch {
    path = resolve(dir);
  }
  return `audit-anchor-${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
}

function parseAnchor(text: string | undefined): AuditAnchor | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const a = JSON.parse(text) as Partial<AuditAnchor>;
    if (Number.isInteger(a.seq) && typeof a.head === 'string' && Number.isInteger(a.keyedFrom))
      return a as AuditAnchor;
  } catch {
    // Unreadable: reported as a damaged anchor below.
  }
  return { seq: Number.NaN, head: '', keyedFrom: Number.NaN };
}

export function openAuditKeyring(dir: string, open: SecretOpener): AuditKeyring {
  const keyStore = open('audit-key');
  const anchorStore = open(anchorName(dir));
  return {
    location: `${keyStore.location}; ${anchorStore.location}`,
    key(create) {
      const existing = keyStore.get();
      if (existing !== undefined && KEY_RE.test(existing)) return Buffer.from(existing, 'base64url');
      if (!create) return undefined;
      const fresh = randomBytes(32);
      keyStore.set(fresh.toString('base64url'));
      return fresh;
    },
    readAnchor: () => parseAnchor(anchorStore.get()),
    writeAnchor: (anchor) => anchorStore.set(JSON.stringify(anchor)),
  };
}
