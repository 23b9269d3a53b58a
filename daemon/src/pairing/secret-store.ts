import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { Entry } from '@napi-rs/keyring';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Where the pairing secret lives. */
export interface SecretStore {
  readonly kind: 'keychain' | 'file';
  /** Human description for doctor/status (no secret). */
  readonly location: string;
  get(): string | undefined;
  set(secret: string): void;
  delete(): void;
}

const SERVICE = 'vanthu';
const ACCOUNT = 'pairing-secret';
const SECRET_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows)
 * through @napi-rs/keyring: a maintained Rust binding with prebuilt binaries (keytar is archived).
 */
export class KeychainSecretStore implements SecretStore {
  readonly kind = 'keychain';
  readonly location: string;
  private readonly entry: Entry;

  constructor(account = ACCOUNT) {
    this.entry = new Entry(SERVICE, account);
    this.location = `OS keychain service "${SERVICE}" account "${account}"`;
  }

  get(): string | undefined {
    try {
      return this.entry.getPassword() ?? undefined;
    } catch (error) {
      throw new VanthuError('KEYCHAIN_UNAVAILABLE', (error as Error).message, undefined, { cause: error });
    }
  }

  set(secret: string): void {
    try {
      this.entry.setPassword(secret);
    } catch (error) {
      throw new VanthuError('KEYCHAIN_UNAVAILABLE', (error as Error).message, undefined, { cause: error });
    }
  }

  delete(): void {
    try {
      this.entry.deletePassword();
    } catch {
      // Absent already, or no keychain: nothing to delete.
    }
  }

  /** True when a write and read back work (a locked or missing keychain fails here). */
  usable(): boolean {
    const probe = new Entry(SERVICE, `${ACCOUNT}-probe`);
    try {
      const value = randomBytes(8).toString('hex');
      probe.setPassword(value);
      const ok = probe.getPassword() === value;
      probe.deletePassword();
      return ok;
    } catch {
      return false;
    }
  }
}

/** A 0600 file in the per-user config directory, for machines without a usable keychain. */
export class FileSecretStore implements SecretStore {
  readonly kind = 'file';
  readonly location: string;

  constructor(readonly path: string) {
    this.location = path;
  }

  get(): string | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8').trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new VanthuError('IO_ERROR', `${this.path}: ${(error as Error).message}`);
    }
    // A secret readable by others is no secret: tighten it (POSIX only).
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    return text;
  }

  set(secret: string): void {
    writeFileAtomic(this.path, `${secret}\n`, 0o600);
  }

  delete(): void {
    rmSync(this.path, { force: true });
  }
}

/** Reading the real entry can fail where the probe passed (a locked or access-denied item). */
function readable(store: SecretStore): boolean {
  try {
    store.get();
    return true;
  } catch {
    return false;
  }
}

export type SecretStoreMode = 'auto' | 'keychain' | 'file';

/**
 * Opens the configured store; `auto` uses the keychain when it works, else the file. On Linux the
 * keychain is the Secret Service on the session D-Bus: without a session bus the binding can fall
 * back to the kernel keyring, which differs between the browser's session and a systemd service
 * and is lost at logout, so `auto` then prefers the file.
 */
export function openSecretStore(
  mode: SecretStoreMode,
  configDir: string,
  env: NodeJS.ProcessEnv = process.env,
): SecretStore {
  const file = new FileSecretStore(join(configDir, 'pairing.secret'));
  if (mode === 'file') return file;
  const keychain = new KeychainSecretStore();
  if (mode === 'keychain') return keychain;
  if (process.platform === 'linux' && !env['DBUS_SESSION_BUS_ADDRESS']) return file;
  return keychain.usable() && readable(keychain) ? keychain : file;
}

export function newPairingSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The pairing secret, created on first use. */
export function ensurePairingSecret(store: SecretStore): string {
  const existing = store.get();
  if (existing !== undefined && SECRET_RE.test(existing)) return existing;
  const secret = newPairingSecret();
  store.set(secret);
  return secret;
}
