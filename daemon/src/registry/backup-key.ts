import { createHash, randomBytes } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { SecretStore } from '../pairing/secret-store.js';

/**
 * The office backup key: 32 random bytes that seal every backup's manifest (HMAC-SHA256), kept in
 * the secret store of the pairing secret under the name `backup-key`. Created by the first backup;
 * a workstation that restores another's backups imports it (`vanthu backup key export/import`).
 */
export const BACKUP_KEY_SECRET = 'backup-key';

const KEY_RE = /^[A-Za-z0-9_-]{43}$/;
/** Key files start with this, so a stray file is not taken for a key. */
const FILE_PREFIX = 'vanthu-backup-key-v1:';

/** Names a key without revealing it (shown when a backup was sealed with another key). */
export function backupKeyId(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function readBackupKey(store: SecretStore): Uint8Array | undefined {
  const text = store.get();
  return text !== undefined && KEY_RE.test(text) ? Buffer.from(text, 'base64url') : undefined;
}

/** The key, created on first use. */
export function ensureBackupKey(store: SecretStore): Uint8Array {
  const existing = readBackupKey(store);
  if (existing) return existing;
  const key = randomBytes(32);
  store.set(key.toString('base64url'));
  return key;
}

export function storeBackupKey(store: SecretStore, key: Uint8Array): void {
  store.set(Buffer.from(key).toString('base64url'));
}

/** The text of an exported key file. */
export function formatBackupKeyFile(key: Uint8Array): string {
  return `${FILE_PREFIX}${Buffer.from(key).toString('base64url')}\n`;
}

export function parseBackupKeyFile(text: string, source: string): Uint8Array {
  const trimmed = text.trim();
  const body = trimmed.startsWith(FILE_PREFIX) ? trimmed.slice(FILE_PREFIX.length) : '';
  if (!KEY_RE.test(body))
    throw new VanthuError(
      'INVALID_INPUT',
      `${source} is not a vanthu backup key file (vanthu backup key export)`,
    );
  return Buffer.from(body, 'base64url');
}
